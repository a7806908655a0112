// A panic never surfaces as an opaque trap, and hostile inputs give results
// or typed errors, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { withTestHooks } from './hooks.mjs';

const wc = withTestHooks();

test('a Rust panic is thrown as INTERNAL_ERROR with its message, and the module recovers', () => {
  for (let round = 0; round < 3; round++) {
    let thrown;
    try {
      wc.__debugPanic(`boom ${round}`);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error);
    assert.ok(!(thrown instanceof WebAssembly.RuntimeError), 'not the raw trap');
    assert.equal(thrown.code, 'INTERNAL_ERROR');
    assert.equal(thrown.rule, null);
    assert.match(thrown.message, new RegExp(`boom ${round}`));
    assert.ok(thrown.cause instanceof WebAssembly.RuntimeError);
    // A fresh instance answers normally afterwards.
    assert.equal(wc.parsePackage('webex_calling').api_id, 'webex_calling');
    assert.ok(wc.codes().length > 0);
  }
});

const strings = () => [
  '',
  '\0',
  '\uD800',
  '\uFFFF'.repeat(1000),
  'x'.repeat(5_000_000),
  randomBytes(4096).toString('latin1'),
  randomBytes(4096).toString('utf16le'),
  '+' + '9'.repeat(100_000),
  '@'.repeat(10_000),
];
const nonStrings = [undefined, null, NaN, Infinity, -0, 42, 10n, {}, [], () => 1, Symbol('s'), new Date(NaN)];

function assertTypedOrValue(fn) {
  try {
    return fn();
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error ${String(e)}`);
    assert.ok(['INPUT_INVALID', 'PACKAGE_UNKNOWN'].includes(e.code), `${e.code}: ${e.message}`);
    return e;
  }
}

test('hostile strings give a Problem, null or a typed error', () => {
  for (const s of strings()) {
    for (const fn of [wc.checkEmail, wc.checkPhoneNumber, wc.checkExtension]) {
      const r = assertTypedOrValue(() => fn(s, 'f'));
      if (r && !(r instanceof Error)) assert.ok(r.message.length < 2000, 'long inputs are truncated in messages');
    }
    assertTypedOrValue(() => wc.parsePackage(s));
    assertTypedOrValue(() => wc.lastCompletedWeek(s));
    assertTypedOrValue(() => wc.checkAdminPackage(s, 'webex_calling', s));
    assertTypedOrValue(() => wc.checkCallingNumber(s, { hasNumber: true, hasLocation: false, field: s }));
    assertTypedOrValue(() => wc.codeInfo(s));
  }
});

test('values of the wrong type throw INPUT_INVALID naming the argument', () => {
  for (const v of nonStrings) {
    for (const [fn, field] of [
      [() => wc.parsePackage(v), 'package'],
      [() => wc.lastCompletedWeek(v), 'as_of'],
      [() => wc.checkEmail(v), 'email'],
      [() => wc.checkExtension(v, 'ext'), 'extension'],
      [() => wc.checkCallingNumber('webex_calling', { hasNumber: v, hasLocation: true }), 'has_number'],
      [() => wc.codeInfo(v), 'code'],
    ]) {
      let thrown;
      try {
        fn();
      } catch (e) {
        thrown = e;
      }
      assert.ok(thrown instanceof Error, `no error for ${String(v)}`);
      assert.equal(thrown.code, 'INPUT_INVALID', `${String(v)}: ${thrown.message}`);
      assert.equal(thrown.field, field);
    }
  }
});

test('a field that is not a string is refused, an absent one takes the default', () => {
  for (const v of [NaN, 0, {}, Symbol('f')]) {
    assert.throws(() => wc.checkPhoneNumber('+14085551234', v), { code: 'INPUT_INVALID', field: 'field' });
  }
  assert.equal(wc.checkEmail('x', undefined).field, 'email');
  assert.equal(wc.checkEmail('x', null).field, 'email');
});

test('findings survives hostile arrays', () => {
  for (const v of [[1, 2], [{}], [{ code: 'EMAIL_INVALID' }], [{ code: 'EMAIL_INVALID', field: 3, message: 'x' }], new Array(10).fill(NaN)]) {
    assert.throws(() => wc.findings(v), { code: 'INPUT_INVALID' });
  }
  const many = new Array(50_000).fill(wc.checkEmail('x'));
  assert.equal(wc.findings(many).errors.length, 50_000);
  assert.equal(wc.findings(new Array(1000).fill(null)).errors.length, 0);
});
