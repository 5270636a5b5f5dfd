// Search queries: the texts to index, read from their tables; the index rows written (FTS5 on
// SQLite, a tsvector with a GIN index on PostgreSQL) with who may find them (audience.ts); and the
// one search query, whose WHERE clause is the access policy over those facts on the index row.
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../db/connection.ts';
import { NOBODY, type Audience, type OwnerRows } from './audience.ts';
import { bonusDays, dayOf, fts5Match, indexTerms, STRENGTHS, tsQuery, type Cursor, type QueryWord, type SearchDoc, type Strength } from './model.ts';

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

/** PostgreSQL: the terms as a tsvector literal, each at a position of its own (at most two kept). */
function tsvectorOf(terms: string[]): string {
  const positions = new Map<string, number[]>();
  terms.forEach((t, n) => {
    const at = positions.get(t) ?? [];
    if (at.length < 2) positions.set(t, [...at, Math.min(n + 1, 16383)]);
  });
  return [...positions].map(([t, p]) => `'${t}':${p.join(',')}`).join(' ');
}

export async function removeDocuments(db: Q, where: { kind: string; sourceId: string }): Promise<void> {
  const rows = await db.selectFrom('searchDocuments').select('id').where('kind', '=', where.kind).where('sourceId', '=', where.sourceId).execute();
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  if (!isPostgres(db)) await sql`delete from search_fts where rowid in (${sql.join(ids)})`.execute(db);
  await db.deleteFrom('searchTexts').where('id', 'in', ids).execute();
  await db.deleteFrom('searchDocuments').where('id', 'in', ids).execute();
}

/** New index rows; nobody finds them until `setAudience` says who may (the indexer, in the same transaction). */
export async function insertDocuments(db: Q, docs: SearchDoc[]): Promise<void> {
  const pg = isPostgres(db);
  for (const { body, ...d } of docs) {
    const titleTerms = indexTerms(d.title);
    const bodyTerms = indexTerms(body);
    const row = { ...d, day: dayOf(d.date) };
    const tsv = (terms: string[]) => sql<string>`${tsvectorOf(terms)}::tsvector` as unknown as string;
    const { id } = await db
      .insertInto('searchDocuments')
      .values(pg ? { ...row, titleTerms: tsv(titleTerms), terms: tsv([...titleTerms, ...bodyTerms]) } : row)
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('searchTexts').values({ id, body }).execute();
    if (!pg) await sql`insert into search_fts (rowid, title, body) values (${id}, ${titleTerms.join(' ')}, ${bodyTerms.join(' ')})`.execute(db);
  }
}

/** Which index rows a change touches: those hanging on a meeting, item, proposal or follow-up, one text, or all. */
export type Scope =
  { meetingId: string } | { agendaItemId: string } | { proposalId: string } | { followUpId: string } | { kind: string; sourceId: string } | 'all';

const AUDIENCE_COLUMNS = Object.keys(NOBODY) as (keyof Audience)[];

