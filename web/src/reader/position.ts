// Where the reader left off in a meeting's package: on the server (GET/PUT
// /api/meetings/:id/reading-position) for a signed-in reader, in this browser otherwise — and
// also in this browser while the server has no such endpoint (404) or refuses it (anonymous).
import { api, ApiError } from '../api.ts';

const key = (meetingId: string, edition: string) => `raadslag.reader.${meetingId}.${edition}`;

function local(meetingId: string, edition: string): number | null {
  try {
    const n = Number(localStorage.getItem(key(meetingId, edition)));
    return Number.isInteger(n) && n >= 1 ? n : null;
  } catch {
    return null;
  }
}

/** The page to return to, or null. */
export async function loadPosition(meetingId: string, edition: string, signedIn: boolean): Promise<number | null> {
  if (!signedIn) return local(meetingId, edition);
  try {
    const r = await api<{ page: number | null }>('GET', `/api/meetings/${meetingId}/reading-position`);
    return r.page ?? null;
  } catch (e) {
    if (e instanceof ApiError && [401, 403, 404].includes(e.status)) return local(meetingId, edition);
    return null;
  }
}

const DELAY_MS = 800;

/** Remembers the page after the reader has stayed on it a moment (one PUT per pause, not per page scrolled past). */
export function positionSaver(meetingId: string, edition: string, signedIn: boolean) {
  let timer: number | undefined;
  let server = signedIn;
  const save = (page: number) => {
    try {
      localStorage.setItem(key(meetingId, edition), String(page));
    } catch {
      // Private mode: the server's copy (if any) is enough.
    }
    if (!server) return;
    api('PUT', `/api/meetings/${meetingId}/reading-position`, { page }).catch((e: unknown) => {
      if (e instanceof ApiError && [401, 403, 404].includes(e.status)) server = false;
    });
  };
  return {
    update(page: number) {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => save(page), DELAY_MS);
    },
    /** Saves a pending page at once (leaving the reader). */
    flush(page: number | null) {
      if (timer !== undefined && page !== null) {
        window.clearTimeout(timer);
        save(page);
      }
      timer = undefined;
    },
  };
}
