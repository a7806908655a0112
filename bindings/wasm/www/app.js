// The static page: loads the web build, lists the code registry, and checks
// a dropped or picked Control Hub CSV with the chosen import behavior and an
// optional org snapshot (JSON, or built by the core from the Control Hub user
// export and a location list), showing the core's plan (counts, file
// problems, the destructive changes row by row, the outcomes paged and
// filtered by the library, table.js) and offering the ready and rejected
// files and the plan as JSON, all from the one plan checked. No server, no
// framework: the file never leaves the browser.
import { init } from '../js/web.js';
import { clearError, showError } from './alert.js';
import { mountNav } from './nav.js';
import { outcomesTable } from './table.js';

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

function showPlan(plan, note) {
  const { summary } = plan;
  for (const key of COUNTS) $(`#count-${key}`).textContent = String(summary[key]);
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
  $('#review .scroll-box').hidden = review.destructive.length === 0;
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

function download(bytes, name, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function fail(e) {
  showError($('#error'), e);
  $('#status').textContent = 'The last action failed (see the alert).';
  $('#status').className = 'error';
  document.body.dataset.failed = String(Number(document.body.dataset.failed ?? 0) + 1);
}

/** Waits until the browser has painted what was just put in the page. */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function main() {
  const api = await init();
  window.wholesale = api; // for the console and the browser test
  showRegistry(api);
  let csv = null; // { name, bytes, started }
  let org = null; // { name, json } of a snapshot JSON file, or { name, bytes } of an export
  let locations = null; // { name, bytes }
  let plan = null; // the CsvPlan shown (kept in wasm memory)
  const outcomes = outcomesTable($('#outcomes'), fail);

  /**
   * The snapshot to check against, as JSON bytes (one copy into wasm memory,
   * where an object is read key by key): the file as given, or built by the
   * core from the export, once for each locations file.
   */
  const snapshot = () => {
    if (!org) return null;
    if (org.json) return org.json;
    if (!org.built || org.builtWith !== locations) {
      org.built = api.snapshotFromExport(org.bytes, { locations: locations?.bytes ?? null });
      org.builtJson = new TextEncoder().encode(JSON.stringify(org.built.snapshot));
      org.builtWith = locations;
    }
    showSnapshotWarnings(org.built);
    return org.builtJson;
  };
  const options = () => {
    $('#snapshot-warnings').replaceChildren();
    $('#snapshot-warnings').hidden = true;
    return { behavior: $('#behavior').value, org: snapshot() };
  };

  /** Checks the file once; the counts, review, table and downloads all read that plan. */
  const run = async (started = performance.now()) => {
    if (!csv) return;
    try {
      clearError($('#error'));
      const behavior = $('#behavior').value;
      // Bytes, not text: the core detects the encoding (UTF-8, UTF-16, BOMs).
      const next = api.checkCsv(csv.bytes, options());
      plan?.free();
      plan = next;
      showPlan(plan, `${csv.name} (${behavior}${org ? `, snapshot ${org.name}` : ', no snapshot'})`);
      showReview(plan.review());
      $('#downloads').hidden = plan.file_errors.length > 0;
      outcomes.show(plan);
      await painted();
      const ms = Math.round(performance.now() - started);
      $('#plan').dataset.planMs = String(ms);
      $('#plan-time').textContent = `Plan of ${plan.rowCount} rows shown in ${ms} ms (from reading the file to the table painted).`;
      $('#status').textContent = `Checked ${csv.name}.`;
      $('#status').className = '';
    } catch (e) {
      fail(e);
    }
    document.body.dataset.checked = String(Number(document.body.dataset.checked ?? 0) + 1);
  };
  const onCsv = async (file) => {
    if (!file) return;
    const started = performance.now();
    csv = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    await run(started);
  };
  const onOrg = async (file) => {
    if (!file) {
      org = null;
    } else {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // A snapshot is a JSON object; anything else is read as the user export.
      const json = new TextDecoder().decode(bytes.slice(0, 64)).trimStart().startsWith('{');
      org = json ? { name: file.name, json: bytes } : { name: file.name, bytes };
    }
    await run();
  };
  const onLocations = async (file) => {
    locations = file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
    await run();
  };
  const base = () => csv.name.replace(/\.(csv|txt|tsv)$/i, '');
  const save = (make, suffix, type) => () => {
    try {
      download(make(plan), base() + suffix, type);
    } catch (e) {
      fail(e);
    }
  };

  $('#file').addEventListener('change', (e) => onCsv(e.target.files[0]).catch(fail));
  $('#org').addEventListener('change', (e) => onOrg(e.target.files[0]).catch(fail));
  $('#locations').addEventListener('change', (e) => onLocations(e.target.files[0]).catch(fail));
  $('#org-clear').addEventListener('click', () => { $('#org').value = ''; onOrg(null).catch(fail); });
  $('#download-ready').addEventListener('click', save((p) => p.readyFile(), '.ready.csv'));
  $('#download-rejected').addEventListener('click', save((p) => p.rejectedFile(), '.rejected.csv'));
  // The plan as JSON is the core's JSON (CsvPlan.toJSON), equal to `wholesale csv check --format json`.
  $('#download-plan').addEventListener('click', save((p) => JSON.stringify(p), '.plan.json', 'application/json'));
  $('#behavior').addEventListener('change', () => run().catch(fail));
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
