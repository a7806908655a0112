// The app's KPI dashboard (www/kpi.html) and call-quality (www/quality.html)
// tools in headless Debian Chromium (playwright-core), served from 127.0.0.1
// (tests/lib/serve.mjs). The numbers the pages show (tables' and tiles'
// `data-value`) are compared with the library's results computed here in
// Node on the same bytes; the charts draw one mark per row of their table.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kpiDashboard, licenseTrend, queueKpis, readReport, subscriptionsFromReport, weeklyQualityReport } from '../js/index.js';
import { subscriptionDetailsReport } from './lib/reports.mjs';
import { chooseFilesWithSpace, tabTo } from './lib/keyboard.mjs';
import { launchChromium, serveStatic } from './lib/serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'test-output');
const samples = join(root, '..', '..', 'samples');
const reportCsv = join(samples, 'reports', 'Subscription Details_k3J9x2_2026-11-25.csv');
const legsCsv = join(samples, 'call_legs.csv');
const queueCsv = join(samples, 'call_queue.csv');
const AS_OF = '2026-11-25';
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let browser;
// The server stops itself after two minutes, so each test has its own.
const servers = [];
const temp = mkdtempSync(join(tmpdir(), 'kpi-trend-'));

before(async () => {
  mkdirSync(output, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  rmSync(temp, { recursive: true, force: true });
});

/** A page of the app, with its console errors and every URL it requested collected. */
async function open(name) {
  const served = await serveStatic(root);
  servers.push(served);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${served.base}/www/${name}`);
  await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#error'));
  return { page, errors, requests, base: served.base };
}

/** Waits for the page's `n`-th render; returns the milliseconds from `since`. */
async function rendered(page, n, since = Date.now()) {
  await page.waitForSelector(`body[data-rendered="${n}"]`, { timeout: 60_000 });
  return Date.now() - since;
}

/** The rendered rows of a table as `{key: data-value}` objects. */
function tableValues(page, id) {
  return page.locator(`table[data-table="${id}"] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => Object.fromEntries([...tr.cells].map((td) => [td.dataset.key, td.dataset.value]))));
}

/** The tiles of a `<dl data-tiles>` as `{key: data-value}`. */
function tileValues(page, id) {
  return page.locator(`dl[data-tiles="${id}"] dd`).evaluateAll((dds) =>
    Object.fromEntries(dds.map((dd) => [dd.dataset.key, dd.dataset.value])));
}

/** What a page cell holds for a value of the library: its text, empty for null. */
const shown = (v) => (v === null || v === undefined ? '' : String(v));

/** `rows` as the page's cells for the same keys (the keys of `like`, else of each row). */
function asCells(rows, keys) {
  return rows.map((r) => Object.fromEntries(keys.map((k) => [k, shown(typeof k === 'function' ? k(r) : r[k])])));
}

/** Asserts that table `id` shows `rows` (the first `limit` of them, in the library's order). */
async function assertTable(page, id, rows, limit = 100) {
  const got = await tableValues(page, id);
  const keys = got.length ? Object.keys(got[0]) : [];
  assert.equal(Number(await page.getAttribute(`table[data-table="${id}"]`, 'data-rows')), rows.length, `${id}: row count`);
  assert.deepEqual(got, asCells(rows.slice(0, limit), keys), `${id}: rows`);
  return keys;
}

/** Asserts that tiles `id` show `summary`'s values for their keys. */
async function assertTiles(page, id, summary) {
  const got = await tileValues(page, id);
  assert.ok(Object.keys(got).length > 0, `${id}: tiles shown`);
  for (const [key, value] of Object.entries(got)) assert.equal(value, shown(summary[key]), `${id}.${key}`);
}

/** How many marks of `kind` (Plot's mark name: bar, dot, line) chart `id` drew. */
function marks(page, id, kind) {
  return page.locator(`figure[data-chart="${id}"] g[data-mark="${kind}"] > *`).count();
}

/** The headline tiles against the library's `headline` (R-KPI-01..05): each KPI's customers and ratio. */
async function assertHeadline(page, headline) {
  const got = await tileValues(page, 'headline');
  const want = Object.fromEntries(Object.entries(headline).flatMap(([kpi, figure]) =>
    ['customers', 'customer_percent'].map((key) => [`${kpi}.${key}`, shown(figure[key])])));
  assert.deepEqual(got, want);
  assert.equal(Object.keys(got).length, 10, 'five KPIs, each with its ratio');
}

