// Times checkCsv on a 20,000-row Control Hub CSV (R-CSV-04's maximum) in
// Node (the wasm build) against the native check on the same file, in the
// same run. The file and its 5,000-user org snapshot (bench/csv20k-data.mjs)
// are generated exactly as the core's `csv_check_20k` builds them.
//
//   node bindings/wasm/bench/csv20k.mjs            # RUNS=15 by default
//
// Lines printed: the native check (`csv_check_20k`, the core's check_bytes
// in-process), `checkCsv` + `summary` in wasm (the plan stays in wasm memory;
// this is what a page showing the summary pays), the ratio of the two
// (target <= 1.5x), then `toJSON()` (every row converted) and the CLI. Needs
// the wasm build (bindings/wasm/build.sh); the release binaries are built
// here when missing.
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

  // Native: the core's check_bytes in its own process, timed inside it.
  const out = execFileSync(release('csv_check_20k'), { encoding: 'utf8', env: { ...process.env, RUNS: String(runs) } });
  const m = /min ([\d.]+) ms, median ([\d.]+) ms/.exec(out);
  if (!m) throw new Error(`unexpected csv_check_20k output: ${out}`);
  const native = { min: Number(m[1]), median: Number(m[2]) };

  // Node: the whole call as a page makes it (bytes in, the summary out); the
  // plan stays in wasm and is freed at once.
  let summary;
  const wasm = time(() => {
    const plan = checkCsv(bytes, { org });
    summary = plan.summary;
    plan.free();
  });
  // Of which reading the snapshot (the native bench builds its options
  // outside the timed loop): the same call with the header only.
  const header = new TextEncoder().encode(text.slice(0, text.indexOf('\n') + 1));
  const snapshot = time(() => checkCsv(header, { org }).free());
  // Every row converted to JS objects, as checkCsv returned before the plan stayed in wasm.
  const plan = checkCsv(bytes, { org });
  const whole = time(() => plan.toJSON());

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

  console.log(`file: ${ROWS} rows, ${statSync(csvPath).size} bytes; snapshot ${ROWS / 4} users; summary ${JSON.stringify(summary)}`);
  console.log(line('native check (check_bytes, csv_check_20k)', native));
  console.log(line(`node ${process.version} wasm checkCsv + summary`, wasm));
  console.log(`ratio wasm/native: min ${(wasm.min / native.min).toFixed(2)}x, median ${(wasm.median / native.median).toFixed(2)}x (target <= 1.5x)`);
  console.log(line('  of which reading the 5,000-user snapshot JSON (header-only CSV)', snapshot));
  console.log(line('  plan.toJSON() (every row to JS objects), on top', whole));
  console.log(`${line('native CLI (csv check --format json > /dev/null, whole process)', cli)}; same plan: ${same}`);
  console.log(`wasm module: ${statSync(join(repo, 'bindings', 'wasm', 'pkg', 'node', 'wholesale_core_wasm_bg.wasm')).size} bytes`);
  if (!same) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
