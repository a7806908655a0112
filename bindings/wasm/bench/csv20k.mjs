// Times checkCsv on a 20,000-row Control Hub CSV (R-CSV-04's maximum) in
// Node (the wasm build) against the native CLI on the same file, in the same
// run. The file and its 5,000-user org snapshot are generated exactly as the
// core's example `csv_check_20k` builds them.
//
//   node bindings/wasm/bench/csv20k.mjs            # RUNS=15 by default
//
// Needs the wasm build (bindings/wasm/build.sh) and the release CLI
// (`cargo build --release -p wholesale-cli`, built here when missing).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { withTestHooks } from '../tests/hooks.mjs';

const { checkCsv, __checkCsvSummary } = withTestHooks();

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const runs = Number(process.env.RUNS ?? 15);
const ROWS = 20_000;

function makeCsv() {
  const lines = ['User ID/Email (Required),First Name,Last Name,Display Name,Phone Number,Extension,Location,'
    + 'Preferred Webex Site,Jabber Calling,Jabber with Webex Teams,Basic Messaging,Basic Space Meetings,'
    + 'Call on Webex,Webex Calling [Sub1],Webex Suite [Sub1],Webex Meetings [acme.webex.com],Webex Voice [Sub1],Department'];
  for (let i = 0; i < ROWS; i++) {
    const [calling, suite, meetings] = [['TRUE', '', ''], ['', 'TRUE', ''], ['', '', 'TRUE']][i % 3];
    lines.push(`user${i}@acme.example,First${i},Last${i},First${i} Last${i},+1408${String(i).padStart(7, '0')},`
      + `${10_000 + i},${i % 2 === 0 ? 'HQ' : 'Branch'},acme.webex.com,FALSE,FALSE,TRUE,TRUE,TRUE,${calling},${suite},${meetings},,Sales`);
  }
  return `${lines.join('\n')}\n`;
}

function makeOrg() {
  const users = [];
  for (let i = 0; i < ROWS; i += 4) {
    users.push({ email: `user${i}@acme.example`, package: 'webex_calling', phone_number: `+1408${String(i).padStart(7, '0')}`,
      extension: String(10_000 + i), location: 'HQ', licenses: ['basic_messaging'] });
  }
  return JSON.stringify({ package: 'webex_calling', admin_email: 'user0@acme.example', locations: ['HQ', 'Branch'],
    subscribed_packages: ['webex_calling', 'webex_suite', 'webex_meetings', 'webex_voice'], users });
}

const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)] };
};
const fmt = (x) => x.toFixed(1);

const dir = mkdtempSync(join(tmpdir(), 'csv20k-'));
try {
  const csvPath = join(dir, 'users20k.csv');
  const orgPath = join(dir, 'org.json');
  writeFileSync(csvPath, makeCsv());
  writeFileSync(orgPath, makeOrg());

  const cli = join(repo, 'target', 'release', 'wholesale');
  if (!existsSync(cli)) {
    execFileSync('cargo', ['build', '--release', '-q', '-p', 'wholesale-cli'], { cwd: repo, stdio: 'inherit' });
  }

  // Node: the whole call as a page or a script makes it (bytes in, plain objects out).
  const bytes = new Uint8Array(readFileSync(csvPath));
  const org = readFileSync(orgPath, 'utf8');
  let plan = checkCsv(bytes, { org }); // warm-up (compiles the hot paths)
  const node = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    plan = checkCsv(bytes, { org });
    node.push(performance.now() - t);
  }

  // The same check returning only the summary: the rest of checkCsv's time
  // is converting the plan into JS objects.
  const core = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    __checkCsvSummary(bytes, { org });
    core.push(performance.now() - t);
  }

  // Native: the CLI process, reading the file and writing the plan JSON to
  // /dev/null (so the time is the CLI's own, not Node reading a pipe).
  const args = ['csv', 'check', csvPath, '--org', orgPath, '--format', 'json'];
  const devnull = openSync('/dev/null', 'w');
  const native = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    const r = spawnSync(cli, args, { stdio: ['ignore', devnull, 'pipe'] });
    const ms = performance.now() - t;
    if (i > 0) native.push(ms); // the first run warms the page cache
    if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed: ${r.stderr}`);
  }
  closeSync(devnull);
  // One more run, captured, to check that both give the same plan.
  const out = spawnSync(cli, args, { maxBuffer: 256 << 20, encoding: 'utf8' });
  const same = JSON.stringify(JSON.parse(out.stdout)) === JSON.stringify(plan);

  const n = stats(node);
  const c = stats(native);
  const wasm = join(repo, 'bindings', 'wasm', 'pkg', 'node', 'wholesale_core_wasm_bg.wasm');
  console.log(`file: ${ROWS} rows, ${statSync(csvPath).size} bytes; snapshot ${ROWS / 4} users; summary ${JSON.stringify(plan.summary)}`);
  console.log(`node ${process.version} checkCsv (wasm):        min ${fmt(n.min)} ms, median ${fmt(n.median)} ms over ${runs} runs`);
  const k = stats(core);
  console.log(`  of which the check in wasm (summary only): min ${fmt(k.min)} ms, median ${fmt(k.median)} ms`);
  console.log(`native CLI (csv check --format json > /dev/null, whole process): min ${fmt(c.min)} ms, median ${fmt(c.median)} ms over ${runs} runs`);
  console.log(`ratio node/native: min ${(n.min / c.min).toFixed(2)}x, median ${(n.median / c.median).toFixed(2)}x; same plan: ${same}`);
  console.log(`wasm module: ${statSync(wasm).size} bytes`);
  if (!same) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
