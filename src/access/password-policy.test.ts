// The password policy: each refused password says why, in one place the CLI, the API and the admin
// page share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../http/errors.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../shared/passwords.ts';
import { assertAcceptablePassword, passwordProblem } from './password-policy.ts';

const reasonOf = (password: string, username: string) => passwordProblem(password, username)?.reason ?? null;

test('short, overlong, common and username-based passwords are refused, each with its reason', () => {
  assert.equal(reasonOf('kort123', 'anna'), 'access.password_short');
  assert.equal(reasonOf('x'.repeat(PASSWORD_MAX + 1), 'anna'), 'access.password_long');
  assert.equal(reasonOf('12345678', 'anna'), 'access.password_common');
  assert.equal(reasonOf('password', 'anna'), 'access.password_common');
  assert.equal(reasonOf('PassWord', 'anna'), 'access.password_common');
  assert.equal(reasonOf('anna.jensen', 'anna.jensen'), 'access.password_username');
  assert.equal(reasonOf('ANNA.JENSEN', 'anna.jensen'), 'access.password_username');
  assert.equal(reasonOf('anna.jensen2026!', 'anna.jensen'), 'access.password_username');
  assert.equal(reasonOf('anna.jen', 'anna.jensen@aarhus.dk'), 'access.password_username');
});

test('a long unusual passphrase and the demo password are accepted', () => {
  assert.equal(reasonOf('hemmelig-123', 'ny.sekretaer'), null);
  assert.equal(reasonOf('demo1234', 'sekretariat'), null);
  assert.equal(reasonOf('x'.repeat(PASSWORD_MAX), 'anna'), null);
  assert.equal(reasonOf('æøå'.repeat(3), 'anna'), null);
  assert.equal(PASSWORD_MIN, 8);
});

test('assertAcceptablePassword throws an invalid_input error on the password field', () => {
  assert.throws(
    () => assertAcceptablePassword('password', 'anna'),
    (e) => e instanceof AppError && e.code === 'invalid_input' && e.field === 'password' && e.reason === 'access.password_common',
  );
  assert.doesNotThrow(() => assertAcceptablePassword('korrekt hest batteri', 'anna'));
});