/** Every section of the dashboard against the library's (R-KPI-01..10). */
async function assertDashboard(page, dash) {
  assert.equal(await page.getAttribute('#dashboard', 'data-as-of'), dash.as_of);
  assert.equal(await page.getAttribute('#dashboard', 'data-product'), dash.product);
  await assertHeadline(page, dash.headline);
  await assertTiles(page, 'totals', dash);
  for (const key of ['near_expiration', 'near_renewal', 'low_assignment', 'overage', 'recently_added']) {
    await assertTiles(page, key, dash[key]);
    await assertTable(page, key, dash.subscriptions[key]);
  }
  // The charts' numbers: the summaries' percentages, the first rows of each table.
  const bars = await tableValues(page, 'assignment-data');
  assert.equal(bars.length, 9);
  for (const bar of bars) {
    const group = { Expiring: 'near_expiration', Renewing: 'near_renewal', 'Low assignment': 'low_assignment' }[bar.group];
    const summary = dash[group];
    assert.ok(Object.values(summary).map(shown).includes(bar.value), `${bar.group} ${bar.measure} = ${bar.value}`);
  }
  const summaries = await tableValues(page, 'summaries');
  assert.deepEqual(summaries.map((r) => r.customers), ['near_expiration', 'near_renewal', 'low_assignment'].map((k) => shown(dash[k].customers)));
  const low = dash.subscriptions.low_assignment.slice(0, 25);
  assert.deepEqual((await tableValues(page, 'low-data')).map((r) => r.assignment_percent), low.map((r) => shown(r.assignment_percent)));
  assert.equal(await marks(page, 'low', 'bar'), low.length);
  const over = dash.subscriptions.overage.slice(0, 25);
  assert.deepEqual((await tableValues(page, 'overage-data')).map((r) => r.excess), over.map((r) => shown(r.excess)));
  assert.equal(await marks(page, 'overage', 'bar'), over.length);
  const points = [...dash.subscriptions.near_expiration.slice(0, 500), ...dash.subscriptions.near_renewal.slice(0, 500)];
  assert.deepEqual((await tableValues(page, 'expiry-data')).map((r) => [r.subscription_id, r.end_date, r.total]),
    points.map((r) => [r.subscription_id, r.end_date, String(r.total)]));
  assert.equal(await marks(page, 'expiry', 'dot'), points.length);
}

/** A subscription details report of `n` rows, as the sample's columns (R-REP-01). */
const bigReport = (n, date = AS_OF) => subscriptionDetailsReport(n, { date });

const TREND_DATES = ['2026-11-11', '2026-11-18', '2026-11-25'];
let trendFiles;
/**
 * Three copies of the sample report, one per week (file name and Calculation
 * Date), in a temp dir; the earlier the week, the fewer calling and meetings
 * licenses assigned and used, so the trend is not flat.
 */
function datedReports() {
  if (trendFiles) return trendFiles;
  const [header, ...rows] = readFileSync(reportCsv, 'utf8').trimEnd().split(/\r?\n/);
  trendFiles = TREND_DATES.map((date, week) => {
    const back = TREND_DATES.length - 1 - week;
    const lines = rows.map((line) => {
      const cells = line.split(',');
      cells[0] = date;
      // Assigned and Used of Meetings (11, 12) and Calling Professional (14, 15).
      for (const [i, less] of [[11, 2], [12, 3], [14, 4], [15, 5]]) cells[i] = String(Math.max(0, Number(cells[i]) - less * back));
      return cells.join(',');
    });
    const path = join(temp, `Subscription Details_t${week}Q7x_${date}.csv`);
    writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
    return path;
  });
  return trendFiles;
}

/** The trend Node computes from the same files, dated by their names as the page does (R-KPI-13). */
function nodeTrend(files, product) {
  return licenseTrend(files.map((path, i) => ({
    as_of: TREND_DATES[i], subscriptions: subscriptionsFromReport(new Uint8Array(readFileSync(path))).subscriptions,
  })), product);
}

/** The trend section against the library's: the chart's table, its marks, no problem. */
async function assertTrend(page, trend) {
  assert.ok(trend.weeks.length >= 2);
  assert.equal(await page.locator('#trend-needs').count(), 0);
  assert.equal(Number(await page.getAttribute('figure[data-chart="trend"]', 'data-points')), trend.weeks.length);
  await assertTable(page, 'trend-data', trend.weeks);
  const points = trend.weeks.flatMap((w) => [w.assigned_licenses, w.used_at_least_once_licenses]).filter((v) => v !== null);
  assert.equal(await marks(page, 'trend', 'dot'), points.length);
  assert.equal(await marks(page, 'trend', 'line'), 2, 'assigned and used');
}

