// The static page in a real browser: headless Debian Chromium driven by
// playwright-core, the package served from 127.0.0.1 by a tiny Node server
// that this test starts and stops (and that stops itself after 2 minutes).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { codes } from '../js/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'test-output');
const sample = join(root, 'tests', 'fixtures', 'sample-users.csv');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv',
};

let server;
let base;
let browser;

before(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(root, path);
    if (!file.startsWith(root) || file.includes(`${sep}node_modules${sep}`)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  setTimeout(() => server.close(), 120_000).unref(); // bounded even if the test hangs
  // playwright gives every launch a fresh temporary profile (user data dir).
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections?.();
  await new Promise((resolve) => server ? server.close(() => resolve()) : resolve());
});

test('the page lists the registry and checks a picked CSV, all in the browser', async () => {
  const page = await browser.newPage();
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
  assert.equal(await page.locator('#codes-table tbody tr').first().locator('td').first().textContent(), codes()[0].code);

  // Pick the sample CSV with the add-and-remove behavior: the plan and its counts show.
  await page.selectOption('#behavior', 'add_and_remove');
  await page.setInputFiles('#file', sample);
  await page.waitForSelector('#plan:not([hidden])');
  for (const id of ['total', 'accepted', 'rejected', 'warnings']) {
    assert.match(await page.textContent(`#count-${id}`), /^\d+$/, id);
  }
  // Stub until the csv_import binding: an empty plan, named after the file and behavior.
  assert.match(await page.textContent('#plan-note'), /sample-users\.csv.*add_and_remove/);

  // A panic in the browser build is an INTERNAL_ERROR, and the module recovers.
  const panic = await page.evaluate(() => {
    try {
      window.wholesale.__debugPanic('browser boom');
      return null;
    } catch (e) {
      return { code: e.code, message: e.message, after: window.wholesale.codes().length };
    }
  });
  assert.equal(panic.code, 'INTERNAL_ERROR');
  assert.match(panic.message, /browser boom/);
  assert.equal(panic.after, codes().length);

  mkdirSync(output, { recursive: true });
  await page.screenshot({ path: join(output, 'browser.png'), fullPage: true });
  assert.deepEqual(consoleErrors, []);
});
