// The npm package as a user gets it: `npm pack`, the tarball installed into a
// fresh project (no workspace link, no network: the package has no
// dependencies), imported from Node, type-checked by tsc, and bundled for the
// browser by esbuild; headless Chromium runs the bundle. Every result is
// compared with this checkout's Node build on the same input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { checkCsv } from '../js/index.js';
import { launchChromium, serveStatic } from './lib/serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'test-output');
const sample = join(root, '..', '..', 'samples', 'users.csv');
const OPTIONS = { behavior: 'add_and_remove' };
const expected = checkCsv(readFileSync(sample), OPTIONS).summary;

let work;
let consumer;
let packed;

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  work = mkdtempSync(join(tmpdir(), 'wholesale-npm-'));
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], consumer);
  mkdirSync(output, { recursive: true });
  const tarball = statSync(join(work, packed.filename)).size;
  writeFileSync(join(output, 'npm-pack.json'), JSON.stringify({ file: packed.filename, bytes: tarball, unpacked: packed.unpackedSize, files: packed.files.length }, null, 2));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the built entries, both builds and their declarations, and no sources', () => {
  const files = packed.files.map((f) => f.path);
  for (const file of [
    'package.json', 'js/index.js', 'js/index.d.ts', 'js/web.js', 'js/web.d.ts', 'js/wrap.js',
    'pkg/node/wholesale_core_wasm.js', 'pkg/node/wholesale_core_wasm_bg.wasm', 'pkg/node/package.json',
    'pkg/web/wholesale_core_wasm.js', 'pkg/web/wholesale_core_wasm_bg.wasm', 'pkg/web/wholesale_core_wasm.d.ts',
  ]) {
    assert.ok(files.includes(file), `${file} in the tarball`);
  }
  for (const file of files) {
    assert.doesNotMatch(file, /^(ts|src|tests|www|target|node_modules)\//, `${file} is not shipped`);
  }
  assert.equal(packed.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
});

test('installed from the tarball, the package imports from Node (ESM) and checks a CSV as this build does', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import api, { checkCsv, codes } from 'wholesale-core';
    const plan = checkCsv(readFileSync(${JSON.stringify(sample)}), ${JSON.stringify(OPTIONS)});
    console.log(JSON.stringify({ summary: plan.summary, codes: codes().length, same: api.checkCsv === checkCsv,
      from: import.meta.resolve('wholesale-core') }));`;
  writeFileSync(join(consumer, 'main.mjs'), script);
  const got = JSON.parse(run(process.execPath, ['main.mjs'], consumer));
  assert.deepEqual(got.summary, expected);
  assert.ok(got.codes > 0);
  assert.equal(got.same, true);
  assert.ok(got.from.includes('/consumer/node_modules/wholesale-core/'), got.from);
});

test('the installed declarations type-check a consumer under tsc --strict', () => {
  writeFileSync(join(consumer, 'main.ts'), `
    import { checkCsv, type CsvPlan, type ImportPlan, type RowOutcome } from 'wholesale-core';
    import { init, type Api } from 'wholesale-core/web';
    const plan: CsvPlan = checkCsv('email\\n', { behavior: 'add_and_remove' });
    const rejected: number = plan.summary.rejected;
    const json: ImportPlan = plan.toJSON();
    const picked: Uint32Array = plan.select({ action: 'rejected', email: 'acme' });
    const shown: RowOutcome[] = plan.rowsAt(picked).concat(plan.rowsSlice(0, 10), json.rows);
    export const codes: string[] = plan.facets().codes.map((c): string => c.code).concat(shown.map((r) => r.email));
    // @ts-expect-error: the action is one of the documented values
    plan.select({ action: 'deleted' });
    export async function page(bytes: Uint8Array): Promise<number> {
      const api: Api = await init({ wasm: new URL('x.wasm', 'https://example.invalid/') });
      return api.checkCsv(bytes).summary.rows + rejected;
    }
    // @ts-expect-error: the behavior is one of the documented values
    checkCsv('email\\n', { behavior: 'add_and_delete' });
  `);
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [] },
    files: ['main.ts'],
  }));
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], consumer);
});

test('esbuild bundles the installed package for the browser, and Chromium runs the bundle', async () => {
  writeFileSync(join(consumer, 'entry.js'), `
    import { init } from 'wholesale-core/web';
    import wasmUrl from 'wholesale-core/wasm';
    const api = await init({ wasm: new URL(wasmUrl, import.meta.url) });
    const csv = new Uint8Array(await (await fetch('./users.csv')).arrayBuffer());
    window.result = api.checkCsv(csv, ${JSON.stringify(OPTIONS)}).summary;
  `);
  const dist = join(consumer, 'dist');
  const built = await esbuild.build({
    absWorkingDir: consumer,
    entryPoints: ['entry.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outdir: dist,
    loader: { '.wasm': 'file' },
    metafile: true,
    logLevel: 'silent',
  });
  assert.deepEqual(built.errors, []);
  const inputs = Object.keys(built.metafile.inputs);
  assert.ok(inputs.some((i) => i.endsWith('wholesale-core/pkg/web/wholesale_core_wasm.js')), 'the web glue is bundled');
  assert.ok(!inputs.some((i) => i.includes('pkg/node/')), 'nothing of the Node build is bundled');
  copyFileSync(sample, join(dist, 'users.csv'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bundle</title><script type="module" src="entry.js"></script>');

  const served = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${served.base}/index.html`);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30_000 });
    assert.deepEqual(await page.evaluate(() => window.result), expected);
    assert.deepEqual(errors, []);
    // The page asked for the bundle's own files only: the glue came inside entry.js.
    const asked = served.requests.filter((p) => p !== '/favicon.ico').sort();
    assert.equal(asked.length, 4, asked.join(' '));
    assert.ok(asked.some((p) => /^\/wholesale_core_wasm_bg-[A-Z0-9]+\.wasm$/.test(p)), asked.join(' '));
  } finally {
    await browser.close();
    await served.close();
  }
});
