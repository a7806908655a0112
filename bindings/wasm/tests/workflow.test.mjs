// The import workflow in JavaScript: snapshotFromExport (R-CSV-21) from the
// Control Hub user export (UTF-8 or UTF-16LE), a location list and the phone
// numbers report, every problem with its line; reviewCsv, the destructive
// rows and the count per code; readyFile and rejectedFile (R-CSV-20), byte
// for byte in the file's encoding, as Uint8Array.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as wc from '../js/index.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const read = (path) => new Uint8Array(readFileSync(`${repo}/${path}`));
const HEADER = 'User ID/Email,Display Name,Webex Meetings,Webex Voice,Phone Number,Location,Basic Messaging,Jabber Calling,Jabber with Webex Teams';
const ORG = {
  locations: ['HQ'],
  users: ['ana', 'bob', 'cy'].map((n) => ({ email: `${n}@acme.example`, package: 'webex_meetings', licenses: ['basic_messaging'] })),
};
const utf16le = (text) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i] = unit & 0xff;
    bytes[3 + 2 * i] = unit >> 8;
  }
  return bytes;
};
const thrown = (f) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('did not throw');
};

test('R-CSV-21: a snapshot from the shipped export, UTF-8 and UTF-16LE alike', () => {
  const built = wc.snapshotFromExport(read('samples/users_export.csv'), { package: 'Webex Calling' });
  assert.equal(built.snapshot.package, 'webex_calling');
  assert.equal(built.snapshot.users.length, 6);
  const pedro = built.snapshot.users.find((u) => u.email === 'pedro.lima@acme-dental.example');
  assert.deepEqual(pedro.licenses, ['basic_messaging', 'call_on_webex']);
  assert.deepEqual(built.snapshot.locations, ['Lisboa HQ', 'Porto', 'Faro']);
  assert.deepEqual(built.warnings.map((w) => w.code), ['COLUMN_UNKNOWN', 'EXPORT_LOCATIONS_PARTIAL']);
  assert.deepEqual(built.warning_files, ['users', 'users']);
  const utf16 = wc.snapshotFromExport(read('tests/exports/users_export_utf16.csv'), { package: 'webex_calling' });
  assert.deepEqual(utf16, built);
  // checkCsv takes the snapshot as it is.
  const plan = wc.checkCsv(read('samples/users.csv'), { org: built.snapshot });
  assert.equal(plan.summary.remove, 1);
});

test('R-CUS-05: snapshotFromExport marks the admins given; an unknown one is EXPORT_ADMIN_UNKNOWN', () => {
  const users = read('samples/users_export.csv');
  const built = wc.snapshotFromExport(users, { admins: ['Marta.Silva@acme-dental.example'] });
  assert.deepEqual(built.snapshot.users.filter((u) => u.full_admin).map((u) => u.email), ['marta.silva@acme-dental.example']);
  const e = thrown(() => wc.snapshotFromExport(users, { admins: ['nobody@acme-dental.example'] }));
  assert.deepEqual([e.code, e.rule, e.field], ['EXPORT_ADMIN_UNKNOWN', 'R-CUS-05', 'admins[0]']);
  assert.equal(thrown(() => wc.snapshotFromExport(users, { admins: 'marta.silva@acme-dental.example' })).code, 'INPUT_INVALID');
});

test('R-CSV-21: locations from each source', () => {
  const users = read('samples/users_export.csv');
  const listed = wc.snapshotFromExport(users, { locations: 'Location\nCoimbra\n' });
  assert.deepEqual(listed.snapshot.locations, ['Coimbra', 'Lisboa HQ', 'Porto', 'Faro']);
  const report = wc.snapshotFromExport(users, { phone_numbers: read('tests/exports/phone_numbers_utf16.csv') });
  assert.deepEqual(report.snapshot.locations, ['Lisboa HQ', 'Porto', 'Faro', 'Braga']);
  const e = thrown(() => wc.snapshotFromExport(users, { locations: 'Coimbra\nBraga\n' }));
  assert.equal(e.code, 'LOCATIONS_COLUMN_MISSING');
  assert.equal(e.line, 1);
  assert.equal(thrown(() => wc.snapshotFromExport(users, { location: 'x' })).code, 'INPUT_INVALID');
  assert.equal(thrown(() => wc.snapshotFromExport(users, { package: 'Webex Vioce' })).code, 'PACKAGE_UNKNOWN');
});

