// The README's JavaScript blocks run as written, from the repository root,
// importing the package by its own name (Node resolves a package's
// self-reference through its "exports").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const repo = join(packageDir, '..', '..');
const blocks = [...readFileSync(join(repo, 'README.md'), 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test('README has JavaScript blocks', () => {
  assert.ok(blocks.length > 0, 'README.md lost its JavaScript quick start');
});

blocks.forEach((code, index) => {
  test(`README JavaScript block ${index} runs and prints what its comments say`, () => {
    mkdirSync(join(packageDir, 'test-output'), { recursive: true });
    const dir = mkdtempSync(join(packageDir, 'test-output', 'readme-'));
    try {
      const file = join(dir, `block-${index}.mjs`);
      writeFileSync(file, code);
      const output = execFileSync(process.execPath, [file], { cwd: repo, encoding: 'utf8' });
      // The counts the comment shows are the ones printed (R-CSV-20 summary).
      const shown = code.match(/\/\/ \{ rows: (\d+), add: (\d+), \.\.\., rejected: (\d+), warnings: (\d+) \}/);
      assert.ok(shown, 'the block shows the summary in a comment');
      const [, rows, add, rejected, warnings] = shown;
      for (const [key, value] of Object.entries({ rows, add, rejected, warnings })) {
        assert.match(output, new RegExp(`\\b${key}: ${value}\\b`), `${key}: ${value}`);
      }
      assert.match(output, /\[ 1, 2 \]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
