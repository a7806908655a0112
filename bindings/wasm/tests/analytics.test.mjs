// Issue 15 in JavaScript: the headline KPIs, the license trend, readers that
// account for every row, and writers that refuse what readers refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as wc from '../js/index.js';
import { throwsCode } from './lib/checks.mjs';

const HEADER = [
  'Calculation Date', 'Customer Name', 'Customer Org ID', 'Subscription Status', 'Subscription ID',
  'Subscription Type', 'Total Users in Org', 'Total Verified Users', 'Auto Renewal Enabled',
  'Expiration / Renewal Date', 'Meetings License (Available)', 'Meetings License (Assigned)',
  'Meetings License (Used)', 'Calling Professional License (Available)',
  'Calling Professional License (Assigned)', 'Calling Professional License (Used)',
  'Calling Standard License (Available)', 'Calling Standard License (Assigned)',
  'Calling Standard License (Used)',
].join(',');
const details = (rows, date = '2026-11-25') =>
  [HEADER, ...rows.map((r) => `${date},${r}`)].join('\r\n') + '\r\n';

test('R-KPI-01 the headline counts each customer once across product lines', () => {
  const report = details([
    'Acme,org-a,Active,S1,Paid,1,1,no,2026-12-01,10,4,2,10,5,1,0,0,0',
    'Bolt,org-b,Active,S2,Paid,1,1,no,2027-06-01,10,12,2,0,0,0,0,0,0',
  ]);
  const d = wc.kpiDashboard(report, 'calling', '2026-11-25');
  assert.equal(d.headline.total_customers.customers, 2);
  assert.equal(d.headline.near_expiration.customers, 1);
  assert.equal(d.headline.overage.customers, 1);
  assert.equal(d.total_customers, 1);
});

test('R-KPI-13 licenseTrend: one week per input, oldest first, gaps absent', () => {
  const row = (assigned) => `Acme,org-a,Active,S1,Paid,1,1,no,2027-06-01,0,0,0,10,${assigned},3,0,0,0`;
  const first = details([row(4)], '2026-11-16');
  const later = new TextEncoder().encode(details([row(6)], '2026-11-30'));
  const trend = wc.licenseTrend([later, first], 'calling');
  assert.deepEqual(trend.weeks.map((w) => [w.week_start, w.assigned_licenses]), [['2026-11-08', 4], ['2026-11-22', 6]]);
  assert.equal(trend.weeks[0].used_at_least_once_licenses, 3);
  const subs = wc.subscriptionsFromReport(first).subscriptions;
  const same = wc.licenseTrend([{ as_of: '2026-11-16', subscriptions: subs }, first], 'calling');
  assert.equal(same.weeks.length, 1);
  assert.deepEqual(same.problems.map((p) => p.code), ['TREND_WEEK_REPEATED']);
  throwsCode(() => wc.licenseTrend('nope', 'calling'), 'INPUT_INVALID');
});

test('R-REP-05 kpiDashboard keeps the problems of the rows it cannot count', () => {
  const report = details([
    'Acme,org-a,Active,S1,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0',
    'Bolt,org-b,Active,S2,Paid,1,1,no,2026-12-01,0,0,0,ten,5,1,0,0,0',
    'Acme,org-a,Active,S1,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0',
    'Cobalt,org-c ,Active,S3,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0',
  ]);
  const d = wc.kpiDashboard(report, 'calling', '2026-11-25');
  const found = d.problems.map((p) => [p.code, p.line]);
  assert.deepEqual(found, [['REPORT_CELL_INVALID', 3], ['SUBSCRIPTION_DUPLICATE', 4], ['REPORT_CELL_TRIMMED', 5]]);
  assert.equal(d.total_customers, 2);
  const sub = (id, customer) => ({
    id, customer_id: customer, kind: 'subscription', product: 'calling', status: 'active',
    licenses: { total: 10, assigned: 5 },
  });
  const listed = wc.kpiDashboard([sub('S1', 'acme'), sub('S2', 'acme '), sub('S1', 'acme')], 'calling', '2026-11-25');
  assert.equal(listed.total_customers, 1);
  assert.deepEqual(listed.problems.map((p) => p.code), ['SUBSCRIPTION_ID_TRIMMED', 'SUBSCRIPTION_DUPLICATE']);
});

test('R-REP-02 "Used" is used at least once, "Available" the total', () => {
  const report = details(['Acme,org-a,Active,S1,Paid,1,1,yes,2026-12-01,0,0,0,20,18,15,10,4,2']);
  const [s] = wc.subscriptionsFromReport(report, 'calling').subscriptions;
  assert.equal(s.licenses.used_at_least_once, 17);
  assert.equal(s.licenses.used_last_3_months, null);
  const row = wc.kpiDashboard(report, 'calling', '2026-11-25').subscriptions.near_renewal[0];
  assert.deepEqual([row.total, row.used_at_least_once, row.utilization_3_months_percent], [30, 17, null]);
});

test('R-REP-01 the phone numbers report keeps Active as a status', () => {
  const header = 'External ID,Customer,Customer Org ID,Location ID,Location Name,Country,Phone Number,Extension,PSTN Connection,Active,User Type,Number Type,User ID,User UUID';
  const rows = ['Active', 'Inactive', 'Porting'].map((a) => `e,Acme,o,l,HQ,US,+14085551234,,Carrier,${a},People,Primary,ana@acme.example,u`);
  const table = wc.readReport('phone_numbers', [header, ...rows].join('\n') + '\n');
  assert.deepEqual(table.problems, []);
  assert.deepEqual(table.rows.map((r) => r.active), ['active', 'inactive', 'Porting']);
  const again = wc.readReport('phone_numbers', wc.writeReport('phone_numbers', table.rows));
  assert.deepEqual(again.rows, table.rows);
});

test('R-REP-05 writers refuse what their readers refuse', () => {
  const header = 'Customer Name,Org ID,App Type,Platform,Version,OS Version,Number of Users';
  const rows = wc.readReport('app_versions', `${header}\nAcme,o,Desktop,Mac,1,14,3\n`).rows;
  rows[0].customer_name = 'Acme ';
  const e = throwsCode(() => wc.writeReport('app_versions', rows), 'REPORT_CELL_UNWRITABLE');
  assert.equal(e.field, 'Customer Name');
  assert.equal(e.line, 2);
  throwsCode(() => wc.reportFileName('Default', 'a_b', '2026-11-25'), 'REPORT_FILE_NAME_INVALID');
  throwsCode(() => wc.reportFileName('reports/x', 'ab1', '2026-11-25'), 'REPORT_FILE_NAME_INVALID');
  throwsCode(() => wc.resourceIdEncode('us', 'PEOPLE/X', '52cf576d-60a8-407a-b22c-467c51591909'), 'RESOURCE_ID_INVALID');
});

test('R-CQ-01 classifyColumns refuses the metrics classifyLeg refuses', () => {
  const n = 3;
  const nan = () => new Float64Array(n).fill(NaN);
  for (const bad of [-1, -Infinity, Infinity]) {
    const e = throwsCode(() => wc.classifyColumns({
      audio_jitter_ms: new Float64Array([10, bad, 10]), audio_latency_ms: new Float64Array(n),
      audio_loss_pct: new Float64Array(n), video_jitter_ms: nan(), video_latency_ms: nan(),
      video_loss_pct: nan(), endpoint_type: new Uint8Array(n), ip_version: new Uint8Array(n).fill(4),
    }), 'LEG_METRIC_INVALID');
    assert.equal(e.field, 'audio_jitter_ms[1]');
  }
});
