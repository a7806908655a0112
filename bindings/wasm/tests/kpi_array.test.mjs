// kpiDashboard over an array of subscriptions: the one-pass JSON reading
// (convert.rs `exact_json`) gives what reading the array value by value
// gives, and every value JSON would change takes that old path, so it is
// refused (or accepted) exactly as before: a Date where text is expected,
// integers past 2^53, fractions, BigInts, undefined, depth and cycles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kpiDashboard, subscriptionsFromReport } from '../js/index.js';
import { subscriptionDetailsReport } from './lib/reports.mjs';

const AS_OF = '2026-11-25';
const sample = new Uint8Array(readFileSync(new URL('../../../samples/reports/Subscription Details_k3J9x2_2026-11-25.csv', import.meta.url)));
const [first] = subscriptionsFromReport(sample).subscriptions;
const withLicenses = (licenses) => [{ ...first, licenses: { ...first.licenses, ...licenses } }];

/** The typed error of `kpiDashboard(subs)`: `[code, field]` and its message. */
function refusal(subs, options) {
  try {
    kpiDashboard(subs, 'calling', AS_OF, options);
  } catch (e) {
    return { at: [e.code, e.field], message: e.message };
  }
  return assert.fail('accepted');
}

test('R-KPI-01..11 an array of subscriptions gives the dashboard of the report it was read from', () => {
  const bytes = subscriptionDetailsReport(3000);
  const { subscriptions } = subscriptionsFromReport(bytes);
  for (const product of ['calling', 'meetings']) {
    assert.deepEqual(kpiDashboard(subscriptions, product, AS_OF), kpiDashboard(bytes, product, AS_OF));
  }
  // Options as an object: the same reading.
  const options = { window_days: 30 };
  assert.deepEqual(kpiDashboard(subscriptions, 'calling', AS_OF, options), kpiDashboard(bytes, 'calling', AS_OF, options));
});

test('values JSON would change are refused as before, naming the field', () => {
  const bad = [
    ['a Date as the customer name', [{ ...first, customer_name: new Date(0) }], 'subscriptions[0].customer_name', /map/],
    ['2^60 licenses (not exact in a JS number)', withLicenses({ total: 2 ** 60 }), 'subscriptions[0].licenses.total', /floating point/],
    ['a fraction of a license', withLicenses({ total: 5.5 }), 'subscriptions[0].licenses.total', /5\.5/],
    ['NaN licenses', withLicenses({ assigned: NaN }), 'subscriptions[0].licenses.assigned', /NaN/],
  ];
  for (const [label, subs, field, message] of bad) {
    const { at, message: text } = refusal(subs);
    assert.deepEqual(at, ['INPUT_INVALID', field], label);
    assert.match(text, message, label);
  }
  assert.deepEqual(refusal([], { window_dayz: 3 }).at, ['INPUT_INVALID', 'options.window_dayz']);
});

test('depth bombs and cycles are the depth error; BigInt, undefined and a Map read as before', () => {
  let deep = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const cyclic = { ...first };
  cyclic.licenses = cyclic;
  for (const subs of [deep, [cyclic]]) {
    const { at, message } = refusal(subs);
    assert.deepEqual(at, ['INPUT_INVALID', 'subscriptions']);
    assert.match(message, /nested more than 128 levels deep/);
  }
  // JSON.stringify throws on a BigInt, drops undefined and writes a Map as
  // {}: the old reading takes them (a BigInt count, an absent end date, the
  // Map's entries).
  const big = kpiDashboard(withLicenses({ total: 120n }), 'calling', AS_OF);
  assert.deepEqual(big, kpiDashboard(withLicenses({ total: 120 }), 'calling', AS_OF));
  const undef = kpiDashboard([{ ...first, end_date: undefined }], 'calling', AS_OF);
  assert.deepEqual(undef, kpiDashboard([{ ...first, end_date: null }], 'calling', AS_OF));
  assert.deepEqual(kpiDashboard([new Map(Object.entries(first))], 'calling', AS_OF), kpiDashboard([first], 'calling', AS_OF));
});

test('R-KPI-01 a misspelled subscription key is refused naming it, never read as its default', () => {
  // auto_renew misspelled would read as false: a renewing subscription counted as expiring.
  const { at, message } = refusal([{ ...first, autoRenew: true }]);
  assert.equal(at[0], 'INPUT_INVALID');
  assert.match(at[1], /^subscriptions\[0\]/);
  assert.match(message, /autoRenew/);
  const nested = refusal(withLicenses({ asigned: 3 }));
  assert.equal(nested.at[0], 'INPUT_INVALID');
  assert.match(nested.message, /asigned/);
});
