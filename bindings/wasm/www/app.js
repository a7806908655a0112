// The static page: loads the web build, lists the code registry, and checks
// a dropped or picked CSV with the chosen import behavior, showing the plan
// (rejected rows first, codes and messages, counts). No server, no framework.
import { init } from '../js/web.js';

const $ = (selector) => document.querySelector(selector);

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function showRegistry(api) {
  const body = $('#codes-table tbody');
  body.replaceChildren();
  for (const c of api.codes()) {
    const row = body.insertRow();
    cell(row, '').append(Object.assign(document.createElement('code'), { textContent: c.code }));
    cell(row, c.rule);
    cell(row, c.severity, `severity-${c.severity}`);
    cell(row, c.summary);
  }
}

/**
 * The CSV check. The csv_import binding (round two) provides `api.checkCsv`;
 * until then this stub returns an empty plan of the same outline, so the
 * page's wiring (file, behavior, table, counts) is already exercised.
 */
function checkCsv(api, text, behavior) {
  if (typeof api.checkCsv === 'function') return api.checkCsv(text, behavior);
  return {
    stub: true,
    behavior,
    rows: [],
    counts: { total: 0, accepted: 0, rejected: 0, warnings: 0 },
  };
}

function showPlan(plan, fileName) {
  const rows = [...(plan.rows ?? [])].sort(
    (a, b) => Number(b.status === 'rejected') - Number(a.status === 'rejected') || (a.row ?? 0) - (b.row ?? 0),
  );
  const counts = plan.counts ?? {};
  for (const key of ['total', 'accepted', 'rejected', 'warnings']) {
    $(`#count-${key}`).textContent = String(counts[key] ?? 0);
  }
  $('#plan-note').textContent = plan.stub
    ? `${fileName}: read (${plan.behavior}). Row checks arrive with the CSV import binding.`
    : `${fileName} (${plan.behavior ?? ''})`;
  const body = $('#plan-table tbody');
  body.replaceChildren();
  for (const r of rows) {
    const problems = [...(r.errors ?? []), ...(r.warnings ?? [])];
    for (const p of problems.length ? problems : [null]) {
      const tr = body.insertRow();
      tr.className = r.status === 'rejected' ? 'rejected' : problems.length ? 'warning' : '';
      cell(tr, String(r.row ?? ''));
      cell(tr, r.status ?? '');
      cell(tr, p?.code ?? '');
      cell(tr, p?.field ?? '');
      cell(tr, p?.message ?? '');
    }
  }
  $('#plan').hidden = false;
}

async function onFile(api, file) {
  if (!file) return;
  try {
    const text = await file.text();
    showPlan(checkCsv(api, text, $('#behavior').value), file.name);
    $('#status').textContent = `Checked ${file.name}.`;
    $('#status').className = '';
  } catch (e) {
    $('#status').textContent = `${e.code ?? 'ERROR'}: ${e.message}`;
    $('#status').className = 'error';
  }
}

async function main() {
  const api = await init();
  window.wholesale = api; // for the console and the browser test
  showRegistry(api);
  let lastFile = null;
  $('#file').addEventListener('change', (e) => onFile(api, (lastFile = e.target.files[0])));
  $('#behavior').addEventListener('change', () => onFile(api, lastFile));
  const drop = $('#drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    onFile(api, (lastFile = e.dataTransfer.files[0]));
  });
  $('#status').textContent = `Ready: ${api.codes().length} codes loaded.`;
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  $('#status').textContent = `Cannot start: ${e.message}`;
  $('#status').className = 'error';
  document.body.dataset.ready = 'error';
});
