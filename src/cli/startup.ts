// Start-up checks: a setting that cannot work (DATA_DIR, DATABASE_URL) ends the command at once with
// one line naming the variable and the cause, instead of a stack trace or a long hang.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { describeError, ensureDirectory, migrate, openDatabase, type DatabaseHandle } from '../db/connection.ts';

/** A setting that cannot work: `message` is the one line to print, starting with the variable. */
export class SettingError extends Error {
  constructor(
    readonly variable: string,
    cause: unknown,
    what: string,
  ) {
    super(`${variable}: ${what} (${describeError(cause)})`, { cause });
  }
}

const code = (e: unknown) => String((e as { code?: unknown })?.code ?? '');

/** Network and server answers that mean "this address or these credentials do not work". */
const PG_CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);
const PG_SETTING_STATES = /^(28|3D|3F)|^(42501|57P03|53300)$/;

/** The PostgreSQL address without its password, to name in a message. */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'the address given';
  }
}

/** The error as a setting's fault, or null when it is something else (a bug, a failed migration). */
export function settingFault(config: Config, e: unknown): SettingError | null {
  if (e instanceof SettingError) return e;
  const c = code(e);
  const message = (e as Error)?.message ?? '';
  if (config.database.kind === 'postgres') {
    if (PG_CONNECT_CODES.has(c) || /timeout|terminated|connect/i.test(message)) {
      return new SettingError('DATABASE_URL', e, `cannot connect to PostgreSQL at ${where(config.database.url)}`);
    }
    if (PG_SETTING_STATES.test(c)) return new SettingError('DATABASE_URL', e, `PostgreSQL at ${where(config.database.url)} refused`);
    return null;
  }
  if (/^(SQLITE_(CANTOPEN|READONLY|PERM|NOTADB|IOERR|FULL|AUTH)|E[A-Z]+)/.test(c)) {
    const file = config.database.file;
    const inDataDir = !process.env.DATABASE_URL;
    return new SettingError(inDataDir ? 'DATA_DIR' : 'DATABASE_URL', e, `cannot open or write the SQLite database ${file}`);
  }
  return null;
}

/** DATA_DIR exists (or can be made) and can be written to. */
export function checkDataDir(config: Config) {
  const dir = config.dataDir;
  try {
    ensureDirectory(dir);
    const probe = path.join(dir, `.write-check-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe, { force: true });
  } catch (e) {
    throw new SettingError('DATA_DIR', e, `${dir} cannot be created or written to`);
  }
}

/**
 * Opens the database and brings its schema up to date, or fails with the setting at fault. Checks
 * DATA_DIR first when the command keeps files there (`dataDir`), or when the SQLite database is in it.
 */
export async function openChecked(config: Config, options: { dataDir?: boolean } = {}): Promise<DatabaseHandle> {
  if (options.dataDir || (config.database.kind === 'sqlite' && !process.env.DATABASE_URL)) checkDataDir(config);
  let handle: DatabaseHandle | null = null;
  try {
    handle = await openDatabase(config.database);
    await migrate(handle);
    return handle;
  } catch (e) {
    await handle?.close().catch(() => undefined);
    throw settingFault(config, e) ?? e;
  }
}

/** A port in use or not allowed, or an address this machine does not have, as PORT's or HOST's fault. */
export function listenFault(config: Config, e: unknown): unknown {
  const c = code(e);
  if (c === 'EADDRINUSE' || c === 'EACCES') return new SettingError('PORT', e, `cannot listen on port ${config.port}`);
  if (c === 'EADDRNOTAVAIL' || c === 'ENOTFOUND' || c === 'EAI_AGAIN') return new SettingError('HOST', e, `cannot listen on ${config.host}`);
  return e;
}
