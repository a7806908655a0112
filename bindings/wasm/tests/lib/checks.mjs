// What the Node tests share: a typed-error assertion, and a plain JS filter
// of a plan's JSON rows to check the core's select against.
import assert from 'node:assert/strict';

/** Runs fn, expects a library Error with `code` (and `field` when given), a
 * message and a `rule` key; returns it. */
export function throwsCode(fn, code, field) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `expected an Error, got ${thrown}`);
  assert.equal(thrown.code, code, thrown.message);
  if (field !== undefined) assert.equal(thrown.field, field, thrown.message);
  assert.ok(thrown.message.length > 0);
  assert.ok('rule' in thrown);
  return thrown;
}

/**
 * The indices of `json.rows` a query `{action?, code?, column?, email?}`
 * keeps, computed in JS (independent of the core's `ImportPlan::select`).
 */
export function filterRows(json, { action, code, column, email } = {}) {
  const out = [];
  json.rows.forEach((r, i) => {
    const problems = [...r.errors, ...r.warnings];
    if (action !== undefined && r.action !== action) return;
    if (code !== undefined && !problems.some((p) => p.code === code)) return;
    if (column !== undefined && !problems.some((p) => p.field === column)) return;
    if (email !== undefined && !r.email.toLowerCase().includes(email.toLowerCase())) return;
    out.push(i);
  });
  return out;
}
