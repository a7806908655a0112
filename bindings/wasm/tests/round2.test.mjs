// The round-two API: CSV import plan, status, KPIs, reports, quality,
// provisioning and API helpers, called as a Node user would, with results
// compared to the native CLI or to the core's rules where possible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as wc from '../js/index.js';
import { throwsCode } from './lib/checks.mjs';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const sample = (name) => join(repo, 'samples', name);
const bytes = (path) => new Uint8Array(readFileSync(path));

function cli(args) {
  try {
    return execFileSync('cargo', ['run', '-q', '-p', 'wholesale-cli', '--', ...args], {
      cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20,
    });
  } catch (e) {
    if (e.status === 1) return e.stdout; // exit 1 = problems found, output complete
    throw e;
  }
}

// --- CSV -------------------------------------------------------------------

test('R-CSV-20 checkCsv equals `wholesale csv check --format json` of the native CLI', () => {
  for (const behavior of ['add_only', 'add_and_remove']) {
    const native = JSON.parse(cli(['csv', 'check', sample('users.csv'), '--org', sample('org.json'),
      '--behavior', behavior.replaceAll('_', '-'), '--format', 'json']));
    const org = JSON.parse(readFileSync(sample('org.json'), 'utf8'));
    const plan = wc.checkCsv(bytes(sample('users.csv')), { behavior, org });
    assert.deepEqual(plan.toJSON(), native, behavior);
    assert.equal(JSON.stringify(plan), JSON.stringify(native), `${behavior}: JSON.stringify(plan) is the CLI's JSON`);
  }
});

test('R-CSV-01 checkCsv takes text or bytes (UTF-16 with BOM, tab-separated) with the same plan', () => {
  const text = readFileSync(sample('users.csv'), 'utf8');
  assert.ok(!text.includes('"') && !text.includes('\t'), 'the sample has no quoted cell: commas map to tabs');
  // Control Hub's UTF-16 export is tab-separated (the separator follows the encoding).
  const tabbed = text.replaceAll(',', '\t');
  const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, 'utf16le')]));
  const fromText = wc.checkCsv(text);
  assert.deepEqual(fromText.file_errors, []);
  assert.deepEqual(wc.checkCsv(utf16), fromText);
  assert.deepEqual(wc.checkCsv(bytes(sample('users.csv'))), fromText);
  assert.ok(fromText.summary.rows > 0);
  // A comma-separated UTF-16 file is refused as such, not planned.
  const commas = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  assert.deepEqual(wc.checkCsv(commas).file_errors.map((p) => p.code), ['FILE_SEPARATOR']);
});

test('R-CSV-06 options start from the core defaults; org as object or JSON text', () => {
  const csv = bytes(sample('users.csv'));
  assert.deepEqual(wc.checkCsv(csv), wc.checkCsv(csv, {}));
  assert.deepEqual(wc.checkCsv(csv), wc.checkCsv(csv, { behavior: 'add_only', org: null }));
  const orgText = readFileSync(sample('org.json'), 'utf8');
  assert.deepEqual(wc.checkCsv(csv, { org: orgText }), wc.checkCsv(csv, { org: JSON.parse(orgText) }));
  assert.notDeepEqual(wc.checkCsv(csv, { org: orgText }), wc.checkCsv(csv));
  throwsCode(() => wc.checkCsv(csv, { behavior: 'add_everything' }), 'INPUT_INVALID', 'options.behavior');
  // A snapshot the core refuses (R-CSV-21; more in snapshot.test.mjs).
  throwsCode(() => wc.checkCsv(csv, { org: '{not json' }), 'SNAPSHOT_INVALID', null);
  assert.equal(throwsCode(() => wc.checkCsv(csv, { org: { users: 3 } }), 'SNAPSHOT_INVALID', 'users').field, 'users');
  throwsCode(() => wc.checkCsv(42), 'INPUT_INVALID', 'data');
  throwsCode(() => wc.checkCsv(csv, 'add_only'), 'INPUT_INVALID', 'options');
});

test('R-CSV-19 remediationFor maps a Control Hub message to its fix', () => {
  const fix = wc.remediationFor('Cannot update user attributes; cannot revert license change.');
  assert.equal(fix?.rule, 'R-CSV-19');
  assert.equal(fix?.remediation, 'reassign_package');
  assert.match(fix?.steps ?? '', /unassign/);
  assert.equal(wc.remediationFor('something else'), null);
});

