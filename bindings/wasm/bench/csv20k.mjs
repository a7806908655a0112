// Times checkCsv on a 20,000-row Control Hub CSV (R-CSV-04's maximum) in
// Node (the wasm build) against the native check on the same file, in the
// same run. The file and its 5,000-user org snapshot (bench/csv20k-data.mjs)
// are generated exactly as the core's `csv_check_20k` builds them (the
// snapshot JSON texts are compared).
//
//   node bindings/wasm/bench/csv20k.mjs            # RUNS=15 by default
//
// Both sides time the same work in each run: reading the snapshot from its
// JSON text, then the check. Native (`csv_check_20k`, in-process):
// `OrgSnapshot::from_json` and `check_bytes`. Wasm: `checkCsv(header, {org:
// text})` on the header line alone (the snapshot read, with the call's
// fixed costs), and `checkCsv(bytes, {org: text}) + .summary` on the whole
// file (the plan stays in wasm memory; this is what a page showing the
// summary pays); the check is their difference. The same call with the
// snapshot as an object (parsed by JSON.parse outside the loop) is printed
// too. Then `toJSON()` (every row converted) and the CLI. Needs the wasm
// build (bindings/wasm/build.sh); the release binaries are built here when
// missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const release = (name) => join(repo, 'target', 'release', name);
for (const [bin, pkg] of [['csv_check_20k', 'wholesale-benches'], ['wholesale', 'wholesale-cli']]) {
  if (!existsSync(release(bin))) {
    execFileSync('cargo', ['build', '--release', '-q', '-p', pkg, '--bin', bin], { cwd: repo, stdio: 'inherit' });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'csv20k-'));
try {
  const csvPath = join(dir, 'users20k.csv');
  const orgPath = join(dir, 'org.json');
  const text = makeCsv();
  const org = makeOrg();
  writeFileSync(csvPath, text);
  writeFileSync(orgPath, org);
  const bytes = new TextEncoder().encode(text);

  // Native: the snapshot read and check_bytes in their own process, timed inside it.
  const out = execFileSync(release('csv_check_20k'), { encoding: 'utf8', env: { ...process.env, RUNS: String(runs) } });
  const part = (label) => {
    const m = new RegExp(`^${label.replace(/[+]/g, '\\+')}: min ([\\d.]+) ms, median ([\\d.]+) ms`, 'm').exec(out);
    if (!m) throw new Error(`unexpected csv_check_20k output (${label}): ${out}`);
    return { min: Number(m[1]), median: Number(m[2]) };
  };
  const native = { snapshot: part('snapshot'), check: part('check'), total: part('snapshot + check') };
  const nativeOrgBytes = Number(/snapshot (\d+) bytes/.exec(out)?.[1]);
  if (nativeOrgBytes !== Buffer.byteLength(org)) {
    throw new Error(`snapshot JSON differs: native ${nativeOrgBytes} bytes, here ${Buffer.byteLength(org)}`);
  }

  // Wasm, in each run: the header-only call (reading the snapshot text),
  // then the whole call as a page makes it (bytes in, the summary out); each
  // plan is freed at once.
  const header = new TextEncoder().encode(text.slice(0, text.indexOf('\n') + 1));
  let summary;
  const whole = (options) => {
    const plan = checkCsv(bytes, options);
    summary = plan.summary;
    plan.free();
  };
  const snapshotMs = [];
  const totalMs = [];
  const checkMs = [];
  whole({ org });
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    checkCsv(header, { org }).free();
    const t1 = performance.now();
    whole({ org });
    const t2 = performance.now();
    snapshotMs.push(t1 - t0);
    totalMs.push(t2 - t1);
    checkMs.push(t2 - t1 - (t1 - t0));
  }
  const wasm = { snapshot: stats(snapshotMs), check: stats(checkMs), total: stats(totalMs) };
  const orgObject = JSON.parse(org);
  const asObject = time(() => whole({ org: orgObject }));
  const objectSnapshot = time(() => checkCsv(header, { org: orgObject }).free());

  // Every row converted to JS objects, as checkCsv returned before the plan stayed in wasm.
  const plan = checkCsv(bytes, { org });
  const toJSON = time(() => plan.toJSON());

  // The CLI process writing the plan JSON to /dev/null, and one more run
  // captured to check that both give the same plan.
  const args = ['csv', 'check', csvPath, '--org', orgPath, '--format', 'json'];
  const devnull = openSync('/dev/null', 'w');
  const cli = time(() => {
    const r = spawnSync(release('wholesale'), args, { stdio: ['ignore', devnull, 'pipe'] });
    if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed: ${r.stderr}`);
  });
  closeSync(devnull);
  const json = spawnSync(release('wholesale'), args, { maxBuffer: 256 << 20, encoding: 'utf8' });
  const same = JSON.stringify(JSON.parse(json.stdout)) === JSON.stringify(plan);

  const ratio = (w, n) => `min ${(w.min / n.min).toFixed(2)}x, median ${(w.median / n.median).toFixed(2)}x`;
  console.log(`file: ${ROWS} rows, ${statSync(csvPath).size} bytes; snapshot ${ROWS / 4} users, ${nativeOrgBytes} bytes of JSON (same text both sides); summary ${JSON.stringify(summary)}`);
  console.log(line('native snapshot read (OrgSnapshot::from_json)', native.snapshot));
  console.log(line('native check (check_bytes)', native.check));
  console.log(line('native snapshot + check (csv_check_20k)', native.total));
  console.log(line(`node ${process.version} wasm snapshot read (checkCsv of the header line, org as JSON text)`, wasm.snapshot));
  console.log(line('wasm check (whole call minus the header-only call, same run)', wasm.check));
  console.log(line('wasm checkCsv + summary (org as JSON text)', wasm.total));
  console.log(`ratio wasm/native, snapshot + check: ${ratio(wasm.total, native.total)} (target <= 1.5x)`);
  console.log(`ratio wasm/native, check alone: ${ratio(wasm.check, native.check)}; snapshot read alone: ${ratio(wasm.snapshot, native.snapshot)}`);
  console.log(line('wasm checkCsv + summary (org as an object, JSON.parse outside the loop)', asObject));
  console.log(`${line('  of which the header-only call with the object', objectSnapshot)}; ratio to native snapshot + check: ${ratio(asObject, native.total)}`);
  console.log(line('plan.toJSON() (every row to JS objects), on top', toJSON));
  console.log(`${line('native CLI (csv check --format json > /dev/null, whole process)', cli)}; same plan: ${same}`);
  console.log(`wasm module: ${statSync(join(repo, 'bindings', 'wasm', 'pkg', 'node', 'wholesale_core_wasm_bg.wasm')).size} bytes`);
  if (!same) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
