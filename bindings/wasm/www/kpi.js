// The KPI dashboard tool: subscription details reports in, the library's
// dashboard (`kpiDashboard`) and license trend (`licenseTrend`) out as
// charts, tiles and sortable tables. Every number comes from the library's
// results; this file only picks what to show. Several reports of the latest
// date (regions, or one per reseller) make the dashboard together; reports
// of every date make the trend, one input per date.
import { init } from '../js/web.js';
import { PROBLEM_COLUMNS, clearError, showError } from './alert.js';
import { barChart, groupedBarChart, multiLineChart, section, sortableTable, tiles, timelineChart } from './charts.js';
import { fileDrop } from './drop.js';
import { markRendered, startPage } from './page.js';

const $ = (selector) => document.querySelector(selector);

const ID = [
  { key: 'subscription_id', label: 'Subscription', type: 'text' },
  { key: 'customer_name', label: 'Customer', type: 'text' },
  { key: 'customer_id', label: 'Customer ID', type: 'text' },
  { key: 'kind', label: 'Kind', type: 'text' },
];
const EXPIRY_COLUMNS = [
  ...ID,
  { key: 'end_date', label: 'End date', type: 'text' },
  { key: 'days_to_end', label: 'Days to end', type: 'number' },
  { key: 'total', label: 'Licenses', type: 'number' },
  { key: 'assigned', label: 'Assigned', type: 'number' },
  { key: 'used_last_7_days', label: 'Used (7 days)', type: 'number' },
  { key: 'used_last_3_months', label: 'Used (3 months)', type: 'number' },
  { key: 'assignment_percent', label: 'Assignment', type: 'percent' },
  { key: 'utilization_percent', label: 'Utilization (7 days)', type: 'percent' },
  { key: 'utilization_3_months_percent', label: 'Utilization (3 months)', type: 'percent' },
];
const LOW_COLUMNS = [
  ...ID,
  { key: 'months_since_added', label: 'Months since added', type: 'number' },
  { key: 'total', label: 'Licenses', type: 'number' },
  { key: 'assigned', label: 'Assigned', type: 'number' },
  { key: 'assignment_percent', label: 'Assignment', type: 'percent' },
  { key: 'weekly_assignment_change', label: 'Weekly change', type: 'number' },
];
const OVERAGE_COLUMNS = [
  ...ID,
  { key: 'months_remaining', label: 'Months remaining', type: 'number' },
  { key: 'auto_renew', label: 'Auto-renew', type: 'boolean' },
  { key: 'total', label: 'Licenses', type: 'number' },
  { key: 'assigned', label: 'Assigned', type: 'number' },
  { key: 'excess', label: 'Excess', type: 'number' },
  { key: 'assignment_percent', label: 'Assignment', type: 'percent' },
  { key: 'used_percent', label: 'Used', type: 'percent' },
];
const RECENT_COLUMNS = [
  ...ID,
  { key: 'start_date', label: 'Added', type: 'text' },
  { key: 'days_since_added', label: 'Days since added', type: 'number' },
  { key: 'total', label: 'Licenses', type: 'number' },
  { key: 'assigned', label: 'Assigned', type: 'number' },
  { key: 'available', label: 'Available', type: 'number' },
  { key: 'used_last_7_days', label: 'Used (7 days)', type: 'number' },
  { key: 'weekly_assignment_change', label: 'Weekly assignment change', type: 'number' },
  { key: 'weekly_usage_change', label: 'Weekly usage change', type: 'number' },
];
const SUMMARY_COLUMNS = [
  { key: 'section', label: 'Section', type: 'text' },
  { key: 'customers', label: 'Customers', type: 'number' },
  { key: 'customer_percent', label: 'Of all customers', type: 'percent' },
  { key: 'subscriptions', label: 'Subscriptions', type: 'number' },
  { key: 'total_licenses', label: 'Licenses', type: 'number' },
  { key: 'assigned_licenses', label: 'Assigned', type: 'number' },
  { key: 'assignment_percent', label: 'Assignment', type: 'percent' },
  { key: 'utilization_percent', label: 'Utilization (7 days)', type: 'percent' },
];
/** The chart of a table shows its first rows in the library's order. */
const CHART_ROWS = 25;
const TIMELINE_ROWS = 500;
const label = (r) => `${r.customer_name} · ${r.subscription_id}`;
const countTiles = (s) => [
  { key: 'customers', label: 'Customers', value: s.customers },
  { key: 'customer_percent', label: 'Of all customers', value: s.customer_percent, type: 'percent' },
  { key: 'subscriptions', label: 'Subscriptions', value: s.subscriptions },
  { key: 'total_licenses', label: 'Licenses', value: s.total_licenses },
];

