// The static page: loads the web build, lists the code registry, and checks
// a dropped or picked Control Hub CSV with the chosen import behavior and an
// optional org snapshot (JSON, or built by the core from the Control Hub user
// export and a location list), showing the core's plan (counts, file
// problems, the destructive changes row by row, rows with rejected rows
// first) and offering the ready and rejected files. No server, no
// framework: the file never leaves the browser.
import { init } from '../js/web.js';
import { mountNav } from './nav.js';

mountNav();

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

/** R-CSV-20: every remove, change_package and license removal, from the core's review. */
function showReview(review) {
  const body = $('#review-table tbody');
  body.replaceChildren();
  for (const r of review.destructive) {
    const tr = body.insertRow();
    tr.dataset.action = r.action;
    cell(tr, String(r.line));
    cell(tr, r.email);
    cell(tr, r.action);
    cell(tr, r.package ?? '');
    cell(tr, r.remove.join(', '));
    cell(tr, r.assign.join(', '));
  }
  $('#review-table').hidden = review.destructive.length === 0;
  $('#review-note').textContent = review.destructive.length
    ? `${review.destructive.length} row(s) remove users, change packages or remove licenses.`
    : 'Nothing is removed and no package changes.';
}

/** The warnings about the export the snapshot was built from (R-CSV-21). */
function showSnapshotWarnings(built) {
  const list = $('#snapshot-warnings');
  built.warnings.forEach((w, i) => {
    const line = w.line === null ? '' : ` line ${w.line}`;
    list.append(Object.assign(document.createElement('li'), {
      textContent: `${built.warning_files[i]} file${line}: ${w.code} ${w.message}`,
      className: 'warning',
    }));
  });
  list.hidden = built.warnings.length === 0;
}

function download(bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
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
  let org = null; // { name, text } of a snapshot JSON, or { name, bytes } of an export
  let locations = null; // { name, bytes }

  /** The snapshot to check against: the JSON as given, or built by the core from the export. */
  const snapshot = () => {
    if (!org) return null;
    if (org.text !== undefined) return org.text;
    const built = api.snapshotFromExport(org.bytes, { locations: locations?.bytes ?? null });
    showSnapshotWarnings(built);
    return built.snapshot;
  };
  const options = () => {
    $('#snapshot-warnings').replaceChildren();
    $('#snapshot-warnings').hidden = true;
    return { behavior: $('#behavior').value, org: snapshot() };
  };

  const run = () => {
    if (!csv) return;
    try {
      const behavior = $('#behavior').value;
      // Bytes, not text: the core detects the encoding (UTF-8, UTF-16, BOMs).
      const opts = options();
      const plan = api.checkCsv(csv.bytes, opts);
      showPlan(plan, `${csv.name} (${behavior}${org ? `, snapshot ${org.name}` : ', no snapshot'})`);
      showReview(api.reviewCsv(csv.bytes, opts));
      $('#downloads').hidden = plan.file_errors.length > 0;
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
    if (!file) {
      org = null;
    } else {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // A snapshot is a JSON object; anything else is read as the user export.
      const json = new TextDecoder().decode(bytes.slice(0, 64)).trimStart().startsWith('{');
      org = json ? { name: file.name, text: new TextDecoder().decode(bytes) } : { name: file.name, bytes };
    }
    run();
  };
  const onLocations = async (file) => {
    locations = file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
    run();
  };
  const save = (make, suffix) => () => {
    try {
      download(make(csv.bytes, options()), csv.name.replace(/\.csv$/i, '') + suffix);
    } catch (e) {
      fail(e);
    }
  };

  $('#file').addEventListener('change', (e) => onCsv(e.target.files[0]).catch(fail));
  $('#org').addEventListener('change', (e) => onOrg(e.target.files[0]).catch(fail));
  $('#locations').addEventListener('change', (e) => onLocations(e.target.files[0]).catch(fail));
  $('#org-clear').addEventListener('click', () => { $('#org').value = ''; onOrg(null).catch(fail); });
  $('#download-ready').addEventListener('click', save(api.readyFile, '.ready.csv'));
  $('#download-rejected').addEventListener('click', save(api.rejectedFile, '.rejected.csv'));
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
