// Fixtures for the annotation tests: the committee's published meeting, members of party groups, a note's body.
import type { TestApp } from './app.ts';
import { newId } from '../../src/lib/ids.ts';
import { nowIso } from '../../src/lib/time.ts';

export interface Fixture {
  meetingId: string;
  organizationId: string;
  openItemId: string;
  closedItemId: string;
  attachmentId: string;
  otherMeetingItemId: string;
  persons: Record<string, string>;
}

/** The committee's published meeting of 7 December 2026 (one closed item), and its people. */
export async function fixture(t: TestApp): Promise<Fixture> {
  const db = t.db.handle.db;
  const meeting = await db
    .selectFrom('meetings')
    .innerJoin('organizations as o', 'o.id', 'meetings.organizationId')
    .select(['meetings.id', 'meetings.organizationId'])
    .where('o.kind', '=', 'committee')
    .where('meetings.state', '=', 'agenda_published')
    .executeTakeFirstOrThrow();
  const items = await db.selectFrom('agendaItems').select(['id', 'isPublic']).where('meetingId', '=', meeting.id).orderBy('position').execute();
  const other = await db.selectFrom('agendaItems').select('id').where('meetingId', '<>', meeting.id).executeTakeFirstOrThrow();
  const openItemId = items.find((i) => i.isPublic === 1)!.id;
  const attachment = await db
    .selectFrom('attachments')
    .select('id')
    .where(
      'agendaItemId',
      'in',
      items.filter((i) => i.isPublic === 1).map((i) => i.id),
    )
    .executeTakeFirstOrThrow();
  const people = await db.selectFrom('users').select(['username', 'personId']).execute();
  return {
    meetingId: meeting.id,
    organizationId: meeting.organizationId,
    openItemId,
    closedItemId: items.find((i) => i.isPublic === 0)!.id,
    attachmentId: attachment.id,
    otherMeetingItemId: other.id,
    persons: Object.fromEntries(people.map((p) => [p.username, p.personId])),
  };
}

/** A user who sits in the body as a member of a party group (validTo: the last day of the membership). */
export async function addMember(t: TestApp, f: Fixture, username: string, groupName: string, opts: { validTo?: string; email?: string } = {}) {
  const db = t.db.handle.db;
  const now = nowIso();
  const life = { created: now, modified: now, deleted: null };
  const { passwordHash } = await db.selectFrom('users').select('passwordHash').where('username', '=', 'medlem').executeTakeFirstOrThrow();
  const { bodyId } = await db.selectFrom('persons').select('bodyId').limit(1).executeTakeFirstOrThrow();
  const personId = newId();
  await db
    .insertInto('persons')
    .values({
      id: personId,
      bodyId,
      name: `Test ${username}`,
      initials: username.slice(0, 2).toUpperCase(),
      email: opts.email ?? `${username}@raadslag.invalid`,
      ...life,
    })
    .execute();
  await db
    .insertInto('memberships')
    .values({ id: newId(), personId, organizationId: f.organizationId, role: 'member', groupName, validFrom: null, validTo: opts.validTo ?? null, ...life })
    .execute();
  const userId = newId();
  await db
    .insertInto('users')
    .values({ id: userId, personId, username, passwordHash, isAdmin: 0, ...life })
    .execute();
  f.persons[username] = personId;
  return { personId, userId };
}

export const itemNote = (f: Fixture, body: string, extra: Record<string, unknown> = {}) => ({
  meetingId: f.meetingId,
  agendaItemId: f.openItemId,
  target: 'item',
  kind: 'note',
  visibility: 'private',
  body,
  ...extra,
});
