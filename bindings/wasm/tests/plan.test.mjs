// checkCsv's plan stays in wasm memory (CsvPlan, ts/plan.ts): rows convert
// when read, select/facets run in the core, the workflow files come from the
// plan held; a trap inside a method is an INTERNAL_ERROR and a plan from
// before the reset refuses to answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as wc from '../js/index.js';
import { withTestHooks } from './hooks.mjs';
import { filterRows, throwsCode } from './lib/checks.mjs';
import { makeCsv, makeOrg } from '../bench/csv20k-data.mjs';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const bytes = (name) => new Uint8Array(readFileSync(join(repo, 'samples', name)));
const OPTIONS = { behavior: 'add_and_remove', org: readFileSync(join(repo, 'samples', 'org.json'), 'utf8') };
const CSV = bytes('users.csv');

test('R-CSV-20 the plan converts on read: JSON, rows, slices and counts equal the whole plan', () => {
  const plan = wc.checkCsv(CSV, OPTIONS);
  const json = plan.toJSON();
  assert.deepEqual(Object.keys(json), ['file_errors', 'file_warnings', 'rows', 'summary']);
  assert.equal(JSON.stringify(plan), JSON.stringify(json));
  assert.deepEqual({ ...plan }, json, 'the enumerable fields are the JSON');
  assert.equal(plan.rowCount, json.rows.length);
  assert.equal(plan.summary.rows, json.rows.length);
  assert.deepEqual(plan.summary, json.summary);
  assert.deepEqual(plan.file_warnings, json.file_warnings);
  assert.deepEqual(plan.file_errors, []);
  assert.deepEqual(plan.rows, json.rows);
  assert.equal(plan.rows, plan.rows, 'rows are converted once and kept');
  json.rows.forEach((r, i) => assert.deepEqual(plan.row(i), r, `row ${i}`));
  assert.deepEqual(plan.rowsSlice(), json.rows);
  assert.deepEqual(plan.rowsSlice(3, 7), json.rows.slice(3, 7));
  assert.deepEqual(plan.rowsSlice(5), json.rows.slice(5));
  assert.deepEqual(plan.rowsSlice(7, 3), []);
  assert.deepEqual(plan.rowsSlice(0, 10_000), json.rows, 'end is clamped');
  assert.deepEqual(plan.rowsAt([4, 0, 4]), [json.rows[4], json.rows[0], json.rows[4]]);
  assert.deepEqual(plan.rowsAt(new Uint32Array()), []);
  assert.equal(plan.hasRejections(), json.summary.rejected > 0);
  // Two plans of different files differ under deep equality; of the same, they are equal.
  assert.notDeepEqual(wc.checkCsv(CSV), plan);
  assert.deepEqual(wc.checkCsv(CSV, OPTIONS), plan);
});

test('R-CSV-20 select equals a plain filter of the rows, for every action, code, column and an e-mail', () => {
  const plan = wc.checkCsv(CSV, OPTIONS);
  const json = plan.toJSON();
  const facets = plan.facets();
  assert.ok(facets.actions.length >= 2 && facets.codes.length >= 2 && facets.columns.length >= 2, JSON.stringify(facets));
  const queries = [
    {},
    ...facets.actions.map((f) => ({ action: f.action })),
    ...facets.codes.map((f) => ({ code: f.code })),
    ...facets.columns.map((f) => ({ column: f.column })),
    { email: 'ACME' }, { email: 'zzz-nobody' }, { email: '' },
    { action: 'rejected', email: json.rows.find((r) => r.action === 'rejected').email.slice(0, 3).toUpperCase() },
  ];
  for (const q of queries) {
    const selected = plan.select(q);
    assert.ok(selected instanceof Uint32Array);
    assert.deepEqual([...selected], filterRows(json, q), JSON.stringify(q));
  }
  for (const f of facets.actions) assert.equal(f.rows, filterRows(json, { action: f.action }).length, f.action);
  for (const f of facets.codes) assert.equal(f.rows, filterRows(json, { code: f.code }).length, f.code);
  for (const f of facets.columns) assert.equal(f.rows, filterRows(json, { column: f.column }).length, f.column);
  assert.equal(facets.actions.reduce((n, f) => n + f.rows, 0), json.rows.length);
  assert.deepEqual([...plan.select()], json.rows.map((_, i) => i));
  assert.deepEqual([...plan.select(null)], json.rows.map((_, i) => i));
});

test('R-CSV-20 select at 20,000 rows: the bench file with bad rows, by code, column and e-mail', () => {
  const plan = wc.checkCsv(makeCsv(20_000, { bad: 97 }), { org: makeOrg() });
  const json = plan.toJSON();
  assert.equal(plan.rowCount, 20_000);
  for (const q of [{ code: 'EXTENSION_INVALID' }, { column: 'Extension' }, { code: 'EMAIL_INVALID' },
    { action: 'rejected' }, { action: 'modify' }, { email: 'USER1999' }]) {
    const expected = filterRows(json, q);
    assert.ok(expected.length > 0, JSON.stringify(q));
    assert.deepEqual([...plan.select(q)], expected, JSON.stringify(q));
  }
});

