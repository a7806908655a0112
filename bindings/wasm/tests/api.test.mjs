// The binding's API: registry, packages, weeks, contact and provisioning
// checks, thrown error objects, and the package entry's exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as wc from '../js/index.js';
import { throwsCode } from './lib/checks.mjs';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

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

test('codeInfo finds a registry row or returns null', () => {
  assert.deepEqual(wc.codeInfo('EMAIL_INVALID'), wc.codes().find((c) => c.code === 'EMAIL_INVALID'));
  assert.equal(wc.codeInfo('NOT_A_CODE'), null);
});

test('R-PKG-01 parsePackage reports the caller\'s field', () => {
  throwsCode(() => wc.parsePackage('gold', 'admin_package'), 'PACKAGE_UNKNOWN', 'admin_package');
});

test('R-KPI-12 lastCompletedWeek from a day, an instant or a Date', () => {
  const week = wc.lastCompletedWeek('2026-11-25');
  assert.deepEqual(week, { start: '2026-11-15T00:00:00Z', end: '2026-11-22T00:00:00Z' });
  assert.deepEqual(wc.lastCompletedWeek('2026-11-22T00:00:00Z'), week, 'Sunday 00:00 UTC starts a new week');
  assert.deepEqual(wc.lastCompletedWeek('2026-11-21T23:59:59Z'), {
    start: '2026-11-08T00:00:00Z',
    end: '2026-11-15T00:00:00Z',
  });
  assert.deepEqual(wc.lastCompletedWeek('2026-11-22T01:00:00+02:00'), wc.lastCompletedWeek('2026-11-21'), 'offsets count');
  assert.deepEqual(wc.lastCompletedWeek(new Date(Date.UTC(2026, 10, 25, 12))), week);
  const e = throwsCode(() => wc.lastCompletedWeek('25/11/2026'), 'INPUT_INVALID', 'as_of');
  assert.equal(e.rule, null);
  throwsCode(() => wc.lastCompletedWeek(new Date(NaN)), 'INPUT_INVALID', 'as_of');
  throwsCode(() => wc.lastCompletedWeek('2026-11-25T12:00:00'), 'INPUT_INVALID', 'as_of');
});

test('R-CSV-14..16 contact checks return a Problem or null, with Python\'s default fields', () => {
  assert.equal(wc.checkEmail('ana@acme.example'), null);
  const email = wc.checkEmail('ana@');
  assert.deepEqual(Object.keys(email), ['code', 'rule', 'severity', 'field', 'line', 'message']);
  assert.deepEqual([email.code, email.rule, email.field], ['EMAIL_INVALID', 'R-CSV-14', 'email']);
  assert.equal(wc.checkEmail('ana@', 'admin_email').field, 'admin_email');
  assert.equal(wc.checkPhoneNumber('+14085551234'), null);
  const noPlus = wc.checkPhoneNumber('14085551234');
  assert.deepEqual([noPlus.code, noPlus.field], ['PHONE_NUMBER_NO_PLUS', 'phone_number']);
  assert.equal(wc.checkPhoneNumber('call me', 'mobile').code, 'PHONE_NUMBER_INVALID');
  assert.equal(wc.checkExtension('1234'), null);
  const ext = wc.checkExtension('1');
  assert.deepEqual([ext.code, ext.rule, ext.field], ['EXTENSION_INVALID', 'R-CSV-16', 'extension']);
});

test('R-CUS-05 every full admin keeps the package, not only admin_email', () => {
  const org = { name: 'Acme', package: 'webex_calling', admin_email: 'admin@acme.example', locations: [{ name: 'HQ' }],
    users: [{ email: 'ops@acme.example', package: 'webex_calling', full_admin: true }] };
  const change = wc.validatePackageChange(org, { email: 'OPS@acme.example' }, 'webex_meetings');
  assert.deepEqual(change.errors.map((p) => p.code), ['ADMIN_PACKAGE_DOWNGRADE']);
  assert.deepEqual(wc.validatePackageChange(org, { email: 'ana@acme.example' }, 'webex_meetings').errors, []);
  const added = wc.validateManualBatch(org, [{ first_name: 'C', last_name: 'Y', email: 'cy@acme.example', package: 'webex_meetings', full_admin: true }]);
  assert.deepEqual(added.errors.map((p) => [p.code, p.field]), [['ADMIN_PACKAGE_DOWNGRADE', 'users[0].package']]);
});

test('R-CUS-05 checkAdminPackage refuses a downgrade of the full admin', () => {
  assert.equal(wc.checkAdminPackage('webex_suite', 'Webex Suite'), null);
  const p = wc.checkAdminPackage('webex_suite', 'webex_calling');
  assert.deepEqual([p.code, p.rule, p.field], ['ADMIN_PACKAGE_DOWNGRADE', 'R-CUS-05', 'package']);
  throwsCode(() => wc.checkAdminPackage('webex_suite', 'gold'), 'PACKAGE_UNKNOWN', 'admin_package');
  throwsCode(() => wc.checkAdminPackage('gold', 'webex_suite'), 'PACKAGE_UNKNOWN', 'customer_package');
});

