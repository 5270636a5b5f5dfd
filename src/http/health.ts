// Whether the server can still store what users send: the data directory is writable and has room,
// and the database has not just refused a write for lack of space. /api/health reports it, and a
// readiness check can reuse it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureDirectory, ping, type DatabaseHandle } from '../db/connection.ts';
import { nowMs } from '../lib/time.ts';

/** Below this much free space in the data directory, storage counts as full. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;
/** After the database refused a write for lack of space, storage counts as full this long. */
const FULL_REMEMBERED_MS = 60_000;

export type StorageState = 'ok' | 'full' | 'read_only' | 'unavailable';

export interface StorageHealth {
  storage: StorageState;
  /** Free bytes in the data directory, when they could be read. */
  freeBytes?: number;
  /** The cause, for the operator (an error code such as ENOSPC or SQLITE_FULL). */
  cause?: string;
}

let lastFullAt: number | null = null;
let lastFullCause = '';

/** Called when a write was refused for lack of space (the database's or the disk's). */
export function noteStorageFull(cause: string) {
  lastFullAt = nowMs();
  lastFullCause = cause;
}

const errorCode = (e: unknown) => String((e as { code?: unknown })?.code ?? (e as Error)?.message ?? e);

/** Checks the data directory (writable, room left) and recent refusals for lack of space. */
export async function storageHealth(dataDir: string, minFreeBytes = MIN_FREE_BYTES): Promise<StorageHealth> {
  let freeBytes: number | undefined;
  try {
    ensureDirectory(dataDir);
    const s = await fs.statfs(dataDir);
    freeBytes = s.bavail * s.bsize;
  } catch (e) {
    return { storage: 'unavailable', cause: errorCode(e) };
  }
  const probe = path.join(dataDir, `.health-${process.pid}`);
  try {
    await fs.writeFile(probe, 'ok');
  } catch (e) {
    const code = errorCode(e);
    return {
      storage: code === 'ENOSPC' || code === 'EDQUOT' ? 'full' : code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'read_only' : 'unavailable',
      freeBytes,
      cause: code,
    };
  } finally {
    await fs.rm(probe, { force: true }).catch(() => undefined);
  }
  if (freeBytes < minFreeBytes) return { storage: 'full', freeBytes, cause: 'ENOSPC' };
  if (lastFullAt !== null && nowMs() - lastFullAt < FULL_REMEMBERED_MS) return { storage: 'full', freeBytes, cause: lastFullCause };
  return { storage: 'ok', freeBytes };
}

export interface Health {
  status: 'ok' | 'degraded' | 'unavailable';
  database: DatabaseHandle['kind'];
  storage: StorageState;
  cause?: string;
}

/**
 * The whole answer of /api/health and its status code. A database that does not answer is 503
 * (nothing works); storage that is full or read-only is 200 "degraded": reads still work, and
 * taking the process out of a load balancer or restarting it frees no space — monitoring alerts on
 * `status` and `storage`.
 */
export async function health(database: DatabaseHandle, dataDir: string): Promise<{ httpStatus: number; body: Health }> {
  const [ok, s] = await Promise.all([ping(database), storageHealth(dataDir)]);
  if (!ok) return { httpStatus: 503, body: { status: 'unavailable', database: database.kind, storage: s.storage, ...(s.cause ? { cause: s.cause } : {}) } };
  if (s.storage !== 'ok')
    return { httpStatus: 200, body: { status: 'degraded', database: database.kind, storage: s.storage, ...(s.cause ? { cause: s.cause } : {}) } };
  return { httpStatus: 200, body: { status: 'ok', database: database.kind, storage: 'ok' } };
}