/** The index rows of a scope, with who may find them now and the live rows that decide it. */
export async function ownerRows(db: Q, scope: Scope): Promise<{ id: number; audience: Audience; owners: OwnerRows }[]> {
  const rows = await db
    .selectFrom('searchDocuments as d')
    .leftJoin('meetings as m', 'm.id', 'd.meetingId')
    .leftJoin('agendaItems as i', 'i.id', 'd.agendaItemId')
    .leftJoin('proposals as p', 'p.id', 'd.proposalId')
    .leftJoin('attachments as a', 'a.id', 'd.attachmentId')
    .leftJoin('followUps as f', 'f.id', 'd.followUpId')
    .select(['d.id', 'd.kind', 'd.part', ...AUDIENCE_COLUMNS.map((c) => `d.${c}` as const)])
    .select(['m.id as mId', 'm.deleted as mDeleted', 'm.state as mState', 'm.organizationId as mOrg'])
    .select(['i.id as iId', 'i.deleted as iDeleted', 'i.isPublic as iPublic', 'i.decision as iDecision', 'i.publicDecision as iPublicDecision'])
    .select([
      'p.id as pId',
      'p.deleted as pDeleted',
      'p.organizationId as pOrg',
      'p.authorUserId as pAuthor',
      'p.unitId as pUnit',
      'p.caseOfficerEmail as pOfficer',
    ])
    .select(['a.id as aId', 'a.deleted as aDeleted', 'a.isPublic as aPublic', 'a.agendaItemId as aItem'])
    .select(['f.id as fId', 'f.deleted as fDeleted', 'f.organizationId as fOrg', 'f.ownerPersonId as fPerson', 'f.ownerUnitId as fUnit'])
    .$if(scope !== 'all', (q) => {
      const w = scope as Exclude<Scope, 'all'>;
      if ('meetingId' in w) return q.where('d.meetingId', '=', w.meetingId);
      if ('agendaItemId' in w) return q.where('d.agendaItemId', '=', w.agendaItemId);
      if ('proposalId' in w) return q.where('d.proposalId', '=', w.proposalId);
      if ('followUpId' in w) return q.where('d.followUpId', '=', w.followUpId);
      return q.where('d.kind', '=', w.kind).where('d.sourceId', '=', w.sourceId);
    })
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    audience: Object.fromEntries(AUDIENCE_COLUMNS.map((c) => [c, r[c] ?? null])) as unknown as Audience,
    owners: {
      kind: r.kind,
      part: r.part,
      meeting: r.mId ? { deleted: r.mDeleted, state: r.mState!, organizationId: r.mOrg! } : null,
      item: r.iId ? { deleted: r.iDeleted, isPublic: Number(r.iPublic), decision: r.iDecision, publicDecision: r.iPublicDecision } : null,
      proposal: r.pId ? { deleted: r.pDeleted, organizationId: r.pOrg!, authorUserId: r.pAuthor, unitId: r.pUnit, caseOfficerEmail: r.pOfficer } : null,
      attachment: r.aId ? { deleted: r.aDeleted, isPublic: Number(r.aPublic), onItem: !!r.aItem } : null,
      followUp: r.fId ? { deleted: r.fDeleted, organizationId: r.fOrg!, ownerPersonId: r.fPerson, ownerUnitId: r.fUnit } : null,
    },
  }));
}

export async function setAudience(db: Q, ids: number[], audience: Audience): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('searchDocuments')
      .set(audience)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}

/** Where the documents of an owner now hang (an item moved to another meeting, a proposal scheduled). */
export async function moveDocuments(
  db: Q,
  where: { agendaItemId?: string; proposalId?: string; meetingId?: string },
  to: { meetingId?: string | null; agendaItemId?: string | null; organizationId?: string | null; date?: string },
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
  await db.deleteFrom('searchTexts').execute();
  await db.deleteFrom('searchDocuments').execute();
}