// --- status, KPIs ----------------------------------------------------------

const customer = {
  name: 'Acme', package: 'webex_calling',
  subscriptions: [{
    id: 'S1', customer_id: 'acme', kind: 'trial', product: 'calling', status: 'active',
    start_date: '2026-11-01', end_date: '2026-12-10', licenses: { total: 10, assigned: 12 },
  }],
};

test('R-STA customerStatus and filterCustomers; Date and text days agree', () => {
  const st = wc.customerStatus(customer, '2026-11-25');
  assert.ok(st.statuses.includes('trial'));
  assert.ok(st.statuses.includes('license_overage'));
  assert.ok(st.statuses.includes(st.primary));
  assert.deepEqual(wc.customerStatus(customer, new Date('2026-11-25T12:00:00Z')), st);
  assert.ok(!wc.customerStatus(customer, '2026-11-25', { expiring_soon_days: 1 }).statuses.includes('expiring_soon'));
  const other = { name: 'Other', package: 'webex_meetings', managed_by: 'own_org' };
  assert.deepEqual(wc.filterCustomers([customer, other], '2026-11-25', { status: ['trial'] }), [
    wc.filterCustomers([customer], '2026-11-25')[0],
  ]);
  assert.equal(wc.filterCustomers([customer, other], '2026-11-25').length, 2);
  assert.equal(wc.checkStatusThresholds({ expiring_soon_days: 0 }).warnings[0]?.code, 'STATUS_WINDOW_ZERO');
  throwsCode(() => wc.customerStatus(customer, '25/11/2026'), 'INPUT_INVALID', 'as_of');
  throwsCode(() => wc.customerStatus({ name: 'x' }, '2026-11-25'), 'INPUT_INVALID', 'customer');
});

test('R-KPI kpiDashboard from subscriptions or from the subscription details report', () => {
  const subs = JSON.parse(readFileSync(sample('subscriptions.json'), 'utf8'));
  const d = wc.kpiDashboard(subs, 'calling', '2026-11-25');
  assert.equal(d.product, 'calling');
  assert.equal(d.as_of, '2026-11-25');
  assert.ok(d.total_customers > 0);
  const reportPath = join(repo, 'samples', 'reports', readdirSync(join(repo, 'samples', 'reports')).find((f) => f.startsWith('Subscription Details')));
  const report = bytes(reportPath);
  const fromReport = wc.subscriptionsFromReport(report);
  assert.deepEqual(fromReport.problems, []);
  assert.deepEqual(wc.kpiDashboard(report, 'calling', '2026-11-25'), wc.kpiDashboard(fromReport.subscriptions, 'calling', '2026-11-25'));
  assert.deepEqual(wc.subscriptionsFromReport(wc.readReport('subscription_details', report).rows), fromReport);
  const e = throwsCode(() => wc.kpiDashboard(subs, 'calling', '2026-11-25', { low_assignment: { rule: 'percentile', value: 150 } }), 'KPI_PERCENTILE_INVALID');
  assert.equal(e.problems.length, 1);
  throwsCode(() => wc.kpiDashboard(subs, 'video', '2026-11-25'), 'INPUT_INVALID', 'product');
});

// --- reports ---------------------------------------------------------------

test('R-REP-01 every sample report reads and writes back to the same rows', () => {
  const dir = join(repo, 'samples', 'reports');
  const kinds = {
    'Subscription Details': 'subscription_details', Devices: 'devices', 'Phone Numbers': 'phone_numbers',
    'Calling Usage Details': 'calling_usage', 'Webex App Versions': 'app_versions',
  };
  assert.deepEqual([...wc.reportKinds()].sort(), Object.values(kinds).sort());
  for (const file of readdirSync(dir)) {
    const parts = wc.parseReportFileName(file);
    const kind = kinds[parts.template];
    assert.ok(kind, file);
    assert.equal(wc.reportFileName(parts.template, parts.id, parts.date), file);
    const table = wc.readReport(kind, bytes(join(dir, file)));
    assert.ok(table.rows.length > 0, file);
    const text = wc.writeReport(kind, table.rows);
    assert.deepEqual(wc.readReport(kind, text).rows, table.rows, file);
  }
  throwsCode(() => wc.readReport('invoices', ''), 'INPUT_INVALID', 'kind');
  const missing = throwsCode(() => wc.readReport('devices', 'External ID,Customer\nx,y\n'), 'REPORT_COLUMN_MISSING');
  assert.ok(missing.problems.length > 1);
  throwsCode(() => wc.parseReportFileName('report.csv'), 'REPORT_FILE_NAME_INVALID');
  assert.equal(wc.reportFileName('Devices', 'ab12', new Date('2026-11-25T00:00:00Z'), false), 'Devices_ab12_2026-11-25');
  assert.ok(Array.isArray(wc.regionSelector(['US', 'EU'])));
});

