// The CSV precheck tool (www/index.html, app.js, table.js) in headless
// Chromium: the sample file and a generated 20,000-row file; tiles, filters,
// pager and downloads checked against the library in Node (the filters also
// against a plain JS filter of the plan's rows, so the core's select is
// checked too); axe-core; keyboard-only use; screenshots; the time to show
// the plan of 20,000 rows (measured, printed, never asserted). One browser,
// one page.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCsv } from '../js/index.js';
import { makeCsv, makeOrg, ROWS } from '../bench/csv20k-data.mjs';
import { launchChromium, serveStatic } from './lib/serve.mjs';
import { filterRows } from './lib/checks.mjs';
import { chooseFilesWithSpace, tabTo } from './lib/keyboard.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'test-output');
const samples = join(root, '..', '..', 'samples');
const usersCsv = join(samples, 'users.csv');
const orgJson = join(samples, 'org.json');
const big = join(output, 'users20k.csv');
const bigOrg = join(output, 'org20k.json');
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const COUNTS = ['rows', 'add', 'modify', 'change_package', 'remove', 'no_change', 'rejected', 'warnings'];
const PAGE_SIZE = 100;

let served;
let browser;
let page;
let errors;
let checks = 0;

before(async () => {
  mkdirSync(output, { recursive: true });
  // Every 97th row spoiled, so the code and column filters find rows at 20,000.
  writeFileSync(big, makeCsv(ROWS, { bad: 97 }));
  writeFileSync(bigOrg, makeOrg());
  served = await serveStatic(root);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await open();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

async function open() {
  await page.goto(`${served.base}/www/index.html`);
  await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#status'));
  checks = 0;
}

/** Waits for the page's next finished check. */
async function nextCheck() {
  checks += 1;
  await page.waitForFunction((n) => Number(document.body.dataset.checked ?? 0) >= n, checks, { timeout: 60_000 });
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
}

const shownCounts = async () => Object.fromEntries(
  await Promise.all(COUNTS.map(async (k) => [k, Number(await page.textContent(`#count-${k}`))])));

/** The table rows shown: [line, email]. */
const shownRows = () => page.locator('#plan-table tbody tr').evaluateAll(
  (trs) => trs.map((tr) => [Number(tr.cells[0].textContent), tr.cells[1].textContent]));

const pager = async () => Object.fromEntries(
  await Promise.all(['selected', 'start', 'end', 'page'].map(async (k) => [k, Number(await page.getAttribute('#pager-status', `data-${k}`))])));

/** Sets the page's filters to `q` and waits for the selection it makes. */
async function filter(q) {
  const before = Number(await page.getAttribute('#outcomes', 'data-selects'));
  await page.selectOption('#filter-action', q.action ?? '');
  await page.selectOption('#filter-code', q.code ?? '');
  await page.selectOption('#filter-column', q.column ?? '');
  await page.fill('#filter-email', q.email ?? '');
  // The search is debounced: wait until a selection ran after the last change.
  await page.waitForFunction((n) => Number(document.querySelector('#outcomes').dataset.selects) > n, before);
  await page.waitForTimeout(250);
}

/** The page's selection for `q` equals the core's select and the plain filter, first and last page. */
async function assertSelection(plan, json, q) {
  await filter(q);
  const selected = [...plan.select(q)];
  const expected = filterRows(json, q);
  assert.deepEqual(selected, expected, `core select ${JSON.stringify(q)}`);
  const rowOf = (i) => [json.rows[i].line, json.rows[i].email];
  const state = await pager();
  assert.equal(state.selected, expected.length, JSON.stringify(q));
  assert.deepEqual(await shownRows(), expected.slice(0, PAGE_SIZE).map(rowOf), `first page ${JSON.stringify(q)}`);
  if (expected.length > PAGE_SIZE) {
    await page.click('#page-last');
    const last = Math.floor((expected.length - 1) / PAGE_SIZE) * PAGE_SIZE;
    assert.deepEqual(await shownRows(), expected.slice(last).map(rowOf), `last page ${JSON.stringify(q)}`);
    assert.equal((await pager()).end, expected.length);
    await page.click('#page-first');
  }
  return expected.length;
}

/** Clicks `selector` and returns the downloaded file's name and bytes. */
async function download(click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(await file.path())) };
}

const text = (b) => Buffer.from(b).toString('utf8');