/** PostgreSQL, after a rebuild (outside its transaction): the rows the rebuild replaced cleared away, and fresh statistics. */
export async function vacuumIndex(db: Db): Promise<void> {
  if (isPostgres(db)) await sql`vacuum analyze search_documents`.execute(db);
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

/** The access policy as a WHERE clause over the index row d alone (its facts: audience.ts). */
function visibility(v: ViewerFacts | null): RawBuilder<unknown> {
  if (!v) return sql`d.everyone = 1`;
  const col = (name: string) => sql.ref(`d.${name}`);
  const sits = (c: RawBuilder<unknown>) => (v.isAdmin ? sql`${c} is not null` : inList(c, v.sits));
  const secretary = (c: RawBuilder<unknown>) => (v.isAdmin ? sql`${c} is not null` : inList(c, v.secretary));
  // The case officer named on a proposal (by e-mail) is the first live person with that address.
  const officer = sql`(select o.id from persons o where lower(o.email) = d.officer_email and o.deleted is null order by o.created limit 1)`;
  return sql`(
    (d.everyone = 1 and (d.hidden_from_org is null or not ${sits(col('hidden_from_org'))}))
    or ${sits(col('sitters_org'))}
    or ${secretary(col('secretaries_org'))}
    or d.writer_user_id = ${v.userId}
    or (d.writer_unit_id is not null and ${inList(col('writer_unit_id'), v.units)} and ${officer} = ${v.personId})
    or d.owner_person_id = ${v.personId}
    or (d.owner_unit_leads = 1 and ${inList(col('owner_unit_id'), v.leads)})
    or (d.owner_unit_leads = 0 and ${inList(col('owner_unit_id'), v.units)})
  )`;
}

function filters(f: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.organizationId) parts.push(sql`d.organization_id = ${f.organizationId}`);
  if (f.from) parts.push(sql`d.date >= ${f.from}`);
  if (f.to) parts.push(sql`d.date <= ${f.to}`);
  if (f.kind) parts.push(sql`d.kind = ${f.kind}`);
  if (f.decided !== undefined) parts.push(sql`d.decided = ${f.decided ? 1 : 0}`);
  return parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `);
}

/** A document's strength as SQL: whether every word is exact, in the title (any term) and in the title exactly. */
interface StrengthSql {
  exact: RawBuilder<unknown>;
  title: RawBuilder<unknown>;
  titleExact: RawBuilder<unknown>;
  /** Some word is a compound: a match may be only through its parts (else every match is exact). */
  compound: boolean;
}

/** The strengths a query's matches can have (model.ts:STRENGTHS), best first. */
const strengthsOf = (s: StrengthSql) => STRENGTHS.filter((x) => x.exact || s.compound);

/**
 * The condition that a document has strength x (the strengths are disjoint). The whole query in
 * the title implies the rest (the title's terms are the text's too), so it is asked alone.
 */
function hasStrength(s: StrengthSql, x: Strength): RawBuilder<unknown> {
  if (x.exact && x.title) return s.titleExact;
  const title = x.exact ? s.titleExact : s.title;
  const parts = [s.compound ? (x.exact ? s.exact : sql`not ${s.exact}`) : null, x.title ? title : sql`not ${title}`];
  return sql.join(
    parts.filter((p): p is RawBuilder<unknown> => p !== null),
    sql` and `,
  );
}

/** A value per strength, as one SQL expression (a case on the strengths, in model.ts's order). */
function byStrength(s: StrengthSql, f: (x: Strength) => RawBuilder<unknown>): RawBuilder<unknown> {
  const at = (exact: boolean) => sql`case when ${exact ? s.titleExact : s.title} then ${f({ exact, title: true })} else ${f({ exact, title: false })} end`;
  return s.compound ? sql`case when ${s.exact} then ${at(true)} else ${at(false)} end` : at(true);
}

/**
 * PostgreSQL: which days can still reach the page, so only those candidates are ranked. Each
 * strength adds its own bonus to a document's day, so when `limit` documents of one strength are
 * on or after day D, the page's ranks are all at least D plus that bonus; of the greatest such
 * rank R, a document of strength x can reach the page only from day R − bonus(x). The days D are
 * the newest found through the index on (day, id) (a common word stops after a few rows), the
 * strongest first: each next walk stops at the day where its strength can no longer raise R (a
 * strength with no documents would otherwise walk the whole index). A strength in the title asks
 * only the title's index (it implies the match). The page is the same as ranking every candidate.
 * The answer is R, the least rank that can reach the page (null: no strength has `limit`
 * documents after the cursor, nothing to bound by).
 */
async function rankWindow(
  db: Q,
  match: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  strength: StrengthSql,
  page: { after: Cursor | null; limit: number },
): Promise<number | null> {
  let least: number | null = null;
  for (const x of strengthsOf(strength)) {
    const bonus = bonusDays(x);
    // Below the cursor, for a row whose rank is its day + bonus: by key on (day, id).
    const after = page.after ? sql`and (d.day, d.id) < (${page.after.rank - bonus}, ${page.after.id})` : sql``;
    const reach = least === null ? sql`` : sql`and d.day >= ${least - bonus}`;
    const found = await sql<{ day: number }>`select d.day from search_documents d
      where ${x.title ? sql`` : sql`${match} and`} ${where} and ${hasStrength(strength, x)} ${after} ${reach}
      order by d.day desc, d.id desc limit 1 offset ${page.limit - 1}`.execute(db);
    if (found.rows.length > 0) least = Math.max(least ?? -Infinity, Number(found.rows[0].day) + bonus);
  }
  return least;
}

/**
 * One page of the documents the viewer may see that match every query word, best first (rank,
 * then newest id). The policy and the filters are in the WHERE clause on the index row: a page is
 * never thinned. Ranked and cut inside the index; only the page's rows are joined to their
 * meeting and item and carry their text.
 */
export async function searchDocuments(
  db: Q,
  words: QueryWord[],
  viewer: ViewerFacts | null,
  filter: SearchFilter,
  page: { after: Cursor | null; limit: number },
): Promise<HitRow[]> {
  const pg = isPostgres(db);
  // Every word found as written: the same as matching when no word is a compound (nothing to ask).
  const compound = words.some((w) => w.terms.length > 1);
  let match: RawBuilder<unknown>;
  let strength: StrengthSql;
  let exactQuery = '';
  if (pg) {
    const q = tsQuery(words);
    match = sql`d.terms @@ ${q.any}::tsquery`;
    exactQuery = q.exact;
    // Asked of each row by the window's walks (a few rows each).
    strength = {
      exact: sql`d.terms @@ ${q.exact}::tsquery`,
      title: sql`d.title_terms @@ ${q.title}::tsquery`,
      titleExact: sql`d.title_terms @@ ${q.titleExact}::tsquery`,
      compound,
    };
  } else {
    const q = fts5Match(words);
    // The match drives the query, joined to its rows (an IN list of a common word's rows costs 6× the join);
    // the other questions are sets, asked once each (per row, a full-text lookup is dearer still).
    const fts = (expr: string) => sql`d.id in (select rowid from search_fts where search_fts match ${expr})`;
    match = sql`search_fts match ${q.any}`;
    const title = fts(q.title);
    strength = { exact: fts(q.exact), title, titleExact: compound ? fts(q.titleExact) : title, compound };
  }
  if (pg && !db.isTransaction)
    // JIT compiling this cheap but dearly estimated query cost more than running it (cf. OParl).
    // The terms are read through the GIN indexes only: a sequential scan (chosen for a common word)
    // would unpack every row's tsvector, 3× slower than the bitmap of the index.
    return db.transaction().execute(async (tx) => {
      await sql`select set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true)`.execute(tx);
      return searchDocuments(tx, words, viewer, filter, page);
    });
  const where = sql`${visibility(viewer)} and ${filters(filter)}`;
  let window = sql``;
  const outer: RawBuilder<unknown>[] = [];
  if (pg) {
    const least = await rankWindow(db, match, where, strength, page);
    const from = least === null ? null : least - Math.max(...strengthsOf(strength).map(bonusDays));
    if (least !== null) {
      window = sql`and d.day >= ${from}`;
      outer.push(sql`rank >= ${least}`);
    }
    // Whether a candidate is exact, asked of the index once as a set within the window's days: per
    // row it would unpack each candidate's terms (an attachment's run to thousands; 3× slower).
    if (compound)
      strength = {
        ...strength,
        exact: sql`d.id in (select e.id from search_documents e where e.terms @@ ${exactQuery}::tsquery ${from === null ? sql`` : sql`and e.day >= ${from}`})`,
      };
  }
  const rank = sql`(d.day + ${byStrength(strength, (x) => sql.lit(bonusDays(x)))})`;
  if (page.after) outer.push(sql`(rank < ${page.after.rank} or (rank = ${page.after.rank} and id < ${page.after.id}))`);
  // PostgreSQL: the candidates ranked once (offset 0 keeps the conditions on rank out of the inner query, which would rank twice).
  const result = await sql<HitRow>`
    select d.id, d.kind, d.part, d.source_id, d.meeting_id, d.agenda_item_id, d.proposal_id, d.date, d.title, t.body,
      m.title as meeting_title, i.title as item_title, i.public_title as item_public_title, i.position as item_position, top.rank
    from (
      select id, rank from (
        select d.id, ${rank} as rank from ${pg ? sql`search_documents d` : sql`search_fts join search_documents d on d.id = search_fts.rowid`}
        where ${match} and ${where} ${window}
        ${pg && outer.length > 0 ? sql`offset 0` : sql``}
      ) candidates
      ${outer.length === 0 ? sql`` : sql`where ${sql.join(outer, sql` and `)}`}
      order by rank desc, id desc
      limit ${page.limit}
    ) top
    join search_documents d on d.id = top.id
    join search_texts t on t.id = top.id
    left join meetings m on m.id = d.meeting_id
    left join agenda_items i on i.id = d.agenda_item_id
    order by top.rank desc, top.id desc`.execute(db);
  return result.rows.map((r) => ({ ...r, rank: Number(r.rank), id: Number(r.id) }));
}
