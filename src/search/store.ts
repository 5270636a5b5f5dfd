// Search queries: the texts to index, read from their tables; the index rows written (FTS5 on
// SQLite, a tsvector with a GIN index on PostgreSQL); and the one search query, whose WHERE clause
// is the access policy (src/access/model.ts) written in SQL over the live rows.
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../db/connection.ts';
import { PUBLISHED_STATES } from '../access/model.ts';
import { dayOf, fts5Match, indexTerms, tsQuery, type Cursor, type QueryWord, type SearchDoc } from './model.ts';

type Q = Db | Tx;

export const isPostgres = (db: Q): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

// ---- The texts, from their tables ----

export const meetingSource = (db: Q, id: string) =>
  db.selectFrom('meetings').select(['id', 'organizationId', 'title', 'location', 'start', 'deleted']).where('id', '=', id).executeTakeFirst();

export const itemSources = (db: Q, where: { id?: string; meetingId?: string }) =>
  db
    .selectFrom('agendaItems as i')
    .innerJoin('meetings as m', 'm.id', 'i.meetingId')
    .select([
      'i.id',
      'i.meetingId',
      'm.organizationId',
      'm.start',
      'i.title',
      'i.subheading',
      'i.responsible',
      'i.purpose',
      'i.decision',
      'i.remarks',
      'i.outcomes',
      'i.publicTitle',
      'i.publicDecision',
      'i.deleted',
    ])
    .$if(!!where.id, (q) => q.where('i.id', '=', where.id!))
    .$if(!!where.meetingId, (q) => q.where('i.meetingId', '=', where.meetingId!))
    .execute();

/** The motions and dissents recorded on items (part of their minutes). */
export const voteTexts = (db: Q, itemIds: string[]) =>
  itemIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('voteEvents as e')
        .leftJoin('votes as v', 'v.voteEventId', 'e.id')
        .select(['e.agendaItemId', 'e.motion', 'v.dissent'])
        .where('e.agendaItemId', 'in', itemIds)
        .where('e.deleted', 'is', null)
        .execute();

export const proposalSource = (db: Q, id: string) =>
  db
    .selectFrom('proposals as p')
    .leftJoin('meetings as m', 'm.id', 'p.meetingId')
    .select([
      'p.id',
      'p.organizationId',
      'p.meetingId',
      'p.agendaItemId',
      'p.title',
      'p.caseNumber',
      'p.caseOfficerName',
      'p.proposalDate',
      'p.created',
      'p.deleted',
      'm.start as meetingStart',
    ])
    .select((eb) =>
      eb.selectFrom('proposalVersions as v').select('v.content').whereRef('v.proposalId', '=', 'p.id').orderBy('v.number', 'desc').limit(1).as('content'),
    )
    .where('p.id', '=', id)
    .executeTakeFirst();