// --- quality ---------------------------------------------------------------

test('R-CQ-01 classifyColumns agrees with classifyLeg on the sample legs', () => {
  const { legs, rejected } = wc.readCallLegs(bytes(sample('call_legs.csv')));
  assert.ok(legs.length > 10);
  assert.ok(rejected.every((r) => r.problems.length > 0 && r.problems.every((p) => wc.codeInfo(p.code))));
  const codes = wc.endpointTypeCodes();
  const v = wc.verdictCodes();
  const col = (f) => Float64Array.from(legs, f);
  const verdicts = wc.classifyColumns({
    audio_jitter_ms: col((l) => l.audio?.jitter_ms ?? NaN),
    audio_latency_ms: col((l) => l.audio?.latency_ms ?? NaN),
    audio_loss_pct: col((l) => l.audio?.loss_pct ?? NaN),
    video_jitter_ms: col((l) => l.video?.jitter_ms ?? NaN),
    video_latency_ms: col((l) => l.video?.latency_ms ?? NaN),
    video_loss_pct: col((l) => l.video?.loss_pct ?? NaN),
    endpoint_type: Uint8Array.from(legs, (l) => codes[l.endpoint_type]),
    ip_version: Uint8Array.from(legs, (l) => (l.ip_version === 'v4' ? 4 : 6)),
  });
  assert.ok(verdicts instanceof Uint8Array);
  assert.equal(verdicts.length, legs.length);
  legs.forEach((leg, i) => {
    assert.equal(verdicts[i], v[wc.classifyLeg(leg).verdict], leg.leg_id);
  });
  assert.ok([...verdicts].includes(v.poor) && [...verdicts].includes(v.good));
  const strict = wc.classifyLeg(legs[0], { jitter_ms: 0, latency_ms: 0, loss_pct: 0 });
  assert.ok(['poor', 'not_measured'].includes(strict.verdict));
  throwsCode(() => wc.classifyLeg(legs[0], { jitter_ms: -1 }), 'QUALITY_POLICY_INVALID', 'policy.jitter_ms');
  throwsCode(() => wc.classifyLeg({ ...legs[0], audio: { jitter_ms: -5, latency_ms: 1, loss_pct: 0 } }), 'LEG_METRIC_INVALID');
});

test('R-CQ-03..05 weekly report, feature usage and queue KPIs from CSV or arrays', () => {
  const csv = bytes(sample('call_legs.csv'));
  const { legs } = wc.readCallLegs(csv);
  const report = wc.weeklyQualityReport(csv, '2026-11-25');
  // From the CSV the report also lists the rows the reader rejected.
  assert.ok(report.rejected_rows.length > 0);
  assert.deepEqual(wc.weeklyQualityReport(legs, '2026-11-25'), { ...report, rejected_rows: [] });
  assert.equal(report.trend.length, 8);
  const week = wc.lastCompletedWeek('2026-11-25');
  assert.deepEqual(wc.featureUsage(legs, week), wc.featureUsage(csv, '2026-11-25'));
  const calls = bytes(sample('call_queue.csv'));
  const q = wc.queueKpis(calls, '2026-11-25');
  assert.ok(q.rejected_rows.length > 0, 'the sample has a row the reader rejects');
  assert.deepEqual(wc.queueKpis(wc.readQueuedCalls(calls).calls, '2026-11-25'), { ...q, rejected_rows: [] });
  assert.ok(q.pooled.calls > 0);
  throwsCode(() => wc.readCallLegs('customer_id,leg_id\nx,y\n'), 'LEG_HEADER_MISSING');
  throwsCode(() => wc.weeklyQualityReport([{ ...legs[0], audio: { jitter_ms: Infinity, latency_ms: 1, loss_pct: 0 } }], '2026-11-25'), 'LEG_METRIC_INVALID', 'legs[0].audio_jitter_ms');
});