test('KPI tool: the sample report, both product lines, equal the library (R-KPI-01..10, R-REP-02)', async () => {
  const { page, errors, requests, base } = await open('kpi.html');
  const bytes = new Uint8Array(readFileSync(reportCsv));
  await page.setInputFiles('#reports', reportCsv);
  await rendered(page, 1);
  // The as-of date defaults to the report's date (its file name, R-REP-03).
  assert.equal(await page.inputValue('#as-of'), AS_OF);
  await assertDashboard(page, kpiDashboard(bytes, 'calling', AS_OF));
  // One report: the trend section says why there is no chart.
  assert.match(await page.textContent('#trend-needs'), /several dated reports/);
  assert.equal(await page.locator('figure[data-chart="trend"]').count(), 0);
  assert.deepEqual(await tableValues(page, 'reports'), [{
    file: 'Subscription Details_k3J9x2_2026-11-25.csv', date: AS_OF, rows: String(readReport('subscription_details', bytes).rows.length), rejected: '0', used: 'yes',
  }]);
  await page.selectOption('#product', 'meetings');
  await rendered(page, 2);
  await assertDashboard(page, kpiDashboard(bytes, 'meetings', AS_OF));
  await page.fill('#as-of', '2026-12-20');
  await rendered(page, 3);
  await assertDashboard(page, kpiDashboard(bytes, 'meetings', '2026-12-20'));
  await page.selectOption('#product', 'calling');
  await rendered(page, 4);
  await page.fill('#as-of', AS_OF);
  await rendered(page, 5);
  await page.screenshot({ path: join(output, 'app-kpi.png'), fullPage: true });
  // Print: the controls are hidden, the charts stay.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#kpi-form').evaluate((f) => getComputedStyle(f).display), 'none');
  assert.ok(await page.locator('figure[data-chart="overage"] svg').isVisible());
  await page.screenshot({ path: join(output, 'app-kpi-print.png'), fullPage: true });
  assert.deepEqual(errors, []);
  // No network but the page's server, and nothing from node_modules.
  for (const url of requests) assert.ok(url.startsWith(`${base}/`) || url.startsWith('data:'), url);
  assert.ok(!requests.some((u) => u.includes('node_modules')));
  assert.ok(requests.some((u) => u.endsWith('/www/dist/kpi.js')));
  await page.close();
});

