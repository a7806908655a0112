// Times checkCsv on a 20,000-row Control Hub CSV (R-CSV-04's maximum) in
// Node (the wasm build) against the native check on the same file, in the
// same run. The file and its 5,000-user org snapshot (bench/csv20k-data.mjs)
// are generated exactly as the core's `csv_check_20k` builds them (the
// snapshot JSON texts are compared).
//
//   node bindings/wasm/bench/csv20k.mjs            # RUNS=15 by default
//   taskset -c 1 node bindings/wasm/bench/csv20k.mjs   # both sides on one core (this
//                                                 # VM's cores differ in speed)
//
// Both sides time the same work in each run (each part freeing what it
// made: the snapshot, the plan): reading the snapshot from the
// bytes of its JSON file, then the check. Native (`csv_check_20k`,
// in-process): `OrgSnapshot::from_json_bytes` and `check_bytes`. Wasm:
// `checkCsv(header, {org: orgBytes})` on the header line alone (the
// snapshot read, with the call's fixed costs), and `checkCsv(bytes, {org:
// orgBytes}) + .summary` on the whole file (the plan stays in wasm memory;
// this is what a page showing the summary of two dropped files pays); the
// check is their difference. The same call with the snapshot as JSON text
// and as an object (parsed by JSON.parse outside the loop) is printed too.
// Then `toJSON()` (every row converted) and the CLI. Needs the wasm
// build (bindings/wasm/build.sh); the native binaries are built here
// (`--profile dist`).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { checkCsv } from '../js/index.js';
import { makeCsv, makeOrg, ROWS } from './csv20k-data.mjs';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const runs = Number(process.env.RUNS ?? 15);

const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)] };
};
const fmt = (x) => x.toFixed(1);
const line = (label, s) => `${label}: min ${fmt(s.min)} ms, median ${fmt(s.median)} ms over ${runs} runs`;

/** `runs` timings of `fn` after one warm-up call (compiles the hot paths). */
function time(fn) {
  fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return stats(ms);
}

// The profile every measurement uses (docs/benchmarks.md): fat LTO over one
// codegen unit, as the wasm module's release profile. Built each time, so a
// stale binary is never timed (cargo does nothing when it is fresh).
const dist = (name) => join(repo, 'target', 'dist', name);
execFileSync('cargo', ['build', '--profile', 'dist', '-q', '-p', 'wholesale-benches', '--bin', 'csv_check_20k', '-p', 'wholesale-cli', '--bin', 'wholesale'], {
  cwd: repo,
  stdio: 'inherit',
});

