// What the browser tests share: a static server on 127.0.0.1 for one folder
// (no node_modules, nothing outside it; it stops itself after two minutes
// even if a test hangs), and headless Debian Chromium through playwright-core
// with a fresh temporary profile.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv',
};

/** Serves `root`; resolves to `{ base, requests, close }` (`requests`: every path asked for). */
export async function serveStatic(root) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    requests.push(path);
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
  setTimeout(() => server.close(), 120_000).unref();
  const close = async () => {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve()));
  };
  return { base: `http://127.0.0.1:${server.address().port}`, requests, close };
}

/** Headless Chromium (Debian's `/usr/bin/chromium`). */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}
