// Runs the shared test vectors through the wasm binding. Binding a module
// adds its handler below: `kind: (data, dir) => { ...call, assert... }`,
// reading the case's input and expected outcome as the Rust runner does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as wc from '../js/index.js';
import { discover, runVectors } from './lib/vectors.mjs';

/** Kind -> handler. csv, kpi, status, quality come with their bindings. */
export const handlers = {};

const cases = discover();
const counts = runVectors(test, handlers, cases);

test('shared vectors: discovered and dispatched', () => {
  // Logged so a run shows how many shared vectors the binding really ran.
  console.log(`shared vectors: ${cases.length} found, ${counts.ran} run, ${counts.skipped} skipped (no handler)`);
  assert.equal(counts.ran + counts.skipped, cases.length);
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