const dir = mkdtempSync(join(tmpdir(), 'csv20k-'));
try {
  const csvPath = join(dir, 'users20k.csv');
  const orgPath = join(dir, 'org.json');
  const text = makeCsv();
  const org = makeOrg();
  writeFileSync(csvPath, text);
  writeFileSync(orgPath, org);
  const bytes = new TextEncoder().encode(text);
  const orgBytes = new TextEncoder().encode(org);

  // Native: the snapshot read and check_bytes in their own process, timed
  // inside it: one run for each line written to it (ON_REQUEST=1).
  const sizes = execFileSync(dist('csv_check_20k'), { encoding: 'utf8', env: { ...process.env, RUNS: '1' } });
  const nativeOrgBytes = Number(/snapshot (\d+) bytes/.exec(sizes)?.[1]);
  if (nativeOrgBytes !== Buffer.byteLength(org)) {
    throw new Error(`snapshot JSON differs: native ${nativeOrgBytes} bytes, here ${Buffer.byteLength(org)}`);
  }
  const server = spawn(dist('csv_check_20k'), { env: { ...process.env, ON_REQUEST: '1' }, stdio: ['pipe', 'pipe', 'inherit'] });
  const replies = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  const nativeRuns = { snapshot: [], check: [], total: [] };
  const nativeRun = async () => {
    server.stdin.write('run\n');
    const { value, done } = await replies.next();
    if (done) throw new Error('csv_check_20k stopped');
    const [snapshot, check, total] = value.split(' ').map(Number);
    nativeRuns.snapshot.push(snapshot);
    nativeRuns.check.push(check);
    nativeRuns.total.push(total);
  };

  // Wasm, in each run: the header-only call (reading the snapshot), then
  // the whole call as a page makes it (the file's bytes in, the summary
  // out); each plan is freed at once.
  const header = new TextEncoder().encode(text.slice(0, text.indexOf('\n') + 1));
  let summary;
  const whole = (options) => {
    const plan = checkCsv(bytes, options);
    summary = plan.summary;
    plan.free();
  };
  // The snapshot in each form a caller may hold it: the file's bytes (the
  // target's line), its text, the object JSON.parse made of it.
  const forms = { bytes: orgBytes, text: org, object: JSON.parse(org) };
  const wasmRuns = Object.fromEntries(Object.keys(forms).map((form) => [form, { snapshot: [], check: [], total: [] }]));
  const wasmRun = (form) => {
    const options = { org: forms[form] };
    const t0 = performance.now();
    checkCsv(header, options).free();
    const t1 = performance.now();
    whole(options);
    const t2 = performance.now();
    wasmRuns[form].snapshot.push(t1 - t0);
    wasmRuns[form].total.push(t2 - t1);
    wasmRuns[form].check.push(t2 - t1 - (t1 - t0));
  };

  // This machine's speed drifts over seconds (a shared VM): the sides take
  // turns run by run, after a warm-up of each.
  await nativeRun();
  for (const form of Object.keys(forms)) wasmRun(form);
  for (const times of [nativeRuns, ...Object.values(wasmRuns)]) {
    for (const list of Object.values(times)) list.length = 0;
  }
  for (let i = 0; i < runs; i++) {
    await nativeRun();
    for (const form of Object.keys(forms)) wasmRun(form);
  }
  server.stdin.end();
  const statsOf = (times) => ({ snapshot: stats(times.snapshot), check: stats(times.check), total: stats(times.total) });
  const native = statsOf(nativeRuns);
  const wasm = statsOf(wasmRuns.bytes);
  const asText = statsOf(wasmRuns.text);
  const asObject = statsOf(wasmRuns.object);

  // Every row converted to JS objects, as checkCsv returned before the plan stayed in wasm.
  const plan = checkCsv(bytes, { org: orgBytes });
  const toJSON = time(() => plan.toJSON());

  // The CLI process writing the plan JSON to /dev/null, and one more run
  // captured to check that both give the same plan.
  const args = ['csv', 'check', csvPath, '--org', orgPath, '--format', 'json'];
  const devnull = openSync('/dev/null', 'w');
  const cli = time(() => {
    const r = spawnSync(dist('wholesale'), args, { stdio: ['ignore', devnull, 'pipe'] });
    if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed: ${r.stderr}`);
  });
  closeSync(devnull);
  const json = spawnSync(dist('wholesale'), args, { maxBuffer: 256 << 20, encoding: 'utf8' });
  const same = JSON.stringify(JSON.parse(json.stdout)) === JSON.stringify(plan);

  const ratio = (w, n) => `min ${(w.min / n.min).toFixed(2)}x, median ${(w.median / n.median).toFixed(2)}x`;
  // Each wasm run over the native run just before it: the pairs share the
  // machine's speed of the moment, so their median is the figure to compare.
  const paired = (w, n) => {
    const r = w.map((t, i) => t / n[i]).sort((a, b) => a - b);
    const at = (q) => r[Math.min(r.length - 1, Math.floor(q * r.length))];
    return `median ${at(0.5).toFixed(2)}x (quartiles ${at(0.25).toFixed(2)}x-${at(0.75).toFixed(2)}x)`;
  };
  console.log(`file: ${ROWS} rows, ${statSync(csvPath).size} bytes; snapshot ${ROWS / 4} users, ${nativeOrgBytes} bytes of JSON (same text both sides); summary ${JSON.stringify(summary)}`);
  console.log(line('native snapshot read (OrgSnapshot::from_json_bytes)', native.snapshot));
  console.log(line('native check (check_bytes)', native.check));
  console.log(line('native snapshot + check (csv_check_20k)', native.total));
  console.log(line(`node ${process.version} wasm snapshot read (checkCsv of the header line, org as the JSON file's bytes)`, wasm.snapshot));
  console.log(line('wasm check (whole call minus the header-only call, same run)', wasm.check));
  console.log(line('wasm checkCsv + summary (org as bytes)', wasm.total));
  console.log(`ratio wasm/native, snapshot + check, run by run: ${paired(wasmRuns.bytes.total, nativeRuns.total)} (target <= 1.5x)`);
  console.log(`ratio wasm/native, snapshot + check, of the pooled runs: ${ratio(wasm.total, native.total)}`);
  console.log(`ratio wasm/native, run by run, check alone: ${paired(wasmRuns.bytes.check, nativeRuns.check)}; snapshot read alone: ${paired(wasmRuns.bytes.snapshot, nativeRuns.snapshot)}`);
  console.log(`${line('wasm checkCsv + summary (org as JSON text)', asText.total)}; ratio to native snapshot + check, run by run: ${paired(wasmRuns.text.total, nativeRuns.total)}`);
  console.log(line('  of which the header-only call with the text', asText.snapshot));
  console.log(`${line('wasm checkCsv + summary (org as an object, JSON.parse outside the loop)', asObject.total)}; ratio to native snapshot + check, run by run: ${paired(wasmRuns.object.total, nativeRuns.total)}`);
  console.log(line('  of which the header-only call with the object', asObject.snapshot));
  console.log(line('plan.toJSON() (every row to JS objects), on top', toJSON));
  console.log(`${line('native CLI (csv check --format json > /dev/null, whole process)', cli)}; same plan: ${same}`);
  console.log(`wasm module: ${statSync(join(repo, 'bindings', 'wasm', 'pkg', 'node', 'wholesale_core_wasm_bg.wasm')).size} bytes`);
  if (!same) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
