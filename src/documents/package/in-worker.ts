// The meeting package is assembled in a worker thread: a 1,000-page package keeps a thread busy for
// 100–300 ms, which must not stall the server's other requests (live viewers, above all). The worker
// stops when idle for a while, giving its memory back (bench:package prints the process's peak).
import { Worker } from 'node:worker_threads';
import type { PackageLayout } from './assemble.ts';
import type { PackageInput } from './model.ts';
import { PackageError, type PackageErrorCode } from './sources.ts';

/**
 * V8 limits for the worker: a small young generation makes garbage go early, which keeps the peak
 * down (bench:package: ~210 MB against ~300 MB uncapped); PDF bytes live outside the heap, so the
 * old generation holds only parsed objects, with room for packages far larger than the benchmark's.
 */
const LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 2 };

/** An idle worker is stopped after this long; the next package starts a new one (~0.3 s). */
const IDLE_MS = 30_000;

type Reply = { id: number; pdf?: Uint8Array; layout?: PackageLayout; error?: { code?: PackageErrorCode; part?: string; message: string } };

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = new Worker(new URL('./worker-entry.mjs', import.meta.url), { resourceLimits: LIMITS });
  w.on('message', (r: Reply) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (r.pdf) p.resolve(r);
    else if (r.error?.code) p.reject(new PackageError(r.error.code, r.error.part ?? '', r.error.message));
    else p.reject(new Error(r.error?.message ?? 'the package worker failed'));
    if (pending.size === 0) {
      w.unref();
      idleTimer = setTimeout(() => void stopPackageWorker(), IDLE_MS).unref();
    }
  });
  // A crash (e.g. out of memory) fails what it was doing; the next package starts a new worker.
  const fail = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    if (worker === w) worker = undefined;
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the package worker stopped (exit code ${code})`)));
  return w;
}

/** Assembles the package in the worker thread (see assemble.ts for what it holds); fills `layout` when given. */
export function assembleInWorker(input: PackageInput, layout?: PackageLayout): Promise<Uint8Array> {
  clearTimeout(idleTimer);
  worker ??= start();
  const w = worker;
  w.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const done = (r: Reply) => {
      if (layout && r.layout) Object.assign(layout, r.layout);
      resolve(r.pdf!);
    };
    pending.set(id, { resolve: done, reject });
    w.postMessage({ id, input });
  });
}

/** Stops the worker (tests and shutdown); the next package starts a new one. */
export async function stopPackageWorker(): Promise<void> {
  clearTimeout(idleTimer);
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
