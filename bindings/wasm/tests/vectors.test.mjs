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
  // tests/vectors/csv/<case>/{input.csv, org.json?, case.json}
  csv(data, dir) {
    const orgPath = join(dir, 'org.json');
    const org = existsSync(orgPath) ? readFileSync(orgPath, 'utf8') : undefined;
    const plan = wc.checkCsv(bytes(join(dir, 'input.csv')), { behavior: data.behavior, org });
    assert.deepEqual(plan, data.expected);
  },
  // tests/vectors/kpi/<name>.json: {input: {product, as_of, options?, subscriptions}, expected}
  kpi(data) {
    const { product, as_of: asOf, options, subscriptions } = data.input;
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
