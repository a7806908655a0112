// Discovery of the shared test vectors: <repo>/tests/vectors/<kind>/<case>/case.json,
// the same files the Rust and Python suites run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VECTORS = fileURLToPath(new URL('../../../../tests/vectors', import.meta.url));

/** Every case under `root`, sorted: { kind, name, dir, data }. */
export function discover(root = VECTORS) {
  if (!existsSync(root)) return [];
  const cases = [];
  for (const kind of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const kindDir = join(root, kind.name);
    for (const c of readdirSync(kindDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const file = join(kindDir, c.name, 'case.json');
      if (!existsSync(file)) continue;
      cases.push({
        kind: kind.name,
        name: c.name,
        dir: join(kindDir, c.name),
        data: JSON.parse(readFileSync(file, 'utf8')),
      });
    }
  }
  return cases.sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
}

/**
 * Registers one node:test per case with `test`: a handler for the case's
 * kind runs it (it asserts itself); a kind without a handler is skipped
 * with its name, so nothing silently passes. Returns the counts.
 */
export function runVectors(test, handlers, cases) {
  const counts = { ran: 0, skipped: 0 };
  for (const c of cases) {
    const handler = handlers[c.kind];
    if (handler) {
      counts.ran += 1;
      test(`vector ${c.kind}/${c.name}`, () => handler(c.data, c.dir));
    } else {
      counts.skipped += 1;
      test(`vector ${c.kind}/${c.name}`, { skip: `no wasm handler for kind "${c.kind}" yet` }, () => {});
    }
  }
  return counts;
}
