// The call-quality tool: a call-leg CSV (and optionally a call-queue CSV)
// in, the library's weekly quality report (`weeklyQualityReport`, R-CQ-03)
// and queue KPIs (`queueKpis`, R-CQ-04) out as charts and sortable tables.
// Every number comes from the library's results.
import { init } from '../js/web.js';
import { PROBLEM_COLUMNS, clearError, showError } from './alert.js';
import { barChart, lineChart, section, sortableTable, tiles } from './charts.js';
import { fileDrop } from './drop.js';
import { markRendered, startPage } from './page.js';

const $ = (selector) => document.querySelector(selector);

const COUNTS = [
  { key: 'legs', label: 'Legs', type: 'number' },
  { key: 'measured', label: 'Measured', type: 'number' },
  { key: 'poor', label: 'Poor', type: 'number' },
  { key: 'poor_pct', label: 'Poor, % of measured', type: 'percent' },
];
const QUEUE = [
  { key: 'calls', label: 'Calls', type: 'number' },
  { key: 'answered', label: 'Answered', type: 'number' },
  { key: 'abandoned', label: 'Abandoned', type: 'number' },
  { key: 'moved', label: 'Moved', type: 'number' },
  { key: 'abandonment_pct', label: 'Abandonment', type: 'percent' },
  { key: 'avg_answer_seconds', label: 'Mean answer wait, s', type: 'number' },
  { key: 'avg_abandon_wait_seconds', label: 'Mean wait before abandoning, s', type: 'number' },
];
const CHART_ROWS = 25;

/** The week reported and the rows the readers rejected (never dropped silently). */
function weekSection(report, queue, files) {
  const rejected = [
    ...report.rejected_rows.flatMap((r) => r.problems.map((p) => ({ file: files.legs, ...p, line: r.line }))),
    ...(queue?.rejected_rows ?? []).flatMap((r) => r.problems.map((p) => ({ file: files.queue, ...p, line: r.line }))),
  ];
  const week = document.createElement('p');
  week.id = 'week';
  week.dataset.start = report.week.start;
  week.dataset.end = report.week.end;
  week.textContent = `Last completed week: ${report.week.start} to ${report.week.end} (end excluded).`;
  return section('rows', 'Week and rejected rows', week,
    tiles('rejected', [
      { key: 'legs_rejected', label: 'Call-leg rows rejected', value: report.rejected_rows.length },
      ...(queue ? [{ key: 'queue_rejected', label: 'Call-queue rows rejected', value: queue.rejected_rows.length }] : []),
    ]),
    ...(rejected.length ? [sortableTable({ id: 'rejected_rows', caption: 'Rejected rows, with their problems', columns: PROBLEM_COLUMNS, rows: rejected })] : []));
}

/** The poor-call ratio of the 8 weeks ending with the reported one. */
function trendSection(report) {
  const rows = report.trend.map((w) => ({ week_start: w.week.start, ...w }));
  return section('trend', 'Poor calls over 8 weeks',
    lineChart({
      id: 'trend', title: 'Poor calls, % of measured legs, by week', rows, x: 'week_start', y: 'poor_pct', yLabel: '% poor',
      columns: [{ key: 'week_start', label: 'Week starting', type: 'text' }, ...COUNTS],
    }));
}

/** The reported week by endpoint type. */
function endpointSection(report) {
  const rows = report.by_endpoint_type;
  return section('endpoints', 'By endpoint type',
    barChart({
      id: 'endpoints', title: 'Poor calls by endpoint type, % of measured legs', rows, x: 'poor_pct', y: 'endpoint_type',
      xLabel: '% poor', percent: true,
      columns: [{ key: 'endpoint_type', label: 'Endpoint type', type: 'text' }, ...COUNTS],
    }));
}

/** The reported week by customer; the chart shows the worst ones. */
function customerSection(report) {
  const rows = report.customers;
  const worst = rows.filter((c) => c.poor_pct !== null).sort((a, b) => b.poor_pct - a.poor_pct).slice(0, CHART_ROWS);
  return section('customers', 'By customer, last week',
    barChart({
      id: 'customers', title: 'Poor calls by customer, % of measured legs', rows: worst, x: 'poor_pct', y: 'customer_id',
      xLabel: '% poor', percent: true,
      note: rows.length > worst.length ? `(the ${worst.length} highest of ${rows.length} customers)` : '',
      columns: [{ key: 'customer_id', label: 'Customer', type: 'text' }, ...COUNTS],
    }),
    sortableTable({ id: 'customers', caption: 'Customers', columns: [{ key: 'customer_id', label: 'Customer', type: 'text' }, ...COUNTS], rows }));
}

/** Call-queue KPIs of the week, pooled and per customer. */
function queueSection(queue) {
  const rows = queue.customers;
  const first = rows.slice(0, CHART_ROWS);
  const columns = [{ key: 'customer_id', label: 'Customer', type: 'text' }, ...QUEUE];
  return section('queues', 'Call queues, last week',
    tiles('pooled', QUEUE.map((c) => ({ ...c, value: queue.pooled[c.key] }))),
    barChart({
      id: 'queues', title: 'Abandoned queued calls by customer, % of calls', rows: first, x: 'abandonment_pct', y: 'customer_id',
      xLabel: '% abandoned', percent: true,
      note: rows.length > CHART_ROWS ? `(the first ${CHART_ROWS} of ${rows.length} customers)` : '',
      columns,
    }),
    sortableTable({ id: 'queue_customers', caption: 'Call queues by customer', columns, rows }));
}

async function main() {
  const api = await init();
  window.wholesale = api;
  const status = $('#status');
  const error = $('#error');
  const files = { legs: null, queue: null }; // { name, bytes }
  // The core reads no clock: the page passes the viewer's date (editable).
  $('#as-of').value = new Date().toISOString().slice(0, 10);

  const render = () => {
    clearError(error);
    if (!files.legs) return;
    const asOf = $('#as-of').value;
    try {
      if (!asOf) throw Object.assign(new Error('choose the as-of date'), { code: 'INPUT_INVALID', field: 'as_of' });
      const report = api.weeklyQualityReport(files.legs.bytes, asOf);
      const queue = files.queue ? api.queueKpis(files.queue.bytes, asOf) : null;
      const names = { legs: files.legs.name, queue: files.queue?.name };
      const out = $('#report');
      out.replaceChildren(
        weekSection(report, queue, names), trendSection(report), endpointSection(report), customerSection(report),
        ...(queue ? [queueSection(queue)] : []),
      );
      out.hidden = false;
      status.textContent = `Report of ${names.legs}${queue ? ` and ${names.queue}` : ''}.`;
    } catch (e) {
      $('#report').hidden = true;
      showError(error, e, 'Report');
      status.textContent = 'The report could not be made.';
    }
    markRendered();
  };
  const fail = (e) => showError(error, e);

  fileDrop($('#legs-drop'), $('#legs'), ([file]) => { files.legs = file; render(); }, fail);
  fileDrop($('#queue-drop'), $('#queue'), ([file]) => { files.queue = file; render(); }, fail);
  $('#as-of').addEventListener('change', render);
  status.textContent = 'Ready: drop a call-leg CSV.';
}

startPage(main);
