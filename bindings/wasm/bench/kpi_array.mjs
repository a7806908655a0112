// Times kpiDashboard on 100,000 subscriptions by its two input paths in Node
// (the wasm build), in the same run: the subscription details report's bytes,
// and the same subscriptions as an array of JS objects (what the KPI page
// passes when several reports of one date are dropped). The array is the
// library's own reading of the report (`subscriptionsFromReport`), so both
// calls see the same subscriptions; the results are checked equal.
//
//   node bindings/wasm/bench/kpi_array.mjs        # RUNS=7, N=100000 by default
//   LIB=/other/checkout/bindings/wasm/js/index.js node bindings/wasm/bench/kpi_array.mjs
//
// N subscriptions (a multiple of 4): 3N/4 report rows, each a calling
// subscription, every third one a meetings subscription too. LIB times
// another build of the library (before/after a change) on the same input.
// Needs the wasm build (bindings/wasm/build.sh).
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { subscriptionDetailsReport } from '../tests/lib/reports.mjs';

const lib = process.env.LIB ?? new URL('../js/index.js', import.meta.url).href;
const { kpiDashboard, subscriptionsFromReport } = await import(lib);
const runs = Number(process.env.RUNS ?? 7);
const N = Number(process.env.N ?? 100_000);
const AS_OF = '2026-11-25';

/** The median and minimum of `runs` timings of `f`, in ms, and its last result. */
function time(f) {
  const ms = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0], result };
}

const bytes = new TextEncoder().encode(subscriptionDetailsReport((N / 4) * 3, { date: AS_OF, meetings: (i) => i % 3 === 0 }));
const { subscriptions, problems } = subscriptionsFromReport(bytes);
assert.deepEqual(problems, []);
assert.equal(subscriptions.length, N);
const perSub = (ms) => (ms * 1000) / subscriptions.length;
const fromBytes = time(() => kpiDashboard(bytes, 'calling', AS_OF));
const fromArray = time(() => kpiDashboard(subscriptions, 'calling', AS_OF));
assert.deepEqual(fromArray.result, fromBytes.result, 'both paths give the same dashboard');
const show = (name, t) => console.log(`${name.padEnd(28)} median ${t.median.toFixed(1)} ms (min ${t.min.toFixed(1)}), ${perSub(t.median).toFixed(2)} µs/subscription`);
console.log(`kpiDashboard (${lib}), ${subscriptions.length} subscriptions (${(N / 4) * 3} report rows, ${bytes.length} bytes), ${runs} runs, Node ${process.version}`);
show('report bytes', fromBytes);
show('array of subscriptions', fromArray);
console.log(`ratio array / bytes: ${(fromArray.median / fromBytes.median).toFixed(2)}x`);
