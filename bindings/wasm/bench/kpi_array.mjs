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

const lib = process.env.LIB ?? new URL('../js/index.js', import.meta.url).href;
const { kpiDashboard, subscriptionsFromReport } = await import(lib);
const runs = Number(process.env.RUNS ?? 7);
const N = Number(process.env.N ?? 100_000);
const AS_OF = '2026-11-25';

/** A report of `n` rows with the sample's columns (R-REP-01), both product lines. */
function report(n) {
  const lines = ['Calculation Date,Customer Name,Customer Org ID,Subscription Status,Subscription ID,Subscription Type,'
    + 'Total Users in Org,Total Verified Users,Auto Renewal Enabled,Expiration / Renewal Date,'
    + 'Meetings License (Available),Meetings License (Assigned),Meetings License (Used),'
    + 'Calling Professional License (Available),Calling Professional License (Assigned),Calling Professional License (Used),'
    + 'Calling Standard License (Available),Calling Standard License (Assigned),Calling Standard License (Used)'];
  const day = (offset) => new Date(Date.UTC(2026, 10, 25 + offset)).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    const h = (i * 2654435761) >>> 0;
    const total = 5 + (h % 200);
    const assigned = Math.floor(total * ((h >>> 8) % 120) / 100);
    const used = Math.floor(assigned * ((h >>> 16) % 100) / 100);
    const meet = i % 3 === 0 ? [20, 20 - (h % 7), 10] : [0, 0, 0];
    lines.push([
      AS_OF, `Customer ${i % 30011}`, `org-${i % 30011}`, 'Active', `Sub-${i}`, (h >>> 3) % 9 === 0 ? 'Trial' : 'Paid',
      total + 3, total, (h >>> 5) % 2 ? 'Yes' : 'No', day(((h >>> 10) % 500) - 30),
      ...meet, total, assigned, used, (h >>> 7) % 4, (h >>> 7) % 3, 0,
    ].join(','));
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

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

const bytes = report((N / 4) * 3);
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
