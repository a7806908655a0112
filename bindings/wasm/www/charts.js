// What the tools show: charts (Observable Plot) each with an accessible table
// of the same numbers, sortable tables and figure tiles. Every value shown
// is one the library returned; these helpers only lay them out. Each cell
// keeps its raw value in `data-value` (empty for null) and its key in
// `data-key`, so tests and scripts read the numbers without parsing text.
import * as Plot from '@observablehq/plot';

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * A column of a table: `key` (the result's key, also `data-key`), `label`,
 * `type` (`text`, `number`, `percent`, `boolean`), and optionally `value`
 * (row => value) when the value is not `row[key]`.
 */
const valueOf = (row, column) => (column.value ? column.value(row) : row[column.key]);

/** The text of a value; null and undefined are a dash (absent, R-KPI-11). */
export function formatValue(value, type) {
  if (value === null || value === undefined) return '—';
  if (type === 'percent') return `${NUMBER.format(value)} %`;
  if (type === 'number') return NUMBER.format(value);
  if (type === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Absent values sort last in both directions; numbers by value, text by locale. */
function compare(a, b, type, direction) {
  const absentA = a === null || a === undefined;
  const absentB = b === null || b === undefined;
  if (absentA || absentB) return absentA === absentB ? 0 : absentA ? 1 : -1;
  const order = type === 'text' ? String(a).localeCompare(String(b)) : Number(a) - Number(b);
  return direction === 'ascending' ? order : -order;
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/**
 * A table of `rows` with a caption; clicking a column's header button (or
 * Enter/Space on it) sorts by that column, again to reverse. The library's
 * order is the initial one. At most `limit` rows are rendered, with a button
 * to show more, so 100,000 rows stay usable. Returns a wrapper element.
 */
export function sortableTable({ id, caption, columns, rows, limit = 100 }) {
  let order = rows.slice();
  let shown = Math.min(limit, rows.length);
  const captionText = el('span', { textContent: caption });
  const count = el('span', { className: 'count' });
  const table = el('table', { className: 'sortable' }, el('caption', {}, captionText, count));
  table.dataset.table = id;
  table.dataset.rows = String(rows.length);
  const headRow = table.createTHead().insertRow();
  const body = table.createTBody();
  const more = el('button', { type: 'button', className: 'more' });

  const render = () => {
    body.replaceChildren();
    for (const row of order.slice(0, shown)) {
      const tr = body.insertRow();
      for (const column of columns) {
        const value = valueOf(row, column);
        const td = tr.insertCell();
        td.textContent = formatValue(value, column.type);
        td.dataset.key = column.key;
        td.dataset.value = value === null || value === undefined ? '' : String(value);
        if (column.type !== 'text') td.className = 'num';
      }
    }
    table.dataset.shown = String(shown);
    count.textContent = rows.length > shown ? ` (first ${shown} of ${rows.length} rows)` : ` (${rows.length} rows)`;
    more.hidden = shown >= rows.length;
    more.textContent = `Show ${Math.min(limit, rows.length - shown)} more rows`;
  };

  for (const column of columns) {
    const th = el('th', { scope: 'col' });
    const button = el('button', { type: 'button', textContent: column.label });
    button.dataset.key = column.key;
    button.addEventListener('click', () => {
      const direction = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      for (const other of headRow.cells) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', direction);
      order = rows.slice().sort((a, b) => compare(valueOf(a, column), valueOf(b, column), column.type, direction));
      render();
    });
    th.append(button);
    headRow.append(th);
  }
  more.addEventListener('click', () => {
    shown = Math.min(rows.length, shown + limit);
    render();
  });
  render();
  return el('div', { className: 'table-wrap' }, table, more);
}

/**
 * A chart and, next to it, the table of its numbers (in a `<details>`, open
 * when printing). `plot` is Plot's options without data-free defaults;
 * `rows` and `columns` are the numbers the marks draw.
 */
export function chartFigure({ id, title, note, plot, rows, columns }) {
  const figure = el('figure', { className: 'chart' });
  figure.dataset.chart = id;
  figure.dataset.points = String(rows.length);
  figure.append(el('figcaption', {}, el('strong', { textContent: title }), note ? ` ${note}` : ''));
  if (rows.length === 0) {
    figure.append(el('p', { className: 'empty', textContent: 'Nothing to chart.' }));
  } else {
    // With a legend, Plot returns a figure holding swatches and the plot.
    const node = Plot.plot({ marginLeft: 60, style: { fontSize: '12px', background: 'transparent' }, ...plot, ariaLabel: title });
    // One image for assistive technology, its numbers in the table below;
    // Plot's labels of mark groups stay as data (aria-label needs a role),
    // the swatches' little squares are decoration beside their text.
    for (const svg of node.matches('svg') ? [node] : node.querySelectorAll('svg')) {
      if (svg.getAttribute('aria-label') === title) svg.setAttribute('role', 'img');
      else svg.setAttribute('aria-hidden', 'true');
    }
    for (const g of node.querySelectorAll('g[aria-label]')) {
      g.dataset.mark = g.getAttribute('aria-label');
      g.removeAttribute('aria-label');
    }
    figure.append(node);
  }
  const details = el('details', { className: 'chart-data' }, el('summary', { textContent: `Numbers of this chart: ${title}` }));
  details.append(sortableTable({ id: `${id}-data`, caption: title, columns, rows, limit: rows.length || 1 }));
  figure.append(details);
  return figure;
}

/** Horizontal bars, one per row: `y` names the bar (text), `x` its value. */
export function barChart({ id, title, note, rows, columns, x, y, xLabel, rule, percent = false }) {
  // A row without a value (nothing measured) keeps its place, with no bar.
  const valued = rows.filter((d) => d[x] !== null && d[x] !== undefined);
  const marks = [
    Plot.barX(valued, { x, y, fill: '#2a6ad4', sort: null }),
    Plot.text(rows, { x: (d) => d[x] ?? 0, y, text: (d) => (d[x] === null || d[x] === undefined ? 'none measured' : formatValue(d[x], percent ? 'percent' : 'number')), dx: 4, textAnchor: 'start', fill: 'currentColor' }),
    Plot.ruleX([0]),
  ];
  if (rule) marks.push(Plot.ruleX([rule.value], { stroke: '#a40000', strokeDasharray: '4,3' }), Plot.text([rule.value], { x: (d) => d, frameAnchor: 'top', text: () => rule.label, dy: -2, fill: '#a40000', textAnchor: 'start', dx: 3 }));
  const height = Math.max(80, rows.length * 22 + 50);
  return chartFigure({
    id, title, note, rows, columns,
    plot: {
      height, marginLeft: 220, marginRight: 70, marginTop: rule ? 24 : 10,
      x: { label: xLabel, grid: true, nice: true, ...(percent ? { domain: [0, Math.max(100, ...rows.map((d) => d[x] ?? 0))] } : {}) },
      y: { label: null, domain: rows.map((d) => d[y]) },
      marks,
    },
  });
}

/** A line over time: `x` a date key (RFC 3339 or YYYY-MM-DD text), `y` the value. */
export function lineChart({ id, title, note, rows, columns, x, y, yLabel }) {
  const at = (d) => new Date(d[x]);
  return chartFigure({
    id, title, note, rows, columns,
    plot: {
      height: 260, marginLeft: 50, marginRight: 30,
      x: { type: 'utc', label: null },
      y: { label: yLabel, grid: true, zero: true },
      marks: [
        Plot.lineY(rows.filter((d) => d[y] !== null), { x: at, y, stroke: '#2a6ad4', strokeWidth: 2 }),
        Plot.dot(rows, { x: at, y, fill: '#2a6ad4', r: 4 }),
        Plot.text(rows, { x: at, y, text: (d) => formatValue(d[y], 'percent'), dy: -10, fill: 'currentColor' }),
      ],
    },
  });
}

/**
 * Lines over time, one per series: `x` a date key (YYYY-MM-DD text),
 * `series` `[{key, label}]` the value keys, each its own line and legend
 * entry; a null value leaves a gap.
 */
export function multiLineChart({ id, title, note, rows, columns, x, series, yLabel }) {
  const points = series.flatMap(({ key, label }) => rows.map((d) => ({ at: new Date(d[x]), value: d[key], series: label })));
  const valued = points.filter((p) => p.value !== null && p.value !== undefined);
  return chartFigure({
    id, title, note, rows, columns,
    plot: {
      height: 280, marginLeft: 60, marginRight: 30,
      x: { type: 'utc', label: null },
      y: { label: yLabel, grid: true, zero: true },
      color: { legend: true, domain: series.map((s) => s.label), range: ['#2a6ad4', '#a40000', '#1b7a3a'] },
      marks: [
        Plot.lineY(points, { x: 'at', y: 'value', stroke: 'series', strokeWidth: 2, defined: (p) => p.value !== null && p.value !== undefined }),
        // The series lie close together: their numbers are in the table, not on the dots.
        Plot.dot(valued, { x: 'at', y: 'value', fill: 'series', r: 4 }),
      ],
    },
  });
}

/** Dots over time per group: `x` a date key, `y` a value, `group` the legend's key. */
export function timelineChart({ id, title, note, rows, columns, x, y, group, yLabel }) {
  return chartFigure({
    id, title, note, rows, columns,
    plot: {
      height: 280, marginLeft: 50,
      x: { type: 'utc', label: null },
      y: { label: yLabel, grid: true, zero: true },
      color: { legend: true, range: ['#a40000', '#2a6ad4'] },
      symbol: { legend: false },
      marks: [Plot.dot(rows, { x: (d) => new Date(d[x]), y, stroke: group, symbol: group, r: 4 })],
    },
  });
}

/**
 * Grouped vertical bars: `fx` the group (text), `x` the measure within it,
 * `y` the value; one color per measure.
 */
export function groupedBarChart({ id, title, note, rows, columns, fx, x, y, yLabel }) {
  return chartFigure({
    id, title, note, rows, columns,
    plot: {
      height: 280, marginBottom: 40,
      fx: { label: null, padding: 0.15 },
      x: { axis: null, padding: 0.1 },
      y: { label: yLabel, grid: true, domain: [0, Math.max(100, ...rows.map((d) => d[y] ?? 0))] },
      color: { legend: true, scheme: 'tableau10' },
      marks: [
        Plot.barY(rows, { fx, x, y, fill: x }),
        Plot.text(rows, { fx, x, y, text: (d) => formatValue(d[y], 'percent'), dy: -6, fill: 'currentColor', fontSize: 10 }),
        Plot.ruleY([0]),
      ],
    },
  });
}

/**
 * Figure tiles: `<dl>` of `{key, label, value, type, ratio?}`, each `dd` with
 * `data-key`/`data-value`; `ratio` (`{key, value, label}`, a percent) is a
 * second, smaller `dd` of the same tile.
 */
export function tiles(id, items) {
  const list = el('dl', { className: 'tiles' });
  list.dataset.tiles = id;
  const figure = (key, value, type, props = {}) => {
    const dd = el('dd', { textContent: formatValue(value, type), ...props });
    dd.dataset.key = key;
    dd.dataset.value = value === null || value === undefined ? '' : String(value);
    return dd;
  };
  for (const item of items) {
    const tile = el('div', {}, el('dt', { textContent: item.label }), figure(item.key, item.value, item.type ?? 'number'));
    if (item.ratio) {
      const { key, value, label } = item.ratio;
      const ratio = figure(key, value, 'percent', { className: 'ratio' });
      ratio.append(` ${label}`);
      tile.append(ratio);
    }
    list.append(tile);
  }
  return list;
}

/** A `<section>` with an `h2` and the given children. */
export function section(id, title, ...children) {
  const head = el('h2', { id: `${id}-title`, textContent: title });
  const node = el('section', { className: 'result' }, head, ...children);
  node.id = id;
  node.setAttribute('aria-labelledby', head.id);
  return node;
}

// A closed <details> prints nothing: open every chart's numbers for print.
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details.chart-data')) d.open = true;
  });
}
