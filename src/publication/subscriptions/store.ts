// Queries for e-mail subscriptions: the subscriptions, the publications recorded once, the
// deliveries (one e-mail each, claimed before sending), and the public facts a mail or feed tells.
import { PUBLISHED_STATES } from '../../access/model.ts';
import type { Db, Tx } from '../../db/connection.ts';
import type { PublicationKind, PublicItem, TopicKind } from './model.ts';

type Q = Db | Tx;
const published = [...PUBLISHED_STATES] as string[];

export const findByAddressTopic = (db: Q, email: string, topicKey: string) =>
  db.selectFrom('subscriptions').selectAll().where('email', '=', email).where('topicKey', '=', topicKey).executeTakeFirst();

/** The subscription a link's token belongs to (a confirmation's, or any e-mail's since). */
export const findByTokenHash = (db: Q, hash: string) =>
  db
    .selectFrom('subscriptionDeliveries as d')
    .innerJoin('subscriptions as s', 's.id', 'd.subscriptionId')
    .selectAll('s')
    .where('d.tokenHash', '=', hash)
    .executeTakeFirst();

/** Confirmation e-mails sent to an address since `since`, over every topic. */
export async function confirmationsSince(db: Q, email: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('subscriptionDeliveries as d')
    .innerJoin('subscriptions as s', 's.id', 'd.subscriptionId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.email', '=', email)
    .where('d.publicationId', 'is', null)
    .where('d.created', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Pending subscriptions past their time, and what hangs on them. */
export async function deleteExpired(db: Q, now: string): Promise<number> {
  const gone = db.selectFrom('subscriptions').select('id').where('confirmed', 'is', null).where('expires', '<', now);
  await db.deleteFrom('subscriptionDeliveries').where('subscriptionId', 'in', gone).execute();
  const r = await db.deleteFrom('subscriptions').where('confirmed', 'is', null).where('expires', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteSubscription(db: Q, id: string) {
  await db.deleteFrom('subscriptionDeliveries').where('subscriptionId', '=', id).execute();
  await db.deleteFrom('subscriptions').where('id', '=', id).execute();
}

/** The confirmed subscriptions of a topic kind (for a publication to be matched against). */
export const confirmedOf = (db: Q, kind: TopicKind, values?: string[]) =>
  values && values.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('subscriptions')
        .select(['id', 'email', 'topicKind', 'topicValue'])
        .where('topicKind', '=', kind)
        .where('confirmed', 'is not', null)
        .$if(!!values, (q) => q.where('topicValue', 'in', values!))
        .execute();

/** The distinct searches someone has confirmed a subscription to. */
export const confirmedQueries = async (db: Q): Promise<string[]> =>
  (await db.selectFrom('subscriptions').select('topicValue').distinct().where('topicKind', '=', 'search').where('confirmed', 'is not', null).execute()).map(
    (r) => r.topicValue,
  );

// ---- publications ----------------------------------------------------------------------------

export const meetingFacts = (db: Q, id: string) =>
  db
    .selectFrom('meetings as m')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .select([
      'm.id',
      'm.organizationId',
      'm.state',
      'm.publishedAt',
      'm.minutesApprovedAt',
      'm.deleted',
      'm.start',
      'm.location',
      'm.modified',
      'o.name as organizationName',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();

export const publicationsOfMeeting = (db: Q, meetingId: string) =>
  db.selectFrom('subscriptionPublications').select(['id', 'kind', 'publishedAt']).where('meetingId', '=', meetingId).execute();

/** Records a publication once; its id when this call recorded it, null when it was known. */
export async function recordPublication(db: Q, row: { id: string; meetingId: string; kind: PublicationKind; publishedAt: string; created: string }) {
  const r = await db
    .insertInto('subscriptionPublications')
    .values(row)
    .onConflict((oc) => oc.columns(['meetingId', 'kind', 'publishedAt']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? row.id : null;
}

export const findPublication = (db: Q, id: string) => db.selectFrom('subscriptionPublications').selectAll().where('id', '=', id).executeTakeFirst();

/** The subscriptions this publication's e-mail was already claimed for (sent, or being sent). */
export const deliveredTo = async (db: Q, publicationId: string): Promise<Set<string>> =>
  new Set(
    (await db.selectFrom('subscriptionDeliveries').select('subscriptionId').where('publicationId', '=', publicationId).execute()).map((r) => r.subscriptionId),
  );

/** Claims one e-mail; false when another worker already has. */
export async function claimDelivery(
  db: Q,
  row: { id: string; subscriptionId: string; publicationId: string | null; tokenHash: string; created: string },
): Promise<boolean> {
  const r = await db
    .insertInto('subscriptionDeliveries')
    .values({ ...row, state: 'sending' })
    .$if(row.publicationId !== null, (q) => q.onConflict((oc) => oc.columns(['publicationId', 'subscriptionId']).doNothing()))
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const markSent = (db: Q, id: string) => db.updateTable('subscriptionDeliveries').set({ state: 'sent' }).where('id', '=', id).execute();
/** An e-mail the SMTP server refused: unclaimed, so a retry sends it. */
export const unclaim = (db: Q, id: string) => db.deleteFrom('subscriptionDeliveries').where('id', '=', id).execute();

// ---- what the public reads ------------------------------------------------------------------

/** The items of meetings as rows the public titles are taken from. */
export async function itemsOf(db: Q, meetingIds: string[]): Promise<Map<string, PublicItem[]>> {
  const out = new Map<string, PublicItem[]>();
  if (meetingIds.length === 0) return out;
  const rows = await db
    .selectFrom('agendaItems')
    .select(['meetingId', 'position', 'title', 'publicTitle', 'isPublic'])
    .where('meetingId', 'in', meetingIds)
    .where('deleted', 'is', null)
    .orderBy('meetingId')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.meetingId) ?? [];
    list.push({ number: Number(r.position), title: r.isPublic === 1 ? r.title : '', publicTitle: r.publicTitle, public: r.isPublic === 1 });
    out.set(r.meetingId, list);
  }
  return out;
}

/** The case numbers on a meeting the public may read: proposals on its open items. */
export const publicCaseNumbers = async (db: Q, meetingId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('proposals as p')
      .innerJoin('agendaItems as i', 'i.id', 'p.agendaItemId')
      .select('p.caseNumber')
      .distinct()
      .where('i.meetingId', '=', meetingId)
      .where('i.deleted', 'is', null)
      .where('i.isPublic', '=', 1)
      .where('p.deleted', 'is', null)
      .where('p.caseNumber', 'is not', null)
      .execute()
  ).map((r) => r.caseNumber!.toUpperCase());

export interface PublishedMeetingRow {
  id: string;
  organizationId: string;
  organizationName: string;
  state: string;
  publishedAt: string | null;
  minutesApprovedAt: string | null;
  deleted: string | null;
  start: string;
  location: string | null;
  modified: string;
}

/** Published meetings (latest first), by body, by ids, or by a case number on an open item. */
export function publishedMeetings(db: Q, where: { organizationId?: string; ids?: string[]; caseNumber?: string }, limit: number) {
  if (where.ids && where.ids.length === 0) return Promise.resolve([] as PublishedMeetingRow[]);
  return db
    .selectFrom('meetings as m')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .select([
      'm.id',
      'm.organizationId',
      'o.name as organizationName',
      'm.state',
      'm.publishedAt',
      'm.minutesApprovedAt',
      'm.deleted',
      'm.start',
      'm.location',
      'm.modified',
    ])
    .where('m.deleted', 'is', null)
    .where('m.state', 'in', published)
    .where('m.publishedAt', 'is not', null)
    .$if(!!where.organizationId, (q) => q.where('m.organizationId', '=', where.organizationId!))
    .$if(!!where.ids, (q) => q.where('m.id', 'in', where.ids!))
    .$if(!!where.caseNumber, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('proposals as p')
            .innerJoin('agendaItems as i', 'i.id', 'p.agendaItemId')
            .select('p.id')
            .whereRef('i.meetingId', '=', 'm.id')
            .where('i.deleted', 'is', null)
            .where('i.isPublic', '=', 1)
            .where('p.deleted', 'is', null)
            .where((e) => e(e.fn('upper', ['p.caseNumber']), '=', where.caseNumber!)),
        ),
      ),
    )
    .orderBy('m.publishedAt', 'desc')
    .orderBy('m.id')
    .limit(limit)
    .execute() as Promise<PublishedMeetingRow[]>;
}

/** A political body (not a unit) by id, with its municipality's name. */
export const politicalBody = (db: Q, id: string) =>
  db
    .selectFrom('organizations as o')
    .innerJoin('bodies as b', 'b.id', 'o.bodyId')
    .select(['o.id', 'o.name', 'b.name as municipality'])
    .where('o.id', '=', id)
    .where('o.kind', '<>', 'unit')
    .where('o.deleted', 'is', null)
    .executeTakeFirst();