const HEADLINE = [
  ['total_customers', 'Total customers'],
  ['near_expiration', 'Near expiration'],
  ['near_renewal', 'Near renewal'],
  ['low_assignment', 'Low license assignment'],
  ['overage', 'Over the license limit'],
];
const TREND_COLUMNS = [
  { key: 'week_start', label: 'Week from', type: 'text' },
  { key: 'as_of', label: 'Report of', type: 'text' },
  { key: 'customers', label: 'Customers', type: 'number' },
  { key: 'subscriptions', label: 'Subscriptions', type: 'number' },
  { key: 'total_licenses', label: 'Licenses', type: 'number' },
  { key: 'assigned_licenses', label: 'Assigned', type: 'number' },
  { key: 'used_at_least_once_licenses', label: 'Used at least once', type: 'number' },
  { key: 'used_last_7_days_licenses', label: 'Used (7 days)', type: 'number' },
];
const TREND_PROBLEM_COLUMNS = PROBLEM_COLUMNS.filter((c) => c.key !== 'file');

/**
 * The five headline KPIs (R-KPI-01..05), before the product line's sections:
 * customers with calling or meetings, each once (`dash.headline`).
 */
function headlineSection(dash) {
  const node = section('headline', 'Headline KPIs, all product lines',
    tiles('headline', HEADLINE.map(([key, label]) => ({
      key: `${key}.customers`, label, value: dash.headline[key].customers,
      ratio: { key: `${key}.customer_percent`, value: dash.headline[key].customer_percent, label: 'of customers' },
    }))));
  node.append(Object.assign(document.createElement('p'), {
    className: 'note',
    textContent: 'Customers with Webex Calling or Webex Meetings, each counted once whatever the product line; the sections below are of the product line chosen.',
  }));
  return node;
}

/**
 * The license distribution trend of the product line (R-KPI-13): one point
 * per week that has a report; `trend` is null with a single report.
 */
function trendSection(dash, trend) {
  const weeks = trend?.weeks ?? [];
  const parts = [];
  if (weeks.length < 2) {
    parts.push(Object.assign(document.createElement('p'), {
      className: 'note', id: 'trend-needs',
      textContent: trend === null
        ? 'The license trend needs several dated reports: drop subscription details reports of different weeks (their file names carry the date).'
        : `The license trend needs reports of several weeks: the reports dropped fall in ${weeks.length === 1 ? 'one week' : 'no week'}.`,
    }));
  } else {
    parts.push(multiLineChart({
      id: 'trend', title: 'Assigned and used licenses per week', rows: weeks, x: 'week_start', yLabel: 'Licenses',
      series: [{ key: 'assigned_licenses', label: 'Assigned' }, { key: 'used_at_least_once_licenses', label: 'Used at least once' }],
      columns: TREND_COLUMNS,
    }));
  }
  if (trend?.problems.length) {
    parts.push(sortableTable({ id: 'trend-problems', caption: 'Trend inputs with problems', columns: TREND_PROBLEM_COLUMNS, rows: trend.problems }));
  }
  return section('license-trend', 'License distribution trend', ...parts);
}

