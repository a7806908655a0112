// Hostile inputs for the round-two functions: random bytes, a 2 MiB field,
// NaN and mismatched columns, wrong types, deep nesting, huge numbers. Every
// call returns a result or throws an Error with a code (never INTERNAL_ERROR,
// never a raw trap), and the module keeps answering afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as wc from '../js/index.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const usersCsv = readFileSync(`${repo}/samples/users.csv`, 'utf8');

/** fn() returns, or throws an Error with a binding or registry code (not INTERNAL_ERROR). */
function typedOrValue(label, fn) {
  try {
    return fn();
  } catch (e) {
    assert.ok(e instanceof Error, `${label}: threw a non-Error ${String(e)}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: a raw trap`);
    assert.equal(typeof e.code, 'string', `${label}: no code on ${e}`);
    assert.notEqual(e.code, 'INTERNAL_ERROR', `${label}: ${e.message}`);
    assert.ok(e.code === 'INPUT_INVALID' || wc.codeInfo(e.code), `${label}: unknown code ${e.code}`);
    assert.ok(e.message.length < 5000, `${label}: message of ${e.message.length} characters`);
    return e;
  }
}

const blobs = () => [
  new Uint8Array(0),
  new Uint8Array(randomBytes(1 << 16)),
  new Uint8Array([0xff, 0xfe, ...randomBytes(1001)]), // UTF-16 BOM, odd length
  new Uint8Array([0xef, 0xbb, 0xbf]),
  randomBytes(4096).toString('latin1'),
  '\uD800,\uDC00\n'.repeat(100),
  ',,,,\n'.repeat(10_000),
  '"'.repeat(100_001),
];

const BIG = 'x'.repeat(2 * 1024 * 1024 + 1);

test('checkCsv: random bytes and a 2 MiB field give a plan with file errors, never a trap', () => {
  for (const data of blobs()) {
    const plan = typedOrValue('checkCsv blob', () => wc.checkCsv(data));
    assert.ok(!(plan instanceof Error), `checkCsv threw ${plan?.code}`);
    assert.equal(plan.summary.rows, plan.rows.length);
  }
  const huge = wc.checkCsv('User ID/Email,First Name,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n'
    + `ana@acme.example,${BIG},TRUE,acme.webex.com,FALSE,TRUE\n`);
  // R-CSV-04: the cell itself is what is refused (the header is complete).
  const codes = [...huge.file_errors.map((p) => p.code), ...huge.rows.flatMap((r) => r.errors.map((p) => p.code))];
  assert.ok(codes.includes('FIELD_TOO_LARGE'), `the 2 MiB cell is refused: ${codes}`);
  const longMessage = JSON.stringify(huge).length;
  assert.ok(longMessage < 100_000, `the plan does not echo the 2 MiB cell (${longMessage} bytes)`);
  // Org snapshots of the wrong shape or depth.
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  typedOrValue('deep org text', () => wc.checkCsv(usersCsv, { org: deep }));
  let nested = {};
  for (let i = 0; i < 10_000; i++) nested = { users: [nested] };
  typedOrValue('deep org object', () => wc.checkCsv(usersCsv, { org: nested }));
  typedOrValue('org array', () => wc.checkCsv(usersCsv, { org: [1, 2] }));
  typedOrValue('org email number', () => wc.checkCsv(usersCsv, { org: { users: [{ email: 5 }] } }));
  assert.ok(wc.checkCsv(usersCsv).summary.rows > 0, 'still answering');
});

test('readers: random bytes and hostile text give a table or a typed error', () => {
  for (const data of [...blobs(), `Customer Name,Org ID\n${BIG},x\n`]) {
    for (const kind of wc.reportKinds()) typedOrValue(`readReport ${kind}`, () => wc.readReport(kind, data));
    typedOrValue('readCallLegs', () => wc.readCallLegs(data));
    typedOrValue('readQueuedCalls', () => wc.readQueuedCalls(data));
    typedOrValue('weeklyQualityReport', () => wc.weeklyQualityReport(data, '2026-11-25'));
    typedOrValue('queueKpis', () => wc.queueKpis(data, '2026-11-25'));
    typedOrValue('featureUsage', () => wc.featureUsage(data, '2026-11-25'));
    typedOrValue('kpiDashboard', () => wc.kpiDashboard(data, 'calling', '2026-11-25'));
    typedOrValue('subscriptionsFromReport', () => wc.subscriptionsFromReport(data, 'meetings'));
  }
});

