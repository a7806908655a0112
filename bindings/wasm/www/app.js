// The static page: loads the web build, lists the code registry, and checks
// a dropped or picked Control Hub CSV with the chosen import behavior and an
// optional org snapshot, showing the core's plan (counts, file problems,
// rows with rejected rows first). No server, no framework: the file never
// leaves the browser.
import { init } from '../js/web.js';

const $ = (selector) => document.querySelector(selector);
const COUNTS = ['rows', 'add', 'modify', 'change_package', 'remove', 'no_change', 'rejected', 'warnings'];

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

/** Rejected rows first, then rows with warnings, then the rest; file order within each. */
export function orderRows(rows) {
  const rank = (r) => (r.action === 'rejected' ? 0 : r.warnings.length ? 1 : 2);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.line - b.line);
}

function showPlan(plan, note) {
  for (const key of COUNTS) $(`#count-${key}`).textContent = String(plan.summary[key]);
  $('#plan-note').textContent = note;

  const fileBody = $('#file-table tbody');
  fileBody.replaceChildren();
  for (const [severity, list] of [['error', plan.file_errors], ['warning', plan.file_warnings]]) {
    for (const p of list) {
      const tr = fileBody.insertRow();
      tr.className = severity === 'error' ? 'rejected' : 'warning';
      cell(tr, severity, `severity-${severity}`);
      cell(tr, p.line === null ? '' : String(p.line));
      cell(tr, p.code);
      cell(tr, p.message);
    }
  }
  $('#file-problems').hidden = fileBody.rows.length === 0;

  const body = $('#plan-table tbody');
  body.replaceChildren();
  for (const r of orderRows(plan.rows)) {
    const problems = [...r.errors, ...r.warnings];
    for (const p of problems.length ? problems : [null]) {
      const tr = body.insertRow();
      tr.className = r.action === 'rejected' ? 'rejected' : problems.length ? 'warning' : '';
      tr.dataset.action = r.action;
      cell(tr, String(r.line));
      cell(tr, r.email);
      cell(tr, r.action);
      cell(tr, p?.code ?? '');
      cell(tr, p?.field ?? '');
      cell(tr, p?.message ?? '');
    }
  }
  $('#plan').hidden = false;
}

function fail(e) {
  $('#status').textContent = `${e.code ?? 'ERROR'}: ${e.message}`;
  $('#status').className = 'error';
}

async function main() {
  const api = await init();
  window.wholesale = api; // for the console and the browser test
  showRegistry(api);
  let csv = null; // { name, bytes }
  let org = null; // { name, text }

  const run = () => {
    if (!csv) return;
    try {
      const behavior = $('#behavior').value;
      // Bytes, not text: the core detects the encoding (UTF-8, UTF-16, BOMs).
      const plan = api.checkCsv(csv.bytes, { behavior, org: org?.text ?? null });
      showPlan(plan, `${csv.name} (${behavior}${org ? `, snapshot ${org.name}` : ', no snapshot'})`);
      $('#status').textContent = `Checked ${csv.name}.`;
      $('#status').className = '';
      document.body.dataset.checked = String(Number(document.body.dataset.checked ?? 0) + 1);
    } catch (e) {
      fail(e);
    }
  };
  const onCsv = async (file) => {
    if (!file) return;
    csv = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    run();
  };
  const onOrg = async (file) => {
    org = file ? { name: file.name, text: await file.text() } : null;
    run();
  };

  $('#file').addEventListener('change', (e) => onCsv(e.target.files[0]).catch(fail));
  $('#org').addEventListener('change', (e) => onOrg(e.target.files[0]).catch(fail));
  $('#org-clear').addEventListener('click', () => { $('#org').value = ''; onOrg(null).catch(fail); });
  $('#behavior').addEventListener('change', run);
  const drop = $('#drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    onCsv(e.dataTransfer.files[0]).catch(fail);
  });
  $('#status').textContent = `Ready: ${api.codes().length} codes loaded.`;
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  $('#status').textContent = `Cannot start: ${e.message}`;
  $('#status').className = 'error';
  document.body.dataset.ready = 'error';
});
