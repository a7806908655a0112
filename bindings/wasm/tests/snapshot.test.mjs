// R-CSV-21: checkCsv reads the org snapshot as strictly as the core does,
// from an object, from JSON text or from the bytes of a JSON file. A refused snapshot throws the core's code
// (SNAPSHOT_KEY_UNKNOWN, SNAPSHOT_INVALID) with the key's `path`; absent
// lists are "not known" and the plan says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as wc from '../js/index.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const csv = new Uint8Array(readFileSync(`${repo}/samples/users.csv`));
const sampleOrg = JSON.parse(readFileSync(`${repo}/samples/org.json`, 'utf8'));
const CSV = 'User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n'
  + 'ana@acme.example,TRUE,acme.webex.com,FALSE,TRUE\n';

/** checkCsv with `org` as an object, as JSON text and as its UTF-8 bytes:
 * each throws the same error (the bytes exactly the text's), which is
 * returned. */
function refused(org, data = csv) {
  const text = JSON.stringify(org);
  const errors = [org, text, new TextEncoder().encode(text)].map((form) => {
    try {
      wc.checkCsv(data, { org: form });
    } catch (e) {
      return e;
    }
    assert.fail(`accepted ${JSON.stringify(org).slice(0, 200)}`);
  });
  const [fromObject, fromText, fromBytes] = errors;
  assert.deepEqual(
    [fromBytes.code, fromBytes.field, fromBytes.message],
    [fromText.code, fromText.field, fromText.message],
    'the bytes are read as the text is',
  );
  for (const e of errors) {
    assert.ok(e instanceof Error);
    assert.equal(e.severity, 'error');
    assert.deepEqual(e.problems.map((p) => p.code), [e.code]);
    assert.equal(e.rule, wc.codeInfo(e.code)?.rule, `${e.code} is a registry code`);
    assert.ok(e.field === null || e.message.includes(e.field), `the message names the path: ${e.message}`);
  }
  // (The messages may differ: serde_json adds the line and column of text.)
  assert.deepEqual(
    { code: fromObject.code, path: fromObject.field },
    { code: fromText.code, path: fromText.field },
    'the object and the text are read alike',
  );
  return fromObject;
}

test('R-CSV-21 the snapshot as the bytes of its JSON file plans as its text and its object do', () => {
  const text = readFileSync(`${repo}/samples/org.json`, 'utf8');
  const expected = wc.checkCsv(csv, { org: sampleOrg }).toJSON();
  assert.ok(expected.rows.length > 0);
  assert.deepEqual(wc.checkCsv(csv, { org: text }).toJSON(), expected);
  assert.deepEqual(wc.checkCsv(csv, { org: new Uint8Array(readFileSync(`${repo}/samples/org.json`)) }).toJSON(), expected);
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  assert.deepEqual(wc.checkCsv(csv, { org: bom }).toJSON(), expected, 'a byte order mark is skipped');
  // Windows-1252 bytes are not UTF-8: refused where they are, never read as something else.
  const latin1 = new Uint8Array([...new TextEncoder().encode('{"admin_email": "jos'), 0xe9, ...new TextEncoder().encode('@acme.example"}')]);
  assert.throws(() => wc.checkCsv(csv, { org: latin1 }), (e) => e.code === 'SNAPSHOT_INVALID' && e.field === 'admin_email' && /line 1/.test(e.message));
});

test('R-CSV-21 a misspelled top-level key ({"locatons": []}) is SNAPSHOT_KEY_UNKNOWN at its path', () => {
  const e = refused({ locatons: [] });
  assert.equal(e.code, 'SNAPSHOT_KEY_UNKNOWN');
  assert.equal(e.rule, 'R-CSV-21');
  assert.equal(e.field, 'locatons');
  assert.match(e.message, /locatons/);
  assert.match(e.message, /`locations`/, 'the message says which keys are expected');
});