export const attachmentSource = (db: Q, id: string) =>
  db
    .selectFrom('attachments as a')
    .leftJoin('agendaItems as i', 'i.id', 'a.agendaItemId')
    .leftJoin('proposals as p', 'p.id', 'a.proposalId')
    .leftJoin('meetings as m', (j) => j.on((eb) => eb('m.id', '=', eb.fn.coalesce('i.meetingId', 'p.meetingId'))))
    .select([
      'a.id',
      'a.agendaItemId',
      'a.proposalId',
      'a.title',
      'a.fileName',
      'a.extractedText',
      'a.created',
      'a.deleted',
      'p.organizationId as proposalOrganizationId',
      'p.agendaItemId as proposalItemId',
      'm.id as meetingId',
      'm.organizationId as meetingOrganizationId',
      'm.start as meetingStart',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();

export const followUpSource = (db: Q, id: string) =>
  db
    .selectFrom('followUps as f')
    .leftJoin('meetings as m', 'm.id', 'f.meetingId')
    .select(['f.id', 'f.organizationId', 'f.meetingId', 'f.agendaItemId', 'f.text', 'f.created', 'f.deleted', 'm.start as meetingStart'])
    .where('f.id', '=', id)
    .executeTakeFirst();

export const followUpNotes = (db: Q, id: string) => db.selectFrom('followUpNotes').select('text').where('followUpId', '=', id).orderBy('created').execute();

/** Ids of everything indexable, for a rebuild. */
export const allIds = async (db: Q) => ({
  meetings: (await db.selectFrom('meetings').select('id').where('deleted', 'is', null).execute()).map((r) => r.id),
  proposals: (await db.selectFrom('proposals').select('id').where('deleted', 'is', null).execute()).map((r) => r.id),
  attachments: (await db.selectFrom('attachments').select('id').where('deleted', 'is', null).execute()).map((r) => r.id),
  followUps: (await db.selectFrom('followUps').select('id').where('deleted', 'is', null).execute()).map((r) => r.id),
});

// ---- The index ----

/** PostgreSQL: the terms as a tsvector literal, each at a position of its own, the title's weighted A. */
function tsvectorOf(titleTerms: string[], bodyTerms: string[]): string {
  const positions = new Map<string, string[]>();
  let at = 0;
  const add = (term: string, weight: string) => {
    at = Math.min(at + 1, 16383);
    positions.set(term, [...(positions.get(term) ?? []), `${at}${weight}`]);
  };
  for (const t of titleTerms) add(t, 'A');
  for (const t of bodyTerms) add(t, '');
  return [...positions].map(([t, p]) => `'${t}':${p.slice(0, 2).join(',')}`).join(' ');
}

export async function removeDocuments(db: Q, where: { kind: string; sourceId: string }): Promise<void> {
  const rows = await db.selectFrom('searchDocuments').select('id').where('kind', '=', where.kind).where('sourceId', '=', where.sourceId).execute();
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  if (!isPostgres(db)) await sql`delete from search_fts where rowid in (${sql.join(ids)})`.execute(db);
  await db.deleteFrom('searchDocuments').where('id', 'in', ids).execute();
}

export async function insertDocuments(db: Q, docs: SearchDoc[]): Promise<void> {
  const pg = isPostgres(db);
  for (const d of docs) {
    const titleTerms = indexTerms(d.title);
    const bodyTerms = indexTerms(d.body);
    const row = { ...d, day: dayOf(d.date) };
    if (pg) {
      await db
        .insertInto('searchDocuments')
        .values({ ...row, terms: sql<string>`${tsvectorOf(titleTerms, bodyTerms)}::tsvector` as unknown as string })
        .execute();
    } else {
      const { id } = await db.insertInto('searchDocuments').values(row).returning('id').executeTakeFirstOrThrow();
      await sql`insert into search_fts (rowid, title, body) values (${id}, ${titleTerms.join(' ')}, ${bodyTerms.join(' ')})`.execute(db);
    }
  }
}

/** Where the documents of an owner now hang (an item moved to another meeting, a proposal scheduled). */
export async function moveDocuments(
  db: Q,
  where: { agendaItemId?: string; proposalId?: string; meetingId?: string },
  to: { meetingId?: string | null; organizationId?: string | null; date?: string },
): Promise<void> {
  const set = { ...to, ...(to.date ? { day: dayOf(to.date) } : {}) };
  let q = db.updateTable('searchDocuments').set(set);
  if (where.agendaItemId) q = q.where('agendaItemId', '=', where.agendaItemId);
  if (where.proposalId) q = q.where('proposalId', '=', where.proposalId);
  if (where.meetingId) q = q.where('meetingId', '=', where.meetingId);
  await q.execute();
}

export async function clearIndex(db: Q): Promise<void> {
  if (!isPostgres(db)) await sql`delete from search_fts`.execute(db);
  await db.deleteFrom('searchDocuments').execute();
}

export const indexVersion = async (db: Q) =>
  (await db.selectFrom('searchState').select('value').where('key', '=', 'version').executeTakeFirst())?.value ?? null;

export async function setIndexVersion(db: Q, value: string): Promise<void> {
  await db.deleteFrom('searchState').where('key', '=', 'version').execute();
  await db.insertInto('searchState').values({ key: 'version', value }).execute();
}

// ---- The search ----

/** What the policy needs to know about the viewer, as SQL can use it (null: anonymous). */
export interface ViewerFacts {
  userId: string;
  personId: string;
  isAdmin: boolean;
  /** Organizations where they sit (chair, member, secretary): closed items, unpublished meetings. */
  sits: string[];
  secretary: string[];
  /** Units they belong to (any role), and those they lead (more than an employee). */
  units: string[];
  leads: string[];
}

export interface SearchFilter {
  organizationId?: string;
  from?: string;
  to?: string;
  kind?: string;
  decided?: boolean;
}

export interface HitRow {
  id: number;
  kind: string;
  part: string;
  sourceId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  proposalId: string | null;
  date: string;
  title: string;
  body: string;
  rank: number;
  meetingTitle: string | null;
  itemTitle: string | null;
  itemPublicTitle: string | null;
  itemPosition: number | null;
}

const inList = (column: RawBuilder<unknown>, ids: string[]) => (ids.length === 0 ? sql`1 = 0` : sql`${column} in (${sql.join(ids)})`);

/** The access policy as a WHERE clause over d (the document), m, i, p, a, f (its live rows). */
function visibility(v: ViewerFacts | null): RawBuilder<unknown> {
  const published = sql`m.state in (${sql.join([...PUBLISHED_STATES])})`;
  const sits = (col: RawBuilder<unknown>) => (v?.isAdmin ? sql`1 = 1` : inList(col, v?.sits ?? []));
  const secretary = (col: RawBuilder<unknown>) => (v?.isAdmin ? sql`1 = 1` : inList(col, v?.secretary ?? []));
  const mOrg = sql.ref('m.organization_id');
  const pOrg = sql.ref('p.organization_id');
  const meetingReadable = sql`(m.id is not null and m.deleted is null and (${published} or ${sits(mOrg)}))`;
  const itemLive = sql`(i.id is not null and i.deleted is null)`;
  // A proposal's writers: its author, and the case officer named on it (by e-mail) working in its unit.
  const writer = v
    ? sql`(p.author_user_id = ${v.userId} or (${inList(sql.ref('p.unit_id'), v.units)} and (select o.id from persons o where lower(o.email) = lower(p.case_officer_email) and o.deleted is null order by o.created limit 1) = ${v.personId}))`
    : sql`1 = 0`;
  const sent = sql`(${itemLive} and m.deleted is null and ${published})`;
  const proposalReadable = sql`(p.id is not null and p.deleted is null and (${writer} or ${secretary(pOrg)} or (${sent} and (i.is_public = 1 or ${sits(pOrg)}))))`;
  const fOrg = sql.ref('f.organization_id');
  const followUp = v
    ? sql`(f.id is not null and f.deleted is null and (${sits(fOrg)} or f.owner_person_id = ${v.personId} or (case when i.id is not null and i.is_public = 0 then ${inList(sql.ref('f.owner_unit_id'), v.leads)} else ${inList(sql.ref('f.owner_unit_id'), v.units)} end)))`
    : sql`1 = 0`;
  return sql`(
    (d.kind = 'meeting' and ${meetingReadable})
    or (d.kind in ('item', 'minutes') and d.part = 'full' and ${meetingReadable} and ${itemLive} and (i.is_public = 1 or ${sits(mOrg)}))
    or (d.kind in ('item', 'minutes') and d.part = 'public' and ${meetingReadable} and ${itemLive} and i.is_public = 0 and not ${sits(mOrg)})
    or (d.kind = 'proposal' and ${proposalReadable})
    or (d.kind = 'attachment' and a.id is not null and a.deleted is null and (
      (a.agenda_item_id is not null and ${meetingReadable} and ${itemLive} and (${sits(mOrg)} or (i.is_public = 1 and a.is_public = 1)))
      or (a.proposal_id is not null and ${proposalReadable} and (a.is_public = 1 or ${writer} or ${sits(pOrg)}))))
    or (d.kind = 'followup' and ${followUp})
  )`;
}

function filters(f: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.organizationId) parts.push(sql`d.organization_id = ${f.organizationId}`);
  if (f.from) parts.push(sql`d.date >= ${f.from}`);
  if (f.to) parts.push(sql`d.date <= ${f.to}`);
  if (f.kind) parts.push(sql`d.kind = ${f.kind}`);
  if (f.decided === true) parts.push(sql`(i.id is not null and coalesce(i.decision, i.public_decision, '') <> '')`);
  if (f.decided === false) parts.push(sql`(i.id is not null and coalesce(i.decision, i.public_decision, '') = '')`);
  return parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `);
}

/**
 * One page of the documents the viewer may see that match every query word, best first (rank,
 * then newest id). The policy and the filters are in the WHERE clause: a page is never thinned.
 */
export async function searchDocuments(
  db: Q,
  words: QueryWord[],
  viewer: ViewerFacts | null,
  filter: SearchFilter,
  page: { after: Cursor | null; limit: number },
): Promise<HitRow[]> {
  const pg = isPostgres(db);
  let match: RawBuilder<unknown>;
  let rank: RawBuilder<unknown>;
  if (pg) {
    const q = tsQuery(words);
    match = sql`d.terms @@ ${q.any}::tsquery`;
    rank = sql`(d.day + case when d.terms @@ ${q.title}::tsquery then 3650 else 0 end + case when d.terms @@ ${q.exact}::tsquery then 730 else 0 end)`;
  } else {
    const q = fts5Match(words);
    match = sql`d.id in (select rowid from search_fts where search_fts match ${q.any})`;
    rank = sql`(d.day + case when d.id in (select rowid from search_fts where search_fts match ${q.title}) then 3650 else 0 end + case when d.id in (select rowid from search_fts where search_fts match ${q.exact}) then 730 else 0 end)`;
  }
  if (pg && !db.isTransaction)
    // JIT compiling this cheap but dearly estimated query cost more than running it (cf. OParl).
    return db.transaction().execute(async (tx) => {
      await sql`set local jit = off`.execute(tx);
      return searchDocuments(tx, words, viewer, filter, page);
    });
  const after = page.after ? sql`and (rank < ${page.after.rank} or (rank = ${page.after.rank} and id < ${page.after.id}))` : sql``;
  const result = await sql<HitRow>`
    select * from (
      select d.id, d.kind, d.part, d.source_id, d.meeting_id, d.agenda_item_id, d.proposal_id, d.date, d.title, d.body,
        m.title as meeting_title, i.title as item_title, i.public_title as item_public_title, i.position as item_position,
        ${rank} as rank
      from search_documents d
      left join meetings m on m.id = d.meeting_id
      left join agenda_items i on i.id = d.agenda_item_id
      left join proposals p on p.id = d.proposal_id
      left join attachments a on a.id = d.attachment_id
      left join follow_ups f on f.id = d.follow_up_id
      where ${match} and ${visibility(viewer)} and ${filters(filter)}
    ) hits
    where 1 = 1 ${after}
    order by rank desc, id desc
    limit ${page.limit}`.execute(db);
  return result.rows.map((r) => ({ ...r, rank: Number(r.rank), id: Number(r.id) }));
}
