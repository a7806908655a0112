// R-CSV-04 (and R-REP-05 for the readers): file data is bounded before it
// is read. The binding measures a string or Uint8Array before copying it
// into wasm memory and copies at most maxFileBytes() + 1 bytes, so the core
// refuses an oversize file with FILE_TOO_LARGE instead of the binding
// copying all of it first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as wc from '../js/index.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const LIMIT = wc.maxFileBytes();
const MiB = 1024 * 1024;

const fileCodes = (plan) => plan.file_errors.map((p) => p.code);

test('R-CSV-04 maxFileBytes() is the limit the core checks, FILE_TOO_LARGE its code', () => {
  assert.ok(Number.isSafeInteger(LIMIT) && LIMIT > MiB, `maxFileBytes() = ${LIMIT}`);
  assert.equal(wc.codeInfo('FILE_TOO_LARGE')?.rule, 'R-CSV-04');
  // One byte over is refused, the limit itself is not (the core decides).
  assert.deepEqual(fileCodes(wc.checkCsv(new Uint8Array(LIMIT + 1))), ['FILE_TOO_LARGE']);
  assert.ok(!fileCodes(wc.checkCsv(new Uint8Array(LIMIT))).includes('FILE_TOO_LARGE'));
});

test('R-CSV-04 a 65 MiB zero-filled Uint8Array is FILE_TOO_LARGE, quickly, with nothing planned', () => {
  const started = performance.now();
  const plan = wc.checkCsv(new Uint8Array(65 * MiB));
  const ms = performance.now() - started;
  assert.deepEqual(fileCodes(plan), ['FILE_TOO_LARGE']);
  assert.deepEqual(plan.rows, []);
  assert.equal(plan.summary.rows, 0);
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
});

test('R-CSV-04 a 1 GiB Uint8Array is refused without being copied into wasm memory', () => {
  // Zero-filled typed arrays are backed by untouched pages: only what is
  // copied (written into wasm memory) makes the process resident set grow.
  const huge = new Uint8Array(1024 * MiB);
  const before = process.memoryUsage().rss;
  const plan = wc.checkCsv(huge);
  const grown = process.memoryUsage().rss - before;
  assert.deepEqual(fileCodes(plan), ['FILE_TOO_LARGE']);
  assert.ok(grown < 512 * MiB, `resident memory grew by ${(grown / MiB).toFixed(0)} MiB`);
});

test('R-CSV-04 a huge string is FILE_TOO_LARGE; its UTF-8 length decides, not its UTF-16 length', () => {
  assert.deepEqual(fileCodes(wc.checkCsv('a'.repeat(65 * MiB))), ['FILE_TOO_LARGE']);
  assert.deepEqual(fileCodes(wc.checkCsv('x'.repeat(LIMIT + 1))), ['FILE_TOO_LARGE']);
  // 'é' is one UTF-16 code unit and two UTF-8 bytes: LIMIT / 2 of them are
  // exactly LIMIT bytes (not too large), one ASCII character more is over.
  const half = 'é'.repeat(LIMIT / 2);
  assert.ok(!fileCodes(wc.checkCsv(half)).includes('FILE_TOO_LARGE'), 'exactly the limit in UTF-8');
  assert.deepEqual(fileCodes(wc.checkCsv(`${half}a`)), ['FILE_TOO_LARGE']);
  // Astral characters: two code units, four bytes.
  assert.deepEqual(fileCodes(wc.checkCsv('😀'.repeat(LIMIT / 4 + 1))), ['FILE_TOO_LARGE']);
});

test('R-CSV-04 a string over a third of the limit that fits in UTF-8 is planned, not refused', () => {
  // 3 bytes per code unit would be over the limit; the real encoding is not.
  const header = 'User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n';
  const row = 'ana@acme.example,TRUE,acme.webex.com,FALSE,TRUE\n';
  const text = header + row + '\n'.repeat(Math.ceil(LIMIT / 3) + 1);
  assert.ok(text.length * 3 > LIMIT && text.length <= LIMIT);
  const plan = wc.checkCsv(text);
  assert.deepEqual(plan.file_errors, []);
  assert.deepEqual(plan.rows.map((r) => [r.email, r.action]), [['ana@acme.example', 'add']]);
});

test('R-CSV-04 the sample file is planned whole, as text or bytes', () => {
  const path = `${repo}/samples/users.csv`;
  const fromBytes = wc.checkCsv(new Uint8Array(readFileSync(path)));
  assert.deepEqual(fromBytes.file_errors, []);
  assert.ok(fromBytes.summary.rows > 10);
  assert.deepEqual(wc.checkCsv(readFileSync(path, 'utf8')), fromBytes);
});

test('R-CSV-04, R-REP-05 the report and call readers throw FILE_TOO_LARGE over the limit', () => {
  const over = new Uint8Array(LIMIT + 1);
  const text = 'a'.repeat(LIMIT + 1);
  const calls = [
    ['readReport', (d) => wc.readReport('devices', d)],
    ['subscriptionsFromReport', (d) => wc.subscriptionsFromReport(d, 'calling')],
    ['kpiDashboard', (d) => wc.kpiDashboard(d, 'calling', '2026-11-25')],
    ['readCallLegs', (d) => wc.readCallLegs(d)],
    ['readQueuedCalls', (d) => wc.readQueuedCalls(d)],
    ['weeklyQualityReport', (d) => wc.weeklyQualityReport(d, '2026-11-25')],
    ['featureUsage', (d) => wc.featureUsage(d, '2026-11-25')],
    ['queueKpis', (d) => wc.queueKpis(d, '2026-11-25')],
  ];
  for (const [name, call] of calls) {
    for (const data of [over, text]) {
      assert.throws(() => call(data), (e) => {
        assert.equal(e.code, 'FILE_TOO_LARGE', `${name}: ${e.code} ${e.message}`);
        assert.equal(e.rule, 'R-CSV-04', name);
        assert.equal(e.field, 'data', name);
        assert.match(e.message, new RegExp(String(LIMIT)), name);
        return true;
      }, name);
    }
  }
  // At the limit they read the data (zeros: a typed error of another kind).
  for (const data of [new Uint8Array(LIMIT), 'a'.repeat(LIMIT)]) {
    let code = null;
    try {
      wc.readCallLegs(data);
    } catch (e) {
      code = e.code;
    }
    assert.notEqual(code, 'FILE_TOO_LARGE');
  }
});