/** Assignment and utilization of each group of subscriptions the dashboard sums. */
function assignmentSection(dash) {
  const groups = [
    ['Expiring', dash.near_expiration, ['assignment_percent', 'utilization_percent', 'utilization_3_months_percent']],
    ['Renewing', dash.near_renewal, ['assignment_percent', 'utilization_percent', 'utilization_3_months_percent']],
    ['Low assignment', dash.low_assignment, ['assignment_percent', 'utilization_percent', 'utilization_of_assigned_percent']],
  ];
  const names = {
    assignment_percent: 'Assignment', utilization_percent: 'Utilization (7 days)',
    utilization_3_months_percent: 'Utilization (3 months)', utilization_of_assigned_percent: 'Utilization of assigned',
  };
  const bars = groups.flatMap(([group, summary, keys]) =>
    keys.map((key) => ({ group, measure: names[key], key, value: summary[key] })));
  const summaries = groups.map(([group, s]) => ({ section: group, ...s }));
  return section('assignment', 'Assignment and utilization',
    tiles('totals', [{ key: 'total_customers', label: 'Customers with the product', value: dash.total_customers }]),
    groupedBarChart({
      id: 'assignment', title: 'Assignment and utilization by group, in %', rows: bars,
      fx: 'group', x: 'measure', y: 'value', yLabel: '%',
      columns: [
        { key: 'group', label: 'Group', type: 'text' },
        { key: 'measure', label: 'Measure', type: 'text' },
        { key: 'value', label: 'Percent', type: 'percent' },
      ],
    }),
    sortableTable({ id: 'summaries', caption: 'Summary by group', columns: SUMMARY_COLUMNS, rows: summaries }));
}

/** Subscriptions ending within the window: expiring (no auto-renew) and renewing. */
function expirySection(dash) {
  const { near_expiration: expiring, near_renewal: renewing } = dash.subscriptions;
  const points = [
    ...expiring.slice(0, TIMELINE_ROWS).map((r) => ({ ...r, group: 'Expiring' })),
    ...renewing.slice(0, TIMELINE_ROWS).map((r) => ({ ...r, group: 'Renewing' })),
  ];
  const capped = expiring.length > TIMELINE_ROWS || renewing.length > TIMELINE_ROWS;
  return section('expiry', 'Expiring and renewing subscriptions',
    tiles('near_expiration', countTiles(dash.near_expiration).map((t) => ({ ...t, label: `Expiring: ${t.label.toLowerCase()}` }))),
    tiles('near_renewal', countTiles(dash.near_renewal).map((t) => ({ ...t, label: `Renewing: ${t.label.toLowerCase()}` }))),
    timelineChart({
      id: 'expiry', title: 'Licenses by end date', rows: points, x: 'end_date', y: 'total', group: 'group', yLabel: 'Licenses',
      note: capped ? `(the ${TIMELINE_ROWS} soonest of each group)` : '',
      columns: [
        { key: 'group', label: 'Group', type: 'text' },
        { key: 'subscription_id', label: 'Subscription', type: 'text' },
        { key: 'customer_name', label: 'Customer', type: 'text' },
        { key: 'end_date', label: 'End date', type: 'text' },
        { key: 'days_to_end', label: 'Days to end', type: 'number' },
        { key: 'total', label: 'Licenses', type: 'number' },
      ],
    }),
    sortableTable({ id: 'near_expiration', caption: 'Expiring (no auto-renew), soonest first', columns: EXPIRY_COLUMNS, rows: expiring }),
    sortableTable({ id: 'near_renewal', caption: 'Renewing (auto-renew), soonest first', columns: EXPIRY_COLUMNS, rows: renewing }));
}