test('R-CSV-21: a malformed export throws every problem with its line', () => {
  const e = thrown(() => wc.snapshotFromExport(
    'User ID/Email,Webex Calling,Webex Meetings\nana@acme.example,TRUE,TRUE\nbob@acme.example,TRUE\nANA@acme.example,FALSE,TRUE\n',
  ));
  assert.equal(e.code, 'PACKAGE_MULTIPLE');
  assert.deepEqual(e.problems.map((p) => [p.code, p.line]), [
    ['PACKAGE_MULTIPLE', 2], ['ROW_MALFORMED', 3], ['EMAIL_DUPLICATE', 4],
  ]);
  const encoding = thrown(() => wc.snapshotFromExport(new Uint8Array([0x45, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xff, 0x0a])));
  assert.equal(encoding.code, 'FILE_ENCODING');
});

test('R-CSV-20: reviewCsv lists every destructive row and counts the codes', () => {
  const csv = `${HEADER}\nana@acme.example,,FALSE,FALSE,,,,,\nbob@acme.example,,FALSE,TRUE,+14085550100,HQ,,FALSE,FALSE\n`
    + 'cy@acme.example,,,,,,FALSE,,\ndee@acme.example,Dee,TRUE,,,,,FALSE,FALSE\n';
  const options = { behavior: 'add_and_remove', org: ORG };
  assert.equal(wc.checkCsv(csv, options).summary.rejected, 0);
  const review = wc.reviewCsv(csv, options);
  assert.deepEqual(review.destructive.map((r) => [r.line, r.action, r.remove]), [
    [2, 'remove', ['webex_meetings', 'basic_messaging']],
    [3, 'change_package', ['webex_meetings']],
    [4, 'modify', ['basic_messaging']],
  ]);
  // SNAPSHOT_LIST_MISSING twice: no subscriptions list, and no full admin named (R-CUS-05).
  assert.deepEqual(review.code_counts, [
    { code: 'SNAPSHOT_LIST_MISSING', count: 2 },
    { code: 'PREFERRED_SITE_MISSING', count: 1 },
  ]);
});

test('R-CSV-20, R-CSV-22: the ready file keeps the bytes, formula-like cells and the encoding', () => {
  const rows = [
    'dee@acme.example,=HYPERLINK("x"),TRUE,,,,,FALSE,FALSE\r\n',
    'broken,B,TRUE,,,,,FALSE,FALSE\r\n',
    'eve@acme.example,"Eve ""E"", Jr",TRUE,,,,,FALSE,FALSE\r',
    'fay@acme.example,@fay,TRUE,,,,,FALSE,FALSE',
  ];
  const csv = new TextEncoder().encode(`\ufeff${HEADER}\r\n${rows.join('')}`);
  const ready = wc.readyFile(csv, { org: ORG });
  assert.ok(ready instanceof Uint8Array);
  assert.deepEqual(ready, new TextEncoder().encode(`\ufeff${HEADER}\r\n${rows[0]}${rows[2]}${rows[3]}`));
  const again = wc.checkCsv(ready, { org: ORG });
  assert.equal(again.summary.rejected, 0);
  assert.deepEqual(again.rows.map((r) => r.action), ['add', 'add', 'add']);

  const header = HEADER.replaceAll(',', '\t');
  const tabbed = [rows[0], rows[1]].map((r) => r.replaceAll(',', '\t'));
  const utf16 = utf16le(`${header}\r\n${tabbed.join('')}`);
  assert.deepEqual(wc.readyFile(utf16, { org: ORG }), utf16le(`${header}\r\n${tabbed[0]}`));
  const rejected = wc.rejectedFile(utf16, { org: ORG });
  assert.deepEqual([...rejected.slice(0, 2)], [0xff, 0xfe]);
  const text = new TextDecoder('utf-16le').decode(rejected.slice(2));
  assert.ok(text.startsWith(`${header}\tErrors\r\nbroken\tB\t`), text);
  assert.match(text, /\t"EMAIL_INVALID \[User ID\/Email\]: /);
});

test('R-CSV-20: a refused file has no ready rows', () => {
  const e = thrown(() => wc.readyFile('First Name\nAna\n'));
  assert.equal(e.code, 'OUTPUT_FILE_REFUSED');
  assert.equal(e.rule, 'R-CSV-20');
  assert.equal(thrown(() => wc.rejectedFile('First Name\nAna\n')).code, 'OUTPUT_FILE_REFUSED');
  assert.equal(thrown(() => wc.readyFile(`${HEADER}\n`, { behaviour: 'add_only' })).code, 'INPUT_INVALID');
});