// --- provisioning and API --------------------------------------------------

test('R-CUS R-USR R-TAG R-TPL validation returns findings', () => {
  const nc = JSON.parse(readFileSync(sample('new_customer.json'), 'utf8'));
  const f = wc.validateNewCustomer(nc);
  assert.deepEqual(wc.validateNewCustomer(JSON.stringify(nc)), f);
  assert.ok(Array.isArray(f.errors) && Array.isArray(f.warnings));
  assert.ok(wc.validateNewCustomer({}).errors.length > 0);
  assert.ok(wc.validateTemplate({}).errors.length > 0);
  const cust = { name: 'Acme', package: 'webex_calling', locations: [{ name: 'HQ' }] };
  const user = { email: 'ana@acme.example', package: 'webex_calling', location: 'HQ' };
  assert.ok(wc.validateUser(cust, { email: 'nope' }).errors.some((p) => p.field?.startsWith('user.')));
  assert.ok(wc.validateManualBatch(cust, Array.from({ length: 30 }, (_, i) => ({ ...user, email: `u${i}@acme.example` }))).errors.length > 0);
  const change = wc.validatePackageChange(cust, { email: 'ana@acme.example' }, 'webex_calling');
  assert.ok(change.errors.some((p) => p.code === 'PACKAGE_CHANGE_NEEDS_NUMBER'));
  throwsCode(() => wc.validatePackageChange(cust, user, 'gold'), 'PACKAGE_UNKNOWN', 'new_package');
  assert.equal(wc.checkTagEdit('partner_read_only')?.code, 'TAG_EDIT_FORBIDDEN');
  assert.equal(wc.checkTagEdit('full_admin'), null);
  throwsCode(() => wc.checkTagEdit('root'), 'INPUT_INVALID', 'role');
});

test('R-API payload check, resource IDs and request bodies', () => {
  const flawed = JSON.parse(readFileSync(join(repo, 'samples', 'api', 'provision_subscriber_flawed.json'), 'utf8'));
  const check = wc.checkApiPayload(flawed);
  assert.equal(check.kind, 'provision_subscriber_request');
  assert.equal(check.valid, false);
  assert.deepEqual(wc.checkApiPayload(JSON.stringify(flawed)), check);
  const uuid = 'f5b36187-c8dd-4727-8b2f-f9c447f29046';
  const id = wc.resourceIdEncode('us', 'CUSTOMER', uuid);
  assert.equal(id, flawed.customerId);
  assert.deepEqual(wc.resourceIdDecode(id), { region: 'us', kind: 'CUSTOMER', uuid });
  assert.equal(wc.resourceIdUuidOf(id), uuid);
  assert.ok(wc.sameResource(id, uuid.toUpperCase()));
  throwsCode(() => wc.resourceIdDecode('!!!'), 'RESOURCE_ID_INVALID', 'id');
  throwsCode(() => wc.resourceIdEncode('us', 'CUSTOMER', 'nope'), 'INPUT_INVALID', 'uuid');

  // The sample customer lacks what creation needs (an external id, the HQ
  // confirmation): completed here.
  const nc = { ...JSON.parse(readFileSync(sample('new_customer.json'), 'utf8')), external_id: 'NV-1', hq_location_confirmed: true };
  assert.deepEqual(wc.validateNewCustomer(nc).errors, []);
  const body = wc.buildCustomerRequest(nc, { webex_suite: 50 });
  assert.equal(typeof body, 'object');
  assert.match(JSON.stringify(body), /webex_suite/);
  const e = throwsCode(() => wc.buildCustomerRequest({}), 'CUSTOMER_FIELD_REQUIRED', 'name');
  assert.deepEqual(new Set(e.problems.map((p) => p.code)), new Set(wc.validateNewCustomer({}).errors.map((p) => p.code)));
  throwsCode(() => wc.buildCustomerRequest(nc, { gold: 1 }), 'PACKAGE_UNKNOWN', 'limits');
  const sub = wc.buildSubscriberRequest(id, { email: 'ana@acme.example', package: 'webex_meetings', first_name: 'Ana', last_name: 'Lind' });
  assert.deepEqual(sub.packages, ['webex_meetings']);
  const bad = throwsCode(() => wc.buildSubscriberRequest(id, { email: 'ana@', package: 'webex_meetings' }), 'EMAIL_INVALID');
  assert.ok(bad.problems.length >= 1);
});
