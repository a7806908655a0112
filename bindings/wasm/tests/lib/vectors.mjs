// Discovery of the shared test vectors, the same files the Rust and Python
// suites run: <repo>/tests/vectors/<kind>/<case>/case.json (csv) and
// <repo>/tests/vectors/<kind>/<name>.json (kpi, status; quality's JSON sits
// beside its <name>.csv).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VECTORS = fileURLToPath(new URL('../../../../tests/vectors', import.meta.url));

/** Every case under `root`, sorted: { kind, name, dir, data } (`dir` is the
 * case folder, or the kind folder for a flat `<name>.json`). */
export function discover(root = VECTORS) {
  if (!existsSync(root)) return [];
  const cases = [];
  for (const kind of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const kindDir = join(root, kind.name);
    for (const f of readdirSync(kindDir, { withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.json'))) {
      cases.push({
        kind: kind.name,
        name: f.name.slice(0, -'.json'.length),
        dir: kindDir,
        data: JSON.parse(readFileSync(join(kindDir, f.name), 'utf8')),
      });
    }
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
      test(`vector ${c.kind}/${c.name}`, () => handler(c.data, c.dir, c.name));
    } else {
      counts.skipped += 1;
      test(`vector ${c.kind}/${c.name}`, { skip: `no wasm handler for kind "${c.kind}" yet` }, () => {});
    }
  }
  return counts;
}
