// The binding's API: registry, packages, weeks, contact and provisioning
// checks, thrown error objects, and the package entry's exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as wc from '../js/index.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs fn, expects it to throw a package error with these fields. */
function throwsCode(fn, code, field) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `expected an Error, got ${thrown}`);
  assert.equal(thrown.code, code, thrown.message);
  if (field !== undefined) assert.equal(thrown.field, field);
  assert.ok(thrown.message.length > 0);
  return thrown;
}

test('codes() equals the registry listed by the native CLI', () => {
  const cli = execFileSync('cargo', ['run', '-q', '-p', 'wholesale-cli', '--', 'codes', '--format', 'json'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  const native = JSON.parse(cli);
  assert.ok(native.length > 0);
  assert.deepEqual(wc.codes(), native);
});

test('registry rows are plain objects with error/warning severities', () => {
  for (const row of wc.codes()) {
    assert.equal(Object.getPrototypeOf(row), Object.prototype);
    assert.deepEqual(Object.keys(row), ['code', 'rule', 'severity', 'summary']);
    assert.match(row.code, /^[A-Z0-9_]+$/);
    assert.ok(['error', 'warning'].includes(row.severity));
  }
});

test('R-PKG-01 parsePackage accepts API ids and display names in any case', () => {
  const suite = wc.parsePackage('  WEBEX SUITE ');
  assert.deepEqual(suite, {
    api_id: 'webex_suite',
    display_name: 'Webex Suite',
    is_subscriber_package: true,
    entitles_calling: true,
    entitles_meetings: true,
    requires_number_and_location: true,
    expects_preferred_site: true,
  });
  for (const p of wc.packages()) {
    assert.deepEqual(wc.parsePackage(p.api_id), p);
    assert.deepEqual(wc.parsePackage(p.display_name), p);
  }
  assert.equal(wc.packages().length, 14);
});

test('R-PKG-01 an unknown package throws PACKAGE_UNKNOWN with rule and field', () => {
  const e = throwsCode(() => wc.parsePackage('webex_gold'), 'PACKAGE_UNKNOWN', 'package');
  assert.equal(e.rule, 'R-PKG-01');
  assert.match(e.message, /webex_gold/);
  assert.match(e.message, /webex_calling/, 'the message lists the accepted values');
});

test('R-KPI-12 lastCompletedWeek from a day or an instant', () => {
  const week = wc.lastCompletedWeek('2026-11-25');
  assert.deepEqual(week, { start: '2026-11-15T00:00:00Z', end: '2026-11-22T00:00:00Z' });
  assert.deepEqual(wc.lastCompletedWeek('2026-11-22T00:00:00Z'), week, 'Sunday 00:00 UTC starts a new week');
  assert.deepEqual(wc.lastCompletedWeek('2026-11-21T23:59:59Z'), {
    start: '2026-11-08T00:00:00Z',
    end: '2026-11-15T00:00:00Z',
  });
  const e = throwsCode(() => wc.lastCompletedWeek('25/11/2026'), 'INVALID_ARGUMENT', 'date');
  assert.equal(e.rule, null);
});

test('R-CSV-14..16 contact checks return a Problem or null', () => {
  assert.equal(wc.checkEmail('email', 'ana@acme.example'), null);
  assert.deepEqual(Object.keys(wc.checkEmail('email', 'ana@')), ['code', 'rule', 'field', 'message']);
  assert.equal(wc.checkEmail('email', 'ana@').code, 'EMAIL_INVALID');
  assert.equal(wc.checkEmail('email', 'ana@').rule, 'R-CSV-14');
  assert.equal(wc.checkEmail('email', 'ana@').field, 'email');
  assert.equal(wc.checkPhoneNumber('phone', '+14085551234'), null);
  assert.equal(wc.checkPhoneNumber('phone', '14085551234').code, 'PHONE_NUMBER_NO_PLUS');
  assert.equal(wc.checkPhoneNumber('phone', 'call me').code, 'PHONE_NUMBER_INVALID');
  assert.equal(wc.checkExtension('ext', '1234'), null);
  assert.equal(wc.checkExtension('ext', '1').code, 'EXTENSION_INVALID');
  assert.equal(wc.checkExtension('ext', '1').rule, 'R-CSV-16');
});

test('R-CUS-05 checkAdminPackage refuses a downgrade of the full admin', () => {
  assert.equal(wc.checkAdminPackage('webex_suite', 'Webex Suite', 'admin_package'), null);
  const p = wc.checkAdminPackage('webex_suite', 'webex_calling', 'admin_package');
  assert.equal(p.code, 'ADMIN_PACKAGE_DOWNGRADE');
  assert.equal(p.rule, 'R-CUS-05');
  assert.equal(p.field, 'admin_package');
  throwsCode(() => wc.checkAdminPackage('webex_suite', 'gold', 'f'), 'PACKAGE_UNKNOWN', 'adminPackage');
});

test('R-USR-02 checkCallingNumber needs a number and a location', () => {
  assert.equal(wc.checkCallingNumber('webex_calling', true, true, 'package'), null);
  assert.equal(wc.checkCallingNumber('webex_meetings', false, false, 'package'), null);
  const p = wc.checkCallingNumber('webex_calling', false, true, 'package');
  assert.equal(p.code, 'PACKAGE_CHANGE_NEEDS_NUMBER');
  assert.match(p.message, /phone number or extension/);
  throwsCode(() => wc.checkCallingNumber('webex_calling', 1, true, 'package'), 'INVALID_ARGUMENT', 'hasNumber');
});

test('the entry exports every function of the generated glue', () => {
  const require = createRequire(import.meta.url);
  const glue = require('../pkg/node/wholesale_core_wasm.js');
  const wanted = Object.keys(glue).filter((n) => typeof glue[n] === 'function' && !['__takePanicMessage', 'start'].includes(n));
  for (const name of wanted) assert.equal(typeof wc[name], 'function', `js/index.js does not export ${name}`);
  for (const name of wanted) assert.equal(typeof wc.default[name], 'function', name);
});

test('the public declarations contain no `any`', () => {
  for (const file of ['js/index.d.ts', 'js/web.d.ts', 'pkg/node/wholesale_core_wasm.d.ts', 'pkg/web/wholesale_core_wasm.d.ts']) {
    const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    assert.doesNotMatch(text, /\bany\b/, file);
  }
});