test('the workflow files and the review come from the plan held, equal to the free functions', () => {
  const plan = wc.checkCsv(CSV, OPTIONS);
  assert.deepEqual(plan.review(), wc.reviewCsv(CSV, OPTIONS));
  assert.deepEqual(plan.readyFile(), wc.readyFile(CSV, OPTIONS));
  assert.deepEqual(plan.rejectedFile(), wc.rejectedFile(CSV, OPTIONS));
  assert.ok(plan.readyFile().length > 0 && plan.rejectedFile().length > 0);
  const refused = wc.checkCsv(new Uint8Array([0xff, 0xfe, 0x00]));
  throwsCode(() => refused.readyFile(), 'OUTPUT_FILE_REFUSED');
});

test('hostile arguments to the plan methods are INPUT_INVALID naming the argument, never a trap', () => {
  const plan = wc.checkCsv(CSV, OPTIONS);
  for (const bad of [-1, 1.5, NaN, Infinity, plan.rowCount, 2 ** 53, '1', null, undefined, {}, 10n]) {
    throwsCode(() => plan.row(bad), 'INPUT_INVALID', 'index');
  }
  for (const bad of [-1, 0.5, NaN, '2', {}]) {
    throwsCode(() => plan.rowsSlice(bad), 'INPUT_INVALID', 'start');
    throwsCode(() => plan.rowsSlice(0, bad), 'INPUT_INVALID', 'end');
  }
  throwsCode(() => plan.rowsAt([plan.rowCount]), 'INPUT_INVALID', 'indices');
  throwsCode(() => plan.rowsAt([0, 2 ** 32 - 1]), 'INPUT_INVALID', 'indices');
  throwsCode(() => plan.select({ acton: 'add' }), 'INPUT_INVALID', 'query.acton');
  throwsCode(() => plan.select({ action: 'delete' }), 'INPUT_INVALID', 'query.action');
  throwsCode(() => plan.select({ code: 'NOPE' }), 'INPUT_INVALID', 'query.code');
  throwsCode(() => plan.select({ email: 5 }), 'INPUT_INVALID', 'query.email');
  throwsCode(() => plan.select('rejected'), 'INPUT_INVALID', 'query');
  try {
    assert.equal(plan.select({ column: '\uD800' }).length, 0, 'a lone surrogate matches no column');
  } catch (e) {
    assert.equal(e.code, 'INPUT_INVALID', e.message);
  }
  assert.equal(plan.select({ email: 'x'.repeat(100_000) }).length, 0, 'a long search is an answer');
  assert.equal(plan.rowCount, 14, 'still answering');
});

test('a trap inside a plan method is an INTERNAL_ERROR; plans from before the reset refuse to answer', () => {
  const hooked = withTestHooks();
  const old = hooked.checkCsv(CSV, OPTIONS);
  const oldJson = old.toJSON();
  const victim = hooked.checkCsv(CSV, OPTIONS);
  const e = throwsCode(() => victim.__debugPanic('method boom'), 'INTERNAL_ERROR', null);
  assert.match(e.message, /method boom/);
  assert.match(e.message, /CsvPlan\.__debugPanic/);
  assert.ok(e.cause instanceof WebAssembly.RuntimeError);
  for (const [name, use] of [['summary', (p) => p.summary], ['rows', (p) => p.rows], ['row', (p) => p.row(0)],
    ['select', (p) => p.select({})], ['toJSON', (p) => JSON.stringify(p)], ['readyFile', (p) => p.readyFile()],
    ['rowCount', (p) => p.rowCount]]) {
    for (const plan of [old, victim]) {
      const stale = throwsCode(() => use(plan), 'INPUT_INVALID', 'plan');
      assert.match(stale.message, /before the module was reset/, name);
    }
  }
  // Freeing a stale plan frees nothing of the new instance: a fresh plan answers, whole.
  old.free();
  victim.free();
  const fresh = hooked.checkCsv(CSV, OPTIONS);
  assert.deepEqual(fresh.toJSON(), oldJson);
  assert.deepEqual(wc.checkCsv(CSV, OPTIONS).toJSON(), oldJson, 'the package entry is unaffected');
});

test('a freed plan throws a typed error; free twice is harmless', () => {
  const plan = wc.checkCsv(CSV);
  plan.free();
  plan.free();
  const e = throwsCode(() => plan.summary, 'INPUT_INVALID', 'plan');
  assert.match(e.message, /freed/);
  throwsCode(() => plan.select(), 'INPUT_INVALID', 'plan');
  assert.equal(wc.checkCsv(CSV).rowCount, 14);
});
