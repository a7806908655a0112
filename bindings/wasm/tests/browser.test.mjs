// The static page in a real browser: headless Debian Chromium driven by
// playwright-core, the package served from 127.0.0.1 (tests/lib/serve.mjs).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codes, checkCsv, reviewCsv, snapshotFromExport } from '../js/index.js';
import { launchChromium, serveStatic } from './lib/serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'test-output');
// The repo's samples, uploaded from disk (the page reads them with the File API).
const samples = join(root, '..', '..', 'samples');
const usersCsv = join(samples, 'users.csv');
const orgJson = join(samples, 'org.json');
const usersExport = join(samples, 'users_export.csv');
const COUNTS = ['rows', 'add', 'modify', 'change_package', 'remove', 'no_change', 'rejected', 'warnings'];

let served;
let base;
let browser;

before(async () => {
  served = await serveStatic(root);
  base = served.base;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** The counts panel as numbers. */
async function shownCounts(page) {
  const out = {};
  for (const key of COUNTS) out[key] = Number(await page.textContent(`#count-${key}`));
  return out;
}

/** Waits until the page has finished its `n`-th check. */
async function checked(page, n) {
  await page.waitForSelector(`body[data-checked="${n}"]`, { timeout: 30_000 });
}

test('the page checks the sample CSV in the browser: counts equal the core (Node build)', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(`${base}/www/index.html`);
  await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#status'));

  // The registry table has one row per code, the same as the Node build's.
  const rows = await page.locator('#codes-table tbody tr').count();
  assert.equal(rows, codes().length);
  assert.ok(rows > 0);

  // Hostile file first: random bytes show a plan (file errors), the page keeps working.
  mkdirSync(output, { recursive: true });
  const junk = join(output, 'random.csv');
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  writeFileSync(junk, bytes);
  await page.setInputFiles('#file', junk);
  await checked(page, 1);
  assert.deepEqual(await shownCounts(page), { ...checkCsv(bytes).summary });
  assert.doesNotMatch(await page.textContent('#status'), /failed/);
  assert.equal(await page.isHidden('#error'), true);

  const csv = new Uint8Array(readFileSync(usersCsv));
  const org = readFileSync(orgJson, 'utf8');
  // Each step changes one input, which re-runs the check once; the counts
  // shown must equal the Node build's plan of the same bytes and options.
  const steps = [
    ['pick users.csv', () => page.setInputFiles('#file', usersCsv), 'add_only', false],
    ['pick org.json', () => page.setInputFiles('#org', orgJson), 'add_only', true],
    ['add and remove', () => page.selectOption('#behavior', 'add_and_remove'), 'add_and_remove', true],
    ['no snapshot', () => page.click('#org-clear'), 'add_and_remove', false],
    ['org.json again', () => page.setInputFiles('#org', orgJson), 'add_and_remove', true],
  ];
  let n = 1;
  for (const [name, act, behavior, withOrg] of steps) {
    await act();
    await checked(page, ++n);
    const expected = checkCsv(csv, { behavior, org: withOrg ? org : null });
    assert.deepEqual(await shownCounts(page), { ...expected.summary }, name);
    assert.match(await page.textContent('#plan-note'), new RegExp(`users\\.csv \\(${behavior}`), name);
    // One table line per row, in file order, the first page of the outcomes (table.js).
    const lines = await page.locator('#plan-table tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.line)));
    assert.deepEqual(lines, expected.rows.slice(0, 100).map((r) => r.line), name);
    assert.equal(await page.getAttribute('#pager-status', 'data-selected'), String(expected.rows.length), name);
    if (expected.summary.rejected > 0) {
      const rejected = expected.rows.find((r) => r.action === 'rejected');
      const shown = await page.locator(`#plan-table tbody tr[data-line="${rejected.line}"]`).evaluate(
        (tr) => [tr.className, tr.cells[4].textContent]);
      assert.equal(shown[0], 'rejected', name);
      assert.ok(shown[1].includes(rejected.errors[0].code), name);
    }
  }
  assert.ok(checkCsv(csv, { behavior: 'add_and_remove', org }).summary.rejected > 0, 'the sample has rejected rows to show');

  // R-CSV-20: the destructive changes are listed row by row, as the core's review says.
  const review = reviewCsv(csv, { behavior: 'add_and_remove', org });
  assert.ok(review.destructive.length > 0, 'the sample removes a user');
  const shownReview = await page.locator('#review-table tbody tr').evaluateAll(
    (trs) => trs.map((tr) => [Number(tr.cells[0].textContent), tr.cells[1].textContent, tr.dataset.action]),
  );
  assert.deepEqual(shownReview, review.destructive.map((r) => [r.line, r.email, r.action]));

  // R-CSV-21: the Control Hub user export as the snapshot, built in the page.
  await page.setInputFiles('#org', usersExport);
  await checked(page, ++n);
  const built = snapshotFromExport(new Uint8Array(readFileSync(usersExport)));
  const fromExport = checkCsv(csv, { behavior: 'add_and_remove', org: built.snapshot });
  assert.deepEqual(await shownCounts(page), { ...fromExport.summary }, 'export as snapshot');
  assert.match(await page.textContent('#plan-note'), /snapshot users_export\.csv/);
  const exportWarnings = await page.locator('#snapshot-warnings li').allTextContents();
  assert.deepEqual(exportWarnings.map((t) => t.split(' ').find((w) => /^[A-Z_]+$/.test(w))), built.warnings.map((w) => w.code));
  assert.equal(
    await page.locator('#review-table tbody tr').count(),
    reviewCsv(csv, { behavior: 'add_and_remove', org: built.snapshot }).destructive.length,
  );

  // A panic in the browser build is an INTERNAL_ERROR, and the module recovers.
  // The hook is not in the package's API: the test wraps the web glue itself.
  const panic = await page.evaluate(async () => {
    const { wrapApi } = await import('/js/wrap.js');
    const glue = await import('/pkg/web/wholesale_core_wasm.js?hooks');
    await glue.default();
    const hooked = wrapApi(glue, glue.__wbg_reset_state, { hooks: true });
    if ('__debugPanic' in window.wholesale) return { leaked: true };
    try {
      hooked.__debugPanic('browser boom');
      return null;
    } catch (e) {
      // After the trap the same glue answers again, from a fresh instance.
      return { code: e.code, message: e.message, after: window.wholesale.codes().length, again: hooked.codes().length };
    }
  });
  assert.equal(panic.code, 'INTERNAL_ERROR');
  assert.match(panic.message, /browser boom/);
  assert.equal(panic.after, codes().length);
  assert.equal(panic.again, codes().length);

  await page.screenshot({ path: join(output, 'browser.png'), fullPage: true });
  await page.locator('#check').screenshot({ path: join(output, 'browser-plan.png') });
  assert.deepEqual(consoleErrors, []);
});
