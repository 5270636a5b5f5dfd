// Every write of a note goes through this queue, kept in localStorage and keyed by the note's id (made
// here, so a note sent twice is stored once): it shows at once as "Gemmes…", survives a cut connection
// and a reload, and leaves the queue only when the server has answered 200/201. A refusal the user
// must see (a 4xx other than 401/408/429) stays on the note as an error instead of being retried.
import { useSyncExternalStore } from 'react';
import { ApiError, get } from '../api.ts';
import { deleteAnnotation, putAnnotation, type Annotation, type PutAnnotationBody } from './api.ts';

export interface QueueEntry {
  id: string;
  /** The user who wrote it: another user's session never sends it. */
  userId: string;
  op: 'put' | 'delete';
  body: PutAnnotationBody | null;
  queued: number;
  attempts: number;
  error: { status: number; code: string; reason?: string; params?: Record<string, string | number>; message: string } | null;
}

const KEY = 'raadslag.annotations.queue';
const RETRY_MS = 10_000;
const RETRIED = new Set([401, 408, 429]);

let entries: QueueEntry[] = read();
const listeners = new Set<() => void>();
const sentListeners = new Set<(id: string, result: Annotation | null) => void>();

function read(): QueueEntry[] {
  try {
    const raw = localStorage.getItem(KEY);
    const list = raw ? (JSON.parse(raw) as QueueEntry[]) : [];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function write(next: QueueEntry[]) {
  entries = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or unavailable: the entry still lives in memory until it is sent.
  }
  for (const l of listeners) l();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Told when the server has stored (result) or deleted (null) a queued note. */
export function onSent(listener: (id: string, result: Annotation | null) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

export const queued = () => entries;
export const useQueue = () => useSyncExternalStore(subscribe, queued);

export function enqueuePut(userId: string, id: string, body: PutAnnotationBody) {
  write([...entries.filter((e) => e.id !== id), { id, userId, op: 'put', body, queued: Date.now(), attempts: 0, error: null }]);
  void flush();
}

export function enqueueDelete(userId: string, id: string) {
  write([...entries.filter((e) => e.id !== id), { id, userId, op: 'delete', body: null, queued: Date.now(), attempts: 0, error: null }]);
  void flush();
}

/** Forgets a write the server refused (the note goes back to what the server has). */
export function discard(id: string) {
  write(entries.filter((e) => e.id !== id));
}

/** Tries a refused write once more (after the user has seen why). */
export function retry(id: string) {
  write(entries.map((e) => (e.id === id ? { ...e, error: null } : e)));
  void flush();
}

let flushing: Promise<void> | null = null;
let again = false;

/** Sends what waits, oldest first; one flush at a time (a call meanwhile makes it run once more). */
export function flush(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      again = false;
      await sendAll();
    } while (again);
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendAll() {
  if (!entries.some((e) => !e.error)) return;
  let userId: string | null;
  try {
    userId = (await get<{ user: { id: string } | null }>('/api/session')).user?.id ?? null;
  } catch {
    return; // Offline: the next 'online', interval or load tries again.
  }
  if (!userId) return;
  for (const entry of [...entries].sort((a, b) => a.queued - b.queued)) {
    if (entry.error || entry.userId !== userId) continue;
    try {
      const result = entry.op === 'put' && entry.body ? await putAnnotation(entry.id, entry.body) : (await deleteAnnotation(entry.id), null);
      settle(entry, null);
      for (const l of sentListeners) l(entry.id, result);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      // A note deleted that the server never had is as good as deleted.
      if (entry.op === 'delete' && status === 404) {
        settle(entry, null);
        for (const l of sentListeners) l(entry.id, null);
        continue;
      }
      if (status === 0 || status >= 500 || RETRIED.has(status)) {
        bump(entry);
        if (status === 0) return;
        continue;
      }
      const e = err as ApiError;
      settle(entry, { status, code: e.code, reason: e.reason, params: e.params, message: e.message });
    }
  }
}

/** Removes the entry (error null) or marks it refused, unless a newer write of the same note came meanwhile. */
function settle(entry: QueueEntry, error: QueueEntry['error']) {
  const current = entries.find((e) => e.id === entry.id);
  if (current && current.queued !== entry.queued) return;
  write(error ? entries.map((e) => (e === current ? { ...e, error } : e)) : entries.filter((e) => e !== current));
}

function bump(entry: QueueEntry) {
  write(entries.map((e) => (e.id === entry.id && e.queued === entry.queued ? { ...e, attempts: e.attempts + 1 } : e)));
}

// Tries again when the connection returns, every few seconds while something waits, and on load.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flush());
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) {
      entries = read();
      for (const l of listeners) l();
    }
  });
  window.setInterval(() => {
    if (entries.some((e) => !e.error)) void flush();
  }, RETRY_MS);
  void flush();
}
