// The table of outcomes of the CSV precheck, paged so it stays fast at
// 20,000 rows: the plan stays in wasm; the filters ask the library which
// rows they keep (`plan.select`, the core's RowQuery) and only the rows of
// the page shown are converted (`plan.rowsAt`). The filter menus are the
// plan's facets (the actions, codes and columns present, with row counts).

export const PAGE_SIZE = 100;
const SEARCH_DELAY_MS = 200;

const FILTERS = [
  { key: 'action', facet: 'actions', all: 'All actions' },
  { key: 'code', facet: 'codes', all: 'All codes' },
  { key: 'column', facet: 'columns', all: 'All columns' },
];

function cell(tr, lines) {
  const td = tr.insertCell();
  const list = Array.isArray(lines) ? lines : [lines];
  if (list.length <= 1) {
    td.textContent = list[0] ?? '';
  } else {
    for (const text of list) td.append(Object.assign(document.createElement('div'), { textContent: text ?? '' }));
  }
  return td;
}

/** One table row per plan row: its problems listed one per line in the last three cells. */
function rowOf(r) {
  const tr = document.createElement('tr');
  const problems = [...r.errors, ...r.warnings];
  tr.className = r.action === 'rejected' ? 'rejected' : problems.length ? 'warning' : '';
  tr.dataset.action = r.action;
  tr.dataset.line = String(r.line);
  cell(tr, String(r.line));
  cell(tr, r.email);
  cell(tr, r.action);
  cell(tr, r.package ?? '');
  cell(tr, problems.map((p) => p.code));
  cell(tr, problems.map((p) => p.field ?? ''));
  cell(tr, problems.map((p) => p.message));
  return tr;
}

/**
 * Wires the outcomes section under `root` (filters, search, pager, table);
 * returns `{ show(plan) }`. `onError` receives a library error.
 */
export function outcomesTable(root, onError) {
  const $ = (s) => root.querySelector(s);
  const body = $('#plan-table tbody');
  const status = $('#pager-status');
  const search = $('#filter-email');
  const buttons = { first: $('#page-first'), prev: $('#page-prev'), next: $('#page-next'), last: $('#page-last') };
  let plan = null;
  let selected = new Uint32Array();
  let page = 0;

  const pages = () => Math.max(1, Math.ceil(selected.length / PAGE_SIZE));

  function query() {
    const q = {};
    for (const { key } of FILTERS) {
      const value = $(`#filter-${key}`).value;
      if (value) q[key] = value;
    }
    if (search.value.trim()) q.email = search.value.trim();
    return q;
  }

  function render() {
    const start = page * PAGE_SIZE;
    const end = Math.min(selected.length, start + PAGE_SIZE);
    const rows = plan.rowsAt(selected.subarray(start, end));
    body.replaceChildren(...rows.map(rowOf));
    const total = plan.rowCount;
    status.dataset.selected = String(selected.length);
    status.dataset.start = String(selected.length ? start + 1 : 0);
    status.dataset.end = String(end);
    status.dataset.page = String(page + 1);
    status.textContent = selected.length
      ? `Rows ${start + 1}–${end} of ${selected.length} selected (${total} in the file), page ${page + 1} of ${pages()}`
      : `No row of the ${total} matches`;
    buttons.first.disabled = buttons.prev.disabled = page === 0;
    buttons.next.disabled = buttons.last.disabled = page >= pages() - 1;
  }

  function refresh() {
    if (!plan) return;
    try {
      selected = plan.select(query());
      page = 0;
      render();
      root.dataset.selects = String(Number(root.dataset.selects ?? 0) + 1);
    } catch (e) {
      onError(e);
    }
  }

  function fillFilters() {
    const facets = plan.facets();
    for (const { key, facet, all } of FILTERS) {
      const select = $(`#filter-${key}`);
      const keep = select.value;
      const options = [new Option(all, '')];
      for (const f of facets[facet]) {
        const value = f[key];
        options.push(new Option(`${value} (${f.rows})`, value));
      }
      select.replaceChildren(...options);
      select.value = options.some((o) => o.value === keep) ? keep : '';
    }
  }

  const go = (to) => () => {
    page = Math.min(Math.max(0, to()), pages() - 1);
    try {
      render();
    } catch (e) {
      onError(e);
    }
  };
  buttons.first.addEventListener('click', go(() => 0));
  buttons.prev.addEventListener('click', go(() => page - 1));
  buttons.next.addEventListener('click', go(() => page + 1));
  buttons.last.addEventListener('click', go(() => pages() - 1));
  for (const { key } of FILTERS) $(`#filter-${key}`).addEventListener('change', refresh);
  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, SEARCH_DELAY_MS);
  });

  return {
    show(next) {
      plan = next;
      fillFilters();
      refresh();
    },
  };
}