/** Subscriptions assigned below the threshold (R-KPI-04). */
function lowAssignmentSection(dash) {
  const s = dash.low_assignment;
  const rows = dash.subscriptions.low_assignment;
  const first = rows.slice(0, CHART_ROWS).map((r) => ({ ...r, label: label(r) }));
  return section('low', 'Low assignment',
    tiles('low_assignment', [
      ...countTiles(s),
      { key: 'threshold_ratio', label: 'Threshold (assigned / licenses)', value: s.threshold_ratio },
      { key: 'unassigned_licenses', label: 'Unassigned licenses', value: s.unassigned_licenses },
      { key: 'assignment_percent', label: 'Assignment', value: s.assignment_percent, type: 'percent' },
    ]),
    barChart({
      id: 'low', title: 'Assignment of the lowest-assigned subscriptions, in %', rows: first, x: 'assignment_percent', y: 'label',
      xLabel: 'Assigned, % of licenses', percent: true,
      note: rows.length > CHART_ROWS ? `(the ${CHART_ROWS} lowest of ${rows.length})` : '',
      rule: s.threshold_ratio === null ? null : { value: s.threshold_ratio * 100, label: 'threshold' },
      columns: [
        { key: 'label', label: 'Subscription', type: 'text' },
        { key: 'assignment_percent', label: 'Assignment', type: 'percent' },
      ],
    }),
    sortableTable({ id: 'low_assignment', caption: 'Low assignment, lowest first', columns: LOW_COLUMNS, rows }));
}

/** Subscriptions with more licenses assigned than purchased (R-KPI-05). */
function overageSection(dash) {
  const s = dash.overage;
  const rows = dash.subscriptions.overage;
  const first = rows.slice(0, CHART_ROWS).map((r) => ({ ...r, label: label(r) }));
  return section('overage', 'Overage',
    tiles('overage', [
      { key: 'customers', label: 'Customers', value: s.customers },
      { key: 'customer_percent', label: 'Of all customers', value: s.customer_percent, type: 'percent' },
      { key: 'subscriptions', label: 'Subscriptions', value: s.subscriptions },
      { key: 'excess_licenses', label: 'Excess licenses', value: s.excess_licenses },
      { key: 'average_excess_per_customer', label: 'Excess per customer', value: s.average_excess_per_customer },
    ]),
    barChart({
      id: 'overage', title: 'Licenses assigned above those purchased', rows: first, x: 'excess', y: 'label', xLabel: 'Excess licenses',
      note: rows.length > CHART_ROWS ? `(the ${CHART_ROWS} largest of ${rows.length})` : '',
      columns: [
        { key: 'label', label: 'Subscription', type: 'text' },
        { key: 'excess', label: 'Excess', type: 'number' },
      ],
    }),
    sortableTable({ id: 'overage', caption: 'Overage, largest first', columns: OVERAGE_COLUMNS, rows }));
}

/** Subscriptions added within the window (R-KPI-06); a report has no start dates. */
function recentSection(dash) {
  return section('recent', 'Recently added',
    tiles('recently_added', countTiles(dash.recently_added)),
    sortableTable({ id: 'recently_added', caption: 'Recently added, newest first', columns: RECENT_COLUMNS, rows: dash.subscriptions.recently_added }));
}

/**
 * The dashboard's sections, in page order: each renders from the library's
 * results, `(dash, trend)` (the trend is null with a single report).
 */
const SECTIONS = [headlineSection, trendSection, assignmentSection, expirySection, lowAssignmentSection, overageSection, recentSection];

/** The date of a report: its file name's (R-REP-03), else its Calculation Date. */
function reportDate(api, name, rows) {
  try {
    return api.parseReportFileName(name.replace(/\.csv$/i, '')).date;
  } catch {
    return rows[0]?.calculation_date ?? null;
  }
}

