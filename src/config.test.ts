import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

test('defaults: port 3000, SQLite under ./data', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.deepEqual(c.database, { kind: 'sqlite', file: path.resolve('data', 'raadslag.sqlite') });
});

test('a postgres:// DATABASE_URL selects PostgreSQL', () => {
  assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database, { kind: 'postgres', url: 'postgres://u@h/db' });
});

test('bad values stop the boot with a message naming each variable', () => {
  assert.throws(
    () => loadConfig({ PORT: 'seventy', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /PORT/);
      assert.match(e.message, /DATABASE_URL/);
      assert.match(e.message, /LOG_LEVEL/);
      return true;
    },
  );
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
});