test('R-CSV-20 CSV tool, sample: tiles, every filter, pager, downloads and axe equal the library', async () => {
  const bytes = new Uint8Array(readFileSync(usersCsv));
  const options = { behavior: 'add_and_remove', org: readFileSync(orgJson, 'utf8') };
  await page.selectOption('#behavior', 'add_and_remove');
  await page.setInputFiles('#org', orgJson);
  await page.setInputFiles('#file', usersCsv);
  await nextCheck();
  const plan = checkCsv(bytes, options);
  const json = plan.toJSON();
  assert.deepEqual(await shownCounts(), { ...plan.summary });

  // The menus are the plan's facets; each value's selection is the library's.
  const facets = plan.facets();
  const menu = (id) => page.locator(`${id} option`).evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(await menu('#filter-action'), facets.actions.map((f) => f.action));
  assert.deepEqual(await menu('#filter-code'), facets.codes.map((f) => f.code));
  assert.deepEqual(await menu('#filter-column'), facets.columns.map((f) => f.column));
  assert.ok(facets.codes.length > 1 && facets.columns.length > 1);
  for (const f of facets.actions) await assertSelection(plan, json, { action: f.action });
  for (const f of facets.codes) await assertSelection(plan, json, { code: f.code });
  for (const f of facets.columns) await assertSelection(plan, json, { column: f.column });
  const rejectedEmail = json.rows.find((r) => r.action === 'rejected').email;
  assert.ok(await assertSelection(plan, json, { email: rejectedEmail.slice(0, 4).toUpperCase() }) > 0);
  assert.equal(await assertSelection(plan, json, { email: 'nobody-at-all' }), 0);
  assert.match(await page.textContent('#pager-status'), /No row/);
  await assertSelection(plan, json, {});

  // Downloads: the plan's files, byte for byte, named after the input.
  const ready = await download(() => page.click('#download-ready'));
  assert.equal(ready.name, 'users.ready.csv');
  assert.deepEqual(ready.bytes, plan.readyFile());
  const rejected = await download(() => page.click('#download-rejected'));
  assert.equal(rejected.name, 'users.rejected.csv');
  assert.deepEqual(rejected.bytes, plan.rejectedFile());
  const planJson = await download(() => page.click('#download-plan'));
  assert.equal(planJson.name, 'users.plan.json');
  assert.equal(text(planJson.bytes), JSON.stringify(checkCsv(bytes, options)));

  await page.screenshot({ path: join(output, 'app-csv.png'), fullPage: true });

  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`# axe csv tool: ${result.violations.length} violations (${bad.length} serious or critical)${result.violations.map((v) => ` ${v.id}:${v.impact}`).join('')}`);
  writeFileSync(join(output, 'axe-csv.json'), JSON.stringify(result.violations, null, 2));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`), []);
  assert.deepEqual(errors, []);
});

test('R-CSV-20 CSV tool, 20,000 rows: tiles, filters, last page and the ready file; the time to show the plan', async () => {
  const bytes = new Uint8Array(readFileSync(big));
  const options = { behavior: 'add_and_remove', org: readFileSync(bigOrg, 'utf8') };
  // Two checks: the snapshot changed (with the sample still loaded), then the file.
  await page.setInputFiles('#org', bigOrg);
  await nextCheck();
  await page.setInputFiles('#file', big);
  await nextCheck();
  const ms = Number(await page.getAttribute('#plan', 'data-plan-ms'));
  assert.match(await page.textContent('#plan-time'), new RegExp(`${ROWS} rows shown in ${ms} ms`));
  console.log(`csv tool: plan of ${ROWS} rows shown in ${ms} ms`);
  writeFileSync(join(output, 'csv-tool-timing.json'), `${JSON.stringify({ rows: ROWS, bytes: bytes.length, plan_ms: ms }, null, 2)}\n`);

  const plan = checkCsv(bytes, options);
  const json = plan.toJSON();
  assert.deepEqual(await shownCounts(), { ...plan.summary });
  assert.equal(plan.summary.rows, ROWS);
  assert.equal(await page.locator('#plan-table tbody tr').count(), PAGE_SIZE, 'one page, not 20,000 rows, in the DOM');
  for (const q of [{ action: 'change_package' }, { code: 'EXTENSION_INVALID' }, { column: 'Extension' },
    { action: 'rejected', code: 'EMAIL_INVALID' }, { email: 'USER1999' }]) {
    assert.ok(await assertSelection(plan, json, q) > 0, JSON.stringify(q));
  }
  await filter({});
  await page.click('#page-last');
  assert.deepEqual((await shownRows()).at(-1), [json.rows.at(-1).line, json.rows.at(-1).email], 'the last page shows the last row');
  assert.deepEqual(await pager(), { selected: ROWS, start: ROWS - PAGE_SIZE + 1, end: ROWS, page: ROWS / PAGE_SIZE });
  const ready = await download(() => page.click('#download-ready'));
  assert.equal(ready.name, 'users20k.ready.csv');
  assert.deepEqual(ready.bytes, plan.readyFile());
  await page.click('#page-first');
  await page.screenshot({ path: join(output, 'app-csv-20k.png') });
  assert.deepEqual(errors, []);
});

test('CSV tool by keyboard only: pick the file, choose a filter, page forward, download', async () => {
  await open();
  await tabTo(page, '#file');
  await chooseFilesWithSpace(page, big);
  await nextCheck();
  const plan = checkCsv(new Uint8Array(readFileSync(big)));

  await tabTo(page, '#filter-action');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focus is visible');
  const before = Number(await page.getAttribute('#outcomes', 'data-selects'));
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((n) => Number(document.querySelector('#outcomes').dataset.selects) > n, before);
  const action = await page.inputValue('#filter-action');
  assert.equal(action, plan.facets().actions[0].action);
  const selected = [...plan.select({ action })];
  assert.equal((await pager()).selected, selected.length);

  await tabTo(page, '#page-next');
  await page.keyboard.press('Enter');
  assert.equal((await pager()).page, 2);
  const rows = plan.rowsAt(selected.slice(PAGE_SIZE, 2 * PAGE_SIZE));
  assert.deepEqual(await shownRows(), rows.map((r) => [r.line, r.email]));

  await tabTo(page, '#download-ready', { key: 'Shift+Tab' });
  const ready = await download(() => page.keyboard.press('Enter'));
  assert.deepEqual(ready.bytes, plan.readyFile());
  assert.deepEqual(errors, []);
});