function showFiles(reports, latest) {
  $('#files-table').replaceChildren(sortableTable({
    id: 'reports', caption: 'Reports', rows: reports.map((r) => ({
      file: r.name, date: r.date, rows: r.rows.length, rejected: r.problems.length,
      used: r.date === latest ? 'yes' : 'no (earlier date)',
    })),
    columns: [
      { key: 'file', label: 'File', type: 'text' },
      { key: 'date', label: 'Date', type: 'text' },
      { key: 'rows', label: 'Rows read', type: 'number' },
      { key: 'rejected', label: 'Problems', type: 'number' },
      { key: 'used', label: 'In the dashboard', type: 'text' },
    ],
  }));
  const problems = reports.flatMap((r) => r.problems.map((p) => ({ file: r.name, ...p })));
  $('#rejected').replaceChildren(...(problems.length === 0 ? [] : [
    sortableTable({
      id: 'problems', caption: 'Rows left out of the dashboard, with their problems', rows: problems, columns: PROBLEM_COLUMNS,
    }),
  ]));
  $('#files').hidden = false;
}

async function main() {
  const api = await init();
  window.wholesale = api;
  const status = $('#status');
  const error = $('#error');
  let reports = []; // { name, bytes, date, rows, problems, subscriptions? }
  let autoDate = true;

  const render = () => {
    clearError(error);
    if (reports.length === 0) return;
    const product = $('#product').value;
    const asOf = $('#as-of').value;
    const latest = reports.map((r) => r.date).filter(Boolean).sort().at(-1) ?? null;
    showFiles(reports, latest);
    const used = reports.filter((r) => r.date === latest);
    try {
      if (!asOf) throw Object.assign(new Error('choose the as-of date'), { code: 'INPUT_INVALID', field: 'as_of' });
      // Every product line: the headline counts calling and meetings together.
      const subscriptionsOf = (list) => list.flatMap((r) => {
        r.subscriptions ??= api.subscriptionsFromReport(r.bytes).subscriptions;
        return r.subscriptions;
      });
      const dash = used.length === 1
        ? api.kpiDashboard(used[0].bytes, product, asOf)
        : api.kpiDashboard(subscriptionsOf(used), product, asOf);
      // One trend input per date (the library's reading of the file name):
      // reports of one date are regions of the same week.
      const dates = [...new Set(reports.map((r) => r.date).filter(Boolean))].sort();
      const trend = reports.length < 2 ? null : api.licenseTrend(dates.map((date) => ({
        as_of: date, subscriptions: subscriptionsOf(reports.filter((r) => r.date === date)),
      })), product);
      const board = $('#dashboard');
      board.replaceChildren(...SECTIONS.map((render) => render(dash, trend)));
      board.dataset.product = dash.product;
      board.dataset.asOf = dash.as_of;
      board.hidden = false;
      const undated = reports.filter((r) => !r.date).length;
      $('#files-note').textContent = `${used.length} of ${reports.length} report(s) in the dashboard (date ${latest ?? 'unknown'}), ${dash.product} as of ${dash.as_of}.`
        + (trend === null ? '' : ` The trend: ${dates.length} date(s)${undated ? `; ${undated} report(s) without a date (no row) are not in it` : ''}.`);
      status.textContent = `Dashboard of ${used.map((r) => r.name).join(', ')}.`;
    } catch (e) {
      $('#dashboard').hidden = true;
      showError(error, e, 'Dashboard');
      status.textContent = 'The dashboard could not be made.';
    }
    markRendered();
  };

  const onFiles = (files) => {
    const read = [];
    clearError(error);
    for (const file of files) {
      try {
        const table = api.readReport('subscription_details', file.bytes);
        read.push({ ...file, rows: table.rows, problems: table.problems, date: reportDate(api, file.name, table.rows) });
      } catch (e) {
        showError(error, e, file.name);
        markRendered();
        return;
      }
    }
    reports = read;
    const latest = reports.map((r) => r.date).filter(Boolean).sort().at(-1);
    if (autoDate && latest) $('#as-of').value = latest;
    render();
  };
  const fail = (e) => showError(error, e);

  fileDrop($('#drop'), $('#reports'), onFiles, fail);
  $('#product').addEventListener('change', render);
  $('#as-of').addEventListener('change', () => { autoDate = false; render(); });
  status.textContent = 'Ready: drop subscription details reports.';
}

startPage(main);
