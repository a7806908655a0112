// Runs the shared test vectors through the wasm binding. Binding a module
// adds its handler below: `kind: (data, dir) => { ...call, assert... }`,
// reading the case's input and expected outcome as the Rust runner does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as wc from '../js/index.js';
import { discover, runVectors } from './lib/vectors.mjs';

/** The bytes of a file, as the page and Node callers pass them. */
const bytes = (path) => new Uint8Array(readFileSync(path));

/**
 * Kind -> handler, each reading the case as the Rust runner does
 * (crates/wholesale-core/tests/*_vectors.rs) and comparing the whole result
 * with `expected` by deep equality.
 */
export const handlers = {
  // tests/vectors/csv/<case>/{input.csv, org.json?, case.json}: `expected`
  // is the plan, or `{error: {code, path}}` when the snapshot is refused
  // (R-CSV-21). The snapshot goes in as JSON text and as an object, the two
  // forms checkCsv takes, with the same outcome.
  csv(data, dir) {
    const orgPath = join(dir, 'org.json');
    const orgText = existsSync(orgPath) ? readFileSync(orgPath, 'utf8') : undefined;
    const input = bytes(join(dir, 'input.csv'));
    const orgs = orgText === undefined ? [undefined] : [orgText, JSON.parse(orgText)];
    for (const org of orgs) {
      const form = typeof org === 'string' ? 'org as JSON text' : 'org as an object';
      const run = () => wc.checkCsv(input, { behavior: data.behavior, org });
      if ('error' in data.expected) {
        assert.throws(run, (e) => {
          assert.ok(e instanceof Error, form);
          assert.deepEqual({ code: e.code, path: e.field }, data.expected.error, `${form}: ${e.message}`);
          assert.equal(e.rule, wc.codeInfo(e.code)?.rule, form);
          return true;
        }, form);
        continue;
      }
      const plan = run();
      assert.deepEqual(plan.toJSON(), data.expected, form);
      checkAccounting(plan);
    }
  },
  // tests/vectors/kpi/<name>.json: {input: {product, as_of, options?, subscriptions}, expected},
  // or a trend (R-KPI-13): {input: {product, inputs: [{as_of, subscriptions}]}, expected}
  kpi(data) {
    const { product, as_of: asOf, options, subscriptions, inputs } = data.input;
    if (inputs !== undefined) {
      assert.deepEqual(wc.licenseTrend(inputs, product), data.expected);
      return;
    }
    assert.deepEqual(wc.kpiDashboard(subscriptions, product, asOf, options), data.expected);
  },
  // tests/vectors/status/<name>.json: {input: {as_of, thresholds?, customer}, expected}
  status(data) {
    const { as_of: asOf, thresholds, customer } = data.input;
    assert.deepEqual(wc.customerStatus(customer, asOf, thresholds), data.expected);
  },
  // tests/vectors/quality/<name>.csv + <name>.json: {as_of, policy?, expected};
  // the Rust runner drops problem messages from rejected rows before comparing.
  quality(data, dir, name) {
    const report = wc.weeklyQualityReport(bytes(join(dir, `${name}.csv`)), data.as_of, data.policy);
    for (const row of report.rejected_rows) {
      for (const p of row.problems) delete p.message;
    }
    assert.deepEqual(report, data.expected);
  },
};

/**
 * R-CSV-20 on a plan, as the Rust runner checks every vector: one outcome
 * per planned row, records in file order and not overlapping (`line` ..
 * `last_line`), errors exactly on rejected rows, no rows under a file error.
 */
function checkAccounting(plan) {
  assert.equal(plan.summary.rows, plan.rows.length);
  let previousLast = 1; // the header
  for (const row of plan.rows) {
    assert.ok(Number.isInteger(row.last_line), `line ${row.line}: last_line is ${row.last_line}`);
    assert.ok(row.line > previousLast, `line ${row.line} starts inside the previous record (ends ${previousLast})`);
    assert.ok(row.last_line >= row.line, `line ${row.line}: last_line ${row.last_line}`);
    previousLast = row.last_line;
    assert.equal(row.action === 'rejected', row.errors.length > 0, `line ${row.line}`);
  }
  if (plan.file_errors.length > 0) assert.equal(plan.rows.length, 0, 'file error but rows planned');
}

const cases = discover();
const counts = runVectors(test, handlers, cases);

test('shared vectors: discovered and dispatched', () => {
  // Logged so a run shows how many shared vectors the binding really ran.
  console.log(`shared vectors: ${cases.length} found, ${counts.ran} run, ${counts.skipped} skipped (no handler)`);
  assert.equal(counts.ran + counts.skipped, cases.length);
  assert.equal(counts.skipped, 0, 'every shared vector kind has a handler');
  for (const kind of ['csv', 'kpi', 'status', 'quality']) {
    assert.ok(cases.filter((c) => c.kind === kind).length >= 2, `${kind}: shared vectors found`);
  }
  // Both forms of a CSV case are run: plans, and refused snapshots.
  const csv = cases.filter((c) => c.kind === 'csv');
  assert.ok(csv.some((c) => 'error' in c.data.expected), 'csv: a refused-snapshot case');
  assert.ok(csv.some((c) => c.data.expected.rows?.some((r) => r.last_line > r.line)), 'csv: a record spanning lines');
});

test('the runner discovers cases by kind and dispatches them (self-test)', () => {
  const root = mkdtempSync(join(tmpdir(), 'vectors-'));
  try {
    for (const [kind, name, data] of [
      ['package', 'b-unknown', { input: 'gold', expected_code: 'PACKAGE_UNKNOWN' }],
      ['package', 'a-suite', { input: 'Webex Suite', expected: 'webex_suite' }],
      ['future', 'x', {}],
    ]) {
      mkdirSync(join(root, kind, name), { recursive: true });
      writeFileSync(join(root, kind, name, 'case.json'), JSON.stringify(data));
    }
    mkdirSync(join(root, 'package', 'no-case-file'));
    const found = discover(root);
    assert.deepEqual(found.map((c) => `${c.kind}/${c.name}`), ['future/x', 'package/a-suite', 'package/b-unknown']);
    const seen = [];
    const fakeTest = (name, optsOrFn, fn) => seen.push([name, typeof optsOrFn === 'object' ? 'skip' : (optsOrFn(), 'ran')]);
    const handled = runVectors(fakeTest, {
      package: (data) => {
        if (data.expected) return assert.equal(wc.parsePackage(data.input).api_id, data.expected);
        assert.throws(() => wc.parsePackage(data.input), { code: data.expected_code });
      },
    }, found);
    assert.deepEqual(handled, { ran: 2, skipped: 1 });
    assert.deepEqual(seen.map((s) => s[1]), ['skip', 'ran', 'ran']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