test('R-CSV-21 a nested unknown key is named with its full path', () => {
  assert.equal(refused({ users: [{ email: 'a@acme.example' }, { emial: 'b@acme.example' }] }).field, 'users[1].emial');
  const e = refused({ ...sampleOrg, users: [{ email: 'a@acme.example', licences: [] }] });
  assert.deepEqual([e.code, e.field], ['SNAPSHOT_KEY_UNKNOWN', 'users[0].licences']);
});

test('R-CSV-21 packages by API id or display name, any case; an unknown one is SNAPSHOT_INVALID', () => {
  const byName = wc.checkCsv(CSV, { org: { users: [{ email: 'bo@acme.example', package: 'Webex Voice' }] } });
  const byId = wc.checkCsv(CSV, { org: { users: [{ email: 'bo@acme.example', package: 'webex_voice' }] } });
  const upper = wc.checkCsv(CSV, { org: JSON.stringify({ users: [{ email: 'bo@acme.example', package: 'WEBEX VOICE' }] }) });
  assert.deepEqual(byName, byId);
  assert.deepEqual(upper, byId);
  const e = refused({ users: [{ email: 'bo@acme.example', package: 'Webex Vioce' }] });
  assert.deepEqual([e.code, e.rule, e.field], ['SNAPSHOT_INVALID', 'R-CSV-21', 'users[0].package']);
  const sub = refused({ subscribed_packages: ['webex_gold'] });
  assert.equal(sub.code, 'SNAPSHOT_INVALID');
  assert.match(sub.field, /^subscribed_packages/);
});

test('R-CSV-21 wrong shapes are SNAPSHOT_INVALID with a path; non-JSON text too', () => {
  assert.deepEqual([refused({ users: 3 }).code, refused({ users: 3 }).field], ['SNAPSHOT_INVALID', 'users']);
  assert.equal(refused({ users: [{ email: 5 }] }).field, 'users[0].email');
  const e = refused([1, 2]);
  assert.deepEqual([e.code, e.field], ['SNAPSHOT_INVALID', null]);
  assert.throws(() => wc.checkCsv(csv, { org: '{not json' }), { code: 'SNAPSHOT_INVALID', field: null });
});

test('R-CSV-21 absent lists are not known: SNAPSHOT_LIST_MISSING once each, not rejections', () => {
  const plan = wc.checkCsv(CSV, { org: {} });
  const missing = plan.file_warnings.filter((w) => w.code === 'SNAPSHOT_LIST_MISSING');
  assert.equal(missing.length, 3, JSON.stringify(plan.file_warnings));
  for (const key of ['locations', 'users', 'subscribed_packages']) {
    assert.ok(missing.some((w) => w.message.includes(`"${key}"`)), key);
  }
  assert.deepEqual(plan.summary.rejected, 0);
  assert.deepEqual(wc.checkCsv(CSV, { org: { locations: null, users: null, subscribed_packages: null } }), plan);
  const known = wc.checkCsv(CSV, { org: { locations: [], users: [], subscribed_packages: ['webex_meetings'] } });
  assert.ok(!known.file_warnings.some((w) => w.code === 'SNAPSHOT_LIST_MISSING'));
  // A user without "licenses": their basic licenses are not known.
  const user = wc.checkCsv(CSV, { org: { locations: [], subscribed_packages: [], users: [{ email: 'bo@acme.example' }] } });
  const userMissing = user.file_warnings.filter((w) => w.code === 'SNAPSHOT_LIST_MISSING');
  assert.equal(userMissing.filter((w) => w.message.includes('"licenses"')).length, 1);
  // R-CUS-05: users but no full admin named: the admin checks are off, said once.
  assert.equal(userMissing.filter((w) => w.message.includes('R-CUS-05')).length, 1);
  assert.equal(userMissing.length, 2);
});

test('every thrown error has the problem fields, null where they do not apply', () => {
  for (const call of [() => wc.checkCsv(42), () => wc.parsePackage('gold'), () => wc.lastCompletedWeek('x')]) {
    assert.throws(call, (e) => {
      for (const key of ['code', 'rule', 'severity', 'field', 'line', 'problems']) assert.ok(key in e, `${e.code} ${key}`);
      assert.equal(e.line, null, e.code);
      return true;
    });
  }
});