test('R-USR-02 checkCallingNumber needs a number and a location', () => {
  assert.equal(wc.checkCallingNumber('webex_calling', { hasNumber: true, hasLocation: true }), null);
  assert.equal(wc.checkCallingNumber('webex_meetings', { hasNumber: false, hasLocation: false }), null);
  const p = wc.checkCallingNumber('webex_calling', { hasNumber: false, hasLocation: true });
  assert.deepEqual([p.code, p.rule, p.field], ['PACKAGE_CHANGE_NEEDS_NUMBER', 'R-USR-02', 'package']);
  assert.match(p.message, /phone number or extension/);
  assert.equal(wc.checkCallingNumber('Webex Suite', { hasNumber: true, hasLocation: false, field: 'new' }).field, 'new');
  throwsCode(() => wc.checkCallingNumber('webex_calling', { hasNumber: 1, hasLocation: true }), 'INPUT_INVALID', 'has_number');
  throwsCode(() => wc.checkCallingNumber('webex_calling', { hasNumber: true }), 'INPUT_INVALID', 'has_location');
  throwsCode(() => wc.checkCallingNumber('webex_calling'), 'INPUT_INVALID', 'options');
  throwsCode(() => wc.checkCallingNumber('gold', { hasNumber: true, hasLocation: true }), 'PACKAGE_UNKNOWN', 'new_package');
});

test('findings sorts problems by severity; raiseForErrors throws the first error with every problem', () => {
  const problems = [wc.checkEmail('ana@acme.example'), wc.checkPhoneNumber('14085551234'), wc.checkEmail('x'), wc.checkExtension('1')];
  const found = wc.findings(problems);
  assert.deepEqual(found.errors.map((p) => p.code), ['EMAIL_INVALID', 'EXTENSION_INVALID']);
  assert.deepEqual(found.warnings.map((p) => p.code), ['PHONE_NUMBER_NO_PLUS']);
  assert.deepEqual(wc.raiseForErrors([problems[0], problems[1]]), { errors: [], warnings: [problems[1]] });
  const e = throwsCode(() => wc.raiseForErrors(problems), 'EMAIL_INVALID', 'email');
  assert.equal(e.rule, 'R-CSV-14');
  assert.match(e.message, /and 1 more error/);
  assert.deepEqual(e.problems.map((p) => p.code), ['EMAIL_INVALID', 'EXTENSION_INVALID', 'PHONE_NUMBER_NO_PLUS']);
  throwsCode(() => wc.findings([{ code: 'NOT_A_CODE', field: null, message: 'x' }]), 'INPUT_INVALID', 'problems[0].code');
  throwsCode(() => wc.findings('nope'), 'INPUT_INVALID', 'problems');
});

test('the entry exports every function of the generated glue', () => {
  const require = createRequire(import.meta.url);
  const glue = require('../pkg/node/wholesale_core_wasm.js');
  // The glue's classes (PlanHandle) are reached through checkCsv, wrapped (ts/plan.ts).
  const isClass = (f) => typeof f.prototype?.free === 'function';
  const wanted = Object.keys(glue).filter((n) => typeof glue[n] === 'function' && n !== 'start' && !n.startsWith('__') && !isClass(glue[n]));
  for (const name of wanted) assert.equal(typeof wc[name], 'function', `js/index.js does not export ${name}`);
  for (const name of wanted) assert.equal(typeof wc.default[name], 'function', name);
});

test('the public declarations contain no `any`', () => {
  const files = ['js', 'pkg/node', 'pkg/web'].flatMap((dir) =>
    readdirSync(new URL(`../${dir}`, import.meta.url)).filter((f) => f.endsWith('.d.ts')).map((f) => `${dir}/${f}`));
  assert.ok(files.length >= 6, files.join(' '));
  for (const file of files) {
    const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    // `any` as a type (not in prose): after a colon, in generics, in unions, as an array.
    assert.doesNotMatch(text, /(:\s*|<\s*|\|\s*)any\b|\bany\s*(\[|>|\||,|\))/, file);
  }
});

test('the package API has no test hooks', () => {
  const hooks = Object.keys(wc).filter((name) => name.startsWith('_'));
  assert.deepEqual(hooks, []);
  assert.deepEqual(Object.keys(wc.default).filter((name) => name.startsWith('_')), []);
});

test('R-CSV-21 a misspelled option key and a misspelled snapshot key are typed errors naming the key', () => {
  const csv = 'User ID/Email,Webex Meetings\nana@acme.example,TRUE\n';
  assert.throws(() => wc.checkCsv(csv, { behaviour: 'add_and_remove' }), (e) =>
    e.code === 'INPUT_INVALID' && e.field === 'options.behaviour' && /unknown field .?behaviour/i.test(e.message));
  assert.throws(() => wc.kpiDashboard([], 'calling', '2026-12-01', { expiring_days: 30 }), (e) =>
    e.code === 'INPUT_INVALID' && e.field === 'options.expiring_days');
  assert.throws(() => wc.checkCsv(csv, { org: { users: [{ emial: 'ana@acme.example' }] } }), (e) =>
    e.code === 'SNAPSHOT_KEY_UNKNOWN' && e.rule === 'R-CSV-21' && e.severity === 'error'
      && e.field === 'users[0].emial' && e.problems.length === 1);
});