test('KPI tool: three dated reports give the license trend and the headline of the latest, equal the library (R-KPI-01..05, R-KPI-13)', async () => {
  const { page, errors } = await open('kpi.html');
  const files = datedReports();
  await page.setInputFiles('#reports', files);
  await rendered(page, 1);
  assert.equal(await page.inputValue('#as-of'), AS_OF);
  const latest = new Uint8Array(readFileSync(files.at(-1)));
  for (const [n, product] of [[1, 'calling'], [2, 'meetings']]) {
    if (n > 1) {
      await page.selectOption('#product', product);
      await rendered(page, n);
    }
    // The dashboard is of the latest report; the trend of all three.
    const dash = kpiDashboard(latest, product, AS_OF);
    await assertDashboard(page, dash);
    const trend = nodeTrend(files, product);
    assert.equal(trend.weeks.length, 3);
    assert.deepEqual(trend.problems, []);
    const assigned = trend.weeks.map((w) => w.assigned_licenses);
    assert.ok(assigned[0] < assigned[1] && assigned[1] < assigned[2], `${product}: the trend is not flat: ${assigned}`);
    await assertTrend(page, trend);
  }
  assert.deepEqual((await tableValues(page, 'reports')).map((r) => [r.date, r.used]),
    [[TREND_DATES[0], 'no (earlier date)'], [TREND_DATES[1], 'no (earlier date)'], [AS_OF, 'yes']]);
  await page.selectOption('#product', 'calling');
  await rendered(page, 3);
  await page.locator('#license-trend').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(output, 'app-kpi-trend.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('KPI tool: bad reports are shown, never dropped: a missing column alerts, a bad cell is listed (R-REP-01)', async () => {
  const { page, errors } = await open('kpi.html');
  const text = readFileSync(reportCsv, 'utf8');
  const lines = text.split('\n');
  const missing = join(output, 'Subscription Details_nocol1_2026-11-25.csv');
  writeFileSync(missing, lines.map((l) => l.split(',').slice(1).join(',')).join('\n'));
  await page.setInputFiles('#reports', missing);
  await rendered(page, 1);
  assert.equal(await page.getAttribute('#error', 'data-code'), 'REPORT_COLUMN_MISSING');
  assert.equal(await page.getAttribute('#error', 'role'), 'alert');
  assert.match(await page.textContent('#error'), /Calculation Date/);

  const badCell = join(output, 'Subscription Details_bad1_2026-11-25.csv');
  const cells = lines[2].split(',');
  cells[13] = 'many';
  writeFileSync(badCell, [lines[0], lines[1], cells.join(','), ...lines.slice(3)].join('\n'));
  await page.setInputFiles('#reports', badCell);
  await rendered(page, 2);
  assert.equal(await page.isHidden('#error'), true);
  const bytes = new Uint8Array(readFileSync(badCell));
  const { problems } = readReport('subscription_details', bytes);
  assert.ok(problems.length > 0);
  assert.deepEqual(await tableValues(page, 'problems'),
    problems.map((p) => ({ file: 'Subscription Details_bad1_2026-11-25.csv', line: String(p.line), field: p.field, code: p.code, message: p.message })));
  await assertDashboard(page, kpiDashboard(bytes, 'calling', AS_OF));
  assert.deepEqual(errors, []);
  await page.close();
});

test('KPI tool: 100,000 subscriptions in two reports of one date (an earlier one left out) equal the library on the whole; sorting', async () => {
  const { page, errors } = await open('kpi.html');
  const whole = bigReport(100_000);
  const [header, ...rows] = whole.trimEnd().split('\n');
  const half = rows.length / 2;
  const files = [
    ['Subscription Details_aa1_2026-11-25.csv', [header, ...rows.slice(0, half)]],
    ['Subscription Details_bb2_2026-11-25.csv', [header, ...rows.slice(half)]],
    ['Subscription Details_cc3_2026-10-25.csv', bigReport(50, '2026-10-25').trimEnd().split('\n')],
  ].map(([name, ls]) => {
    const path = join(output, name);
    writeFileSync(path, `${ls.join('\n')}\n`);
    return path;
  });
  const since = Date.now();
  await page.setInputFiles('#reports', files);
  const ms = await rendered(page, 1, since);
  console.log(`# KPI tool: 100,000 subscriptions (2 reports, ${whole.length} bytes) shown in ${ms} ms`);
  const dash = kpiDashboard(whole, 'calling', AS_OF);
  assert.ok(dash.subscriptions.near_expiration.length > 1000 && dash.subscriptions.low_assignment.length > 1000
    && dash.subscriptions.overage.length > 1000, 'every table is large');
  await assertDashboard(page, dash);
  assert.deepEqual((await tableValues(page, 'reports')).map((r) => [r.rows, r.used]),
    [[String(half), 'yes'], [String(half), 'yes'], ['50', 'no (earlier date)']]);

  // Sorting: a header click sorts every row (not only those shown), again reverses.
  const table = 'low_assignment';
  const lib = dash.subscriptions[table];
  const by = (key, sign) => lib.slice().sort((a, b) => sign * (a[key] - b[key]));
  const header2 = page.locator(`table[data-table="${table}"] th button[data-key="assigned"]`);
  await header2.click();
  assert.equal(await header2.evaluate((b) => b.parentElement.getAttribute('aria-sort')), 'ascending');
  assert.deepEqual(await tableValues(page, table), asCells(by('assigned', 1).slice(0, 100), Object.keys((await tableValues(page, table))[0])));
  await header2.click();
  assert.equal(await header2.evaluate((b) => b.parentElement.getAttribute('aria-sort')), 'descending');
  const desc = await tableValues(page, table);
  assert.deepEqual(desc, asCells(by('assigned', -1).slice(0, 100), Object.keys(desc[0])));
  // Text columns sort by text; "show more" adds the next rows of that order.
  await page.click(`table[data-table="${table}"] th button[data-key="subscription_id"]`);
  await page.click(`table[data-table="${table}"] + button.more`);
  const ids = (await tableValues(page, table)).map((r) => r.subscription_id);
  assert.equal(ids.length, 200);
  assert.deepEqual(ids, lib.map((r) => r.subscription_id).sort((a, b) => a.localeCompare(b)).slice(0, 200));
  assert.deepEqual(errors, []);
  await page.close();
});

/** Every part of the quality report against the library (R-CQ-03, R-CQ-04). */
async function assertQuality(page, report, queue) {
  assert.equal(await page.getAttribute('#week', 'data-start'), report.week.start);
  assert.deepEqual(await tableValues(page, 'trend-data'), asCells(report.trend, [(w) => w.week.start, 'legs', 'measured', 'poor', 'poor_pct'])
    .map(({ [Object.keys(asCells(report.trend, [(w) => w.week.start])[0])[0]]: start, ...rest }) => ({ week_start: start, ...rest })));
  assert.equal(report.trend.length, 8);
  assert.equal(await marks(page, 'trend', 'dot'), 8);
  await assertTable(page, 'endpoints-data', report.by_endpoint_type);
  assert.equal(await marks(page, 'endpoints', 'bar'), report.by_endpoint_type.filter((e) => e.poor_pct !== null).length);
  await assertTable(page, 'customers', report.customers);
  const worst = report.customers.filter((c) => c.poor_pct !== null).sort((a, b) => b.poor_pct - a.poor_pct).slice(0, 25);
  assert.deepEqual((await tableValues(page, 'customers-data')).map((r) => r.poor_pct), worst.map((c) => String(c.poor_pct)));
  const rejected = [...report.rejected_rows, ...(queue?.rejected_rows ?? [])].flatMap((r) => r.problems.map((p) => [String(r.line), p.code, p.field]));
  if (rejected.length) assert.deepEqual((await tableValues(page, 'rejected_rows')).slice(0, 100).map((r) => [r.line, r.code, r.field]), rejected.slice(0, 100));
  assert.equal((await tileValues(page, 'rejected')).legs_rejected, String(report.rejected_rows.length));
  if (queue) {
    await assertTiles(page, 'pooled', queue.pooled);
    await assertTable(page, 'queue_customers', queue.customers);
    assert.deepEqual((await tableValues(page, 'queues-data')).map((r) => r.abandonment_pct), queue.customers.slice(0, 25).map((c) => shown(c.abandonment_pct)));
  }
}

test('quality tool: the sample call legs and queue equal the library; rejected rows listed (R-CQ-02..04)', async () => {
  const { page, errors } = await open('quality.html');
  await page.fill('#as-of', AS_OF);
  await page.setInputFiles('#legs', legsCsv);
  await rendered(page, 1);
  const legs = new Uint8Array(readFileSync(legsCsv));
  const report = weeklyQualityReport(legs, AS_OF);
  assert.ok(report.rejected_rows.length > 0, 'the sample has rejected rows to show');
  await assertQuality(page, report, null);
  assert.equal(await page.locator('#queues').count(), 0);
  await page.setInputFiles('#queue', queueCsv);
  await rendered(page, 2);
  await assertQuality(page, report, queueKpis(new Uint8Array(readFileSync(queueCsv)), AS_OF));
  await page.screenshot({ path: join(output, 'app-quality.png'), fullPage: true });

  // A file the reader refuses whole: the alert names its code and column.
  const noHeader = join(output, 'legs-no-ip.csv');
  writeFileSync(noHeader, readFileSync(legsCsv, 'utf8').replace('ip_version,', 'ip,'));
  await page.setInputFiles('#legs', noHeader);
  await rendered(page, 3);
  assert.equal(await page.getAttribute('#error', 'data-code'), 'LEG_HEADER_MISSING');
  assert.match(await page.textContent('#error'), /ip_version/);
  assert.equal(await page.isHidden('#report'), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('quality tool: 200,000 call legs and 50,000 queued calls equal the library', async () => {
  const { page, errors } = await open('quality.html');
  const types = ['webex_app', 'desk_phone', 'room_device', 'analog', 'third_party', 'other'];
  const start = Date.UTC(2026, 8, 27);
  const lines = ['customer_id,leg_id,start_time,endpoint_type,ip_version,audio_jitter_ms,audio_latency_ms,audio_loss_pct,video_jitter_ms,video_latency_ms,video_loss_pct,feature'];
  for (let i = 0; i < 200_000; i++) {
    const h = (i * 2654435761) >>> 0;
    const at = new Date(start + (h % (8 * 7 * 86_400)) * 1000).toISOString().replace('.000', '');
    const bad = h % 10 === 0 ? 180 : 20 + (h % 50);
    lines.push(`cust-${i % 300},leg-${i},${at},${types[(h >>> 3) % 6]},${(h >>> 6) % 9 ? 4 : 6},${bad},${40 + (h % 300)},${(h % 7) / 2},,,,`);
  }
  lines.push('cust-1,leg-x,not a time,webex_app,4,1,1,1,,,,');
  const legsPath = join(output, 'legs-200k.csv');
  writeFileSync(legsPath, `${lines.join('\n')}\n`);
  const q = ['customer_id,queue,start_time,outcome,wait_seconds'];
  const outcomes = ['answered', 'abandoned', 'moved_to_other_queue', 'answered'];
  for (let i = 0; i < 50_000; i++) {
    const h = (i * 40503) >>> 0;
    q.push(`cust-${i % 120},q${h % 5},${new Date(Date.UTC(2026, 10, 15) + (h % (7 * 86_400)) * 1000).toISOString().replace('.000', '')},${outcomes[h % 4]},${h % 300}`);
  }
  const queuePath = join(output, 'queue-50k.csv');
  writeFileSync(queuePath, `${q.join('\n')}\n`);
  await page.fill('#as-of', AS_OF);
  await page.setInputFiles('#queue', queuePath);
  await rendered(page, 0).catch(() => {});
  const since = Date.now();
  await page.setInputFiles('#legs', legsPath);
  const ms = await rendered(page, 1, since);
  console.log(`# quality tool: 200,000 call legs + 50,000 queued calls shown in ${ms} ms`);
  const report = weeklyQualityReport(readFileSync(legsPath), AS_OF);
  assert.equal(report.customers.length, 300);
  assert.equal(report.rejected_rows.length, 1);
  await assertQuality(page, report, queueKpis(readFileSync(queuePath), AS_OF));
  assert.deepEqual(errors, []);
  await page.close();
});

test('quality tool by keyboard only: Tab to the file input, pick, Tab to a header, sort by Enter', async () => {
  const { page, errors } = await open('quality.html');
  await tabTo(page, '#as-of');
  // The date field takes its parts typed in order (en-US: month, day, year).
  await page.keyboard.type('11252026');
  await tabTo(page, '#legs');
  await chooseFilesWithSpace(page, legsCsv);
  await rendered(page, 1);
  assert.equal(await page.inputValue('#as-of'), AS_OF);
  const report = weeklyQualityReport(new Uint8Array(readFileSync(legsCsv)), AS_OF);
  await tabTo(page, 'table[data-table="customers"] th button[data-key="poor_pct"]');
  await page.keyboard.press('Enter');
  const th = 'table[data-table="customers"] th:has(button[data-key="poor_pct"])';
  assert.equal(await page.getAttribute(th, 'aria-sort'), 'ascending');
  const asc = report.customers.slice().sort((a, b) => (a.poor_pct === null) - (b.poor_pct === null) || a.poor_pct - b.poor_pct);
  assert.deepEqual((await tableValues(page, 'customers')).map((r) => r.customer_id), asc.map((c) => c.customer_id));
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute(th, 'aria-sort'), 'descending');
  const desc = report.customers.slice().sort((a, b) => (a.poor_pct === null) - (b.poor_pct === null) || b.poor_pct - a.poor_pct);
  assert.deepEqual((await tableValues(page, 'customers')).map((r) => r.customer_id), desc.map((c) => c.customer_id));
  assert.deepEqual(errors, []);
  await page.close();
});

test('accessibility: axe-core finds no serious or critical violation on either tool, results shown', async () => {
  const scan = async (name, fill, tag = name.replace('.html', '')) => {
    const { page } = await open(name);
    await fill(page);
    // Every chart's numbers open, so their tables are scanned too.
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    await page.close();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    console.log(`# axe ${tag}: ${result.violations.length} violations (${bad.length} serious or critical)${result.violations.map((v) => ` ${v.id}:${v.impact}`).join('')}`);
    writeFileSync(join(output, `axe-${tag}.json`), JSON.stringify(result.violations, null, 2));
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`), [], name);
  };
  await scan('kpi.html', async (page) => {
    await page.setInputFiles('#reports', reportCsv);
    await rendered(page, 1);
  });
  await scan('kpi.html', async (page) => {
    await page.setInputFiles('#reports', datedReports());
    await rendered(page, 1);
    assert.equal(await page.locator('figure[data-chart="trend"] svg').count() > 0, true, 'the trend chart is scanned');
  }, 'kpi-trend');
  await scan('quality.html', async (page) => {
    await page.fill('#as-of', AS_OF);
    await page.setInputFiles('#legs', legsCsv);
    await page.setInputFiles('#queue', queueCsv);
    await rendered(page, 2);
  });
});
