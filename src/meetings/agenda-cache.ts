// Presented agendas, kept per meeting and audience (public / sees closed items) until the
// meeting's agenda version, start or end moves. The version is read from the database on every
// request, so several server processes on one PostgreSQL never serve a stale agenda.
// Rule for every writer: a change to an item or attachment of a meeting bumps
// meetings.agenda_version in the same transaction (store.claimAgendaVersion / touchMeeting).
import type { Db } from '../db/connection.ts';
import type { MeetingRow } from './store.ts';
import type { PresentedAgenda } from './view.ts';

const MAX_ENTRIES = 2000;

class AgendaCache {
  private readonly byDb = new WeakMap<Db, Map<string, { version: string; agenda: PresentedAgenda }>>();

  /** The cached agenda is shared between requests: callers must not mutate it. */
  async get(db: Db, meeting: MeetingRow, seesClosed: boolean, load: () => Promise<PresentedAgenda>): Promise<PresentedAgenda> {
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    const key = `${meeting.id}:${seesClosed ? 'full' : 'public'}`;
    const version = `${meeting.agendaVersion}|${meeting.start}|${meeting.end}`;
    const hit = entries.get(key);
    if (hit?.version === version) return hit.agenda;
    const agenda = await load();
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, { version, agenda });
    return agenda;
  }
}

export const agendaCache = new AgendaCache();