test('classifyColumns: NaN columns, mismatched lengths and wrong array types', () => {
  const n = 1000;
  const nan = () => new Float64Array(n).fill(NaN);
  const cols = () => ({
    audio_jitter_ms: nan(), audio_latency_ms: nan(), audio_loss_pct: nan(),
    video_jitter_ms: nan(), video_latency_ms: nan(), video_loss_pct: nan(),
    endpoint_type: new Uint8Array(n), ip_version: new Uint8Array(n).fill(4),
  });
  const all = wc.classifyColumns(cols());
  assert.equal(all.length, n);
  assert.ok(all.every((v) => v === wc.verdictCodes().not_measured), 'NaN metrics are not measured');
  const junk = cols();
  for (const k of Object.keys(junk)) {
    if (junk[k] instanceof Float64Array) junk[k].set([Infinity, -Infinity, -1, 1e308, -0, 5e-324]);
  }
  junk.endpoint_type.set([255, 6, 7]);
  junk.ip_version.set([0, 5, 255]);
  // R-CQ-01: infinite and negative metrics are refused, as classifyLeg refuses them.
  const refused = typedOrValue('junk values', () => wc.classifyColumns(junk));
  assert.ok(refused instanceof Error && refused.code === 'LEG_METRIC_INVALID', String(refused));
  for (const key of Object.keys(cols())) {
    const short = cols();
    short[key] = short[key].subarray(1);
    const e = typedOrValue(`short ${key}`, () => wc.classifyColumns(short));
    assert.equal(e.code, 'LEG_COLUMNS_LENGTH_MISMATCH', key);
    const wrong = cols();
    wrong[key] = Array.from(wrong[key]);
    assert.equal(typedOrValue(`array ${key}`, () => wc.classifyColumns(wrong)).code, 'INPUT_INVALID');
    const missing = cols();
    delete missing[key];
    assert.equal(typedOrValue(`missing ${key}`, () => wc.classifyColumns(missing)).field, key);
  }
  const empty = Object.fromEntries(Object.entries(cols()).map(([k, v]) => [k, v.subarray(0, 0)]));
  assert.equal(wc.classifyColumns(empty).length, 0);
  assert.equal(typedOrValue('NaN policy', () => wc.classifyColumns(cols(), { loss_pct: NaN })).code, 'QUALITY_POLICY_INVALID');
  typedOrValue('policy string', () => wc.classifyColumns(cols(), 'strict'));
  typedOrValue('columns null', () => wc.classifyColumns(null));
});

const nonValues = [undefined, null, NaN, Infinity, -1, 2 ** 64, 10n, 'x', {}, [], () => 1, Symbol('s'), new Date(NaN), new Uint8Array(3)];

test('wrong types, huge numbers and deep nesting in object arguments throw typed errors', () => {
  const calls = {
    customerStatus: (v) => wc.customerStatus(v, '2026-11-25'),
    customerStatusDay: (v) => wc.customerStatus({ name: 'a', package: 'webex_calling' }, v),
    filterCustomers: (v) => wc.filterCustomers(v, '2026-11-25'),
    filterCustomersFilter: (v) => wc.filterCustomers([], '2026-11-25', v),
    kpiDashboard: (v) => wc.kpiDashboard(v, 'calling', '2026-11-25'),
    kpiOptions: (v) => wc.kpiDashboard([], 'calling', '2026-11-25', v),
    writeReport: (v) => wc.writeReport('devices', v),
    writeReportKind: (v) => wc.writeReport(v, []),
    reportFileName: (v) => wc.reportFileName('Devices', 'x', v, v),
    classifyLeg: (v) => wc.classifyLeg(v),
    weeklyQualityReport: (v) => wc.weeklyQualityReport([], v),
    featureUsage: (v) => wc.featureUsage([], v),
    queueKpis: (v) => wc.queueKpis(v, '2026-11-25'),
    validateNewCustomer: (v) => wc.validateNewCustomer(v),
    validateTemplate: (v) => wc.validateTemplate(v),
    validateUser: (v) => wc.validateUser({ name: 'a', package: 'webex_calling' }, v, v),
    validateManualBatch: (v) => wc.validateManualBatch(v, []),
    validatePackageChange: (v) => wc.validatePackageChange({ name: 'a', package: 'webex_calling' }, { email: 'a@b.c' }, v),
    checkTagEdit: (v) => wc.checkTagEdit(v),
    checkApiPayload: (v) => wc.checkApiPayload(v),
    resourceIdDecode: (v) => wc.resourceIdDecode(v),
    resourceIdEncode: (v) => wc.resourceIdEncode(v, v, v),
    resourceIdUuidOf: (v) => wc.resourceIdUuidOf(v),
    sameResource: (v) => wc.sameResource(v, v),
    buildCustomerRequest: (v) => wc.buildCustomerRequest(v, v),
    buildSubscriberRequest: (v) => wc.buildSubscriberRequest(v, v, v),
    regionSelector: (v) => wc.regionSelector(v),
    remediationFor: (v) => wc.remediationFor(v),
    parseReportFileName: (v) => wc.parseReportFileName(v),
  };
  const leg = {
    customer_id: 'c', leg_id: 'l', start_time: '2026-11-18T09:00:00Z', endpoint_type: 'webex_app',
    ip_version: 'v4', audio: { jitter_ms: 1, latency_ms: 1, loss_pct: 0 }, video: null,
  };
  const objects = [
    { name: 'a', package: 'webex_calling', subscriptions: [{ licenses: { total: 2 ** 64 } }] },
    { ...leg, audio: { jitter_ms: NaN, latency_ms: -0, loss_pct: 1e308 } },
    { ...leg, start_time: '+275760-09-13T00:00:00Z' },
    [{ customer_id: 'c', queue: 'q', start_time: '2026-11-18T09:00:00Z', outcome: 'answered', wait_seconds: 2 ** 40 }],
    '{"a":' + '['.repeat(50_000),
  ];
  for (const [name, call] of Object.entries(calls)) {
    for (const v of [...nonValues, ...objects, BIG]) typedOrValue(`${name}(${typeof v})`, () => call(v));
  }
  let deep = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  for (const [name, call] of Object.entries(calls)) typedOrValue(`${name}(deep)`, () => call(deep));
  assert.equal(wc.parsePackage('webex_calling').api_id, 'webex_calling', 'still answering');
});
