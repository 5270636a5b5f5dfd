// The queries behind OParl. What the public may see is decided here, in SQL: a row says whether it
// is `live` (public now) and carries its content only then; rows that once were public and no longer
// are (deleted, or withdrawn: a meeting taken back, an item closed) come back as tombstones.
import { PostgresAdapter, sql, type ExpressionBuilder, type ExpressionWrapper, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { PUBLISHED_STATES } from '../../access/model.ts';
import type { ListQuery } from './model.ts';
import { includesDeleted, storedInstant } from './model.ts';

// The aliased joins below are typed loosely; every column named here exists in db/schema.ts.
type Eb = ExpressionBuilder<any, any>;
type AnyQuery = SelectQueryBuilder<Database, any, any>;

const published = [...PUBLISHED_STATES] as string[];
const POLITICAL_ROLES = ['chair', 'member'];

type Instant = ExpressionWrapper<any, any, any>;

/** The latest of stored instants (columns that may be null: those count as none), in SQL (ISO UTC text compares as time). */
const latestOf = (eb: Eb, columns: string[]): Instant =>
  columns.map((c) => eb.fn.coalesce(eb.ref(c), sql<string>`''`)).reduce((a: Instant, b: Instant) => eb.case().when(a, '>', b).then(a).else(b).end());

/**
 * When a row last changed as the public sees it: its own time while public; once withdrawn, also when
 * what it hangs on changed (an item closed, a meeting deleted), so a sync with modified_since sees it go.
 */
const modifiedAsSeen = (eb: Eb, live: ReturnType<Eb['and']>, own: string, parents: string[]) =>
  eb
    .case()
    .when(live)
    .then(eb.ref(own))
    .else(latestOf(eb, [own, ...parents]))
    .end();

const flag = (eb: Eb, cond: ReturnType<Eb['and']>) => eb.case().when(cond).then(1).else(0).end();

/** A meeting the public sees now: its agenda is out (or it was, and the meeting was cancelled). */
const meetingLive = (eb: Eb) =>
  eb.and([
    eb('m.deleted', 'is', null),
    eb.or([eb('m.state', 'in', published), eb.and([eb('m.state', '=', 'cancelled'), eb('m.publishedAt', 'is not', null)])]),
  ]);
/** A meeting with an agenda the public may see (not a cancelled one). */
const meetingShowsAgenda = (eb: Eb) => eb.and([eb('m.deleted', 'is', null), eb('m.state', 'in', published)]);
/** A meeting the public has seen: only these can leave tombstones (a never-published one is never named). */
const meetingOnceSeen = (eb: Eb) => eb.or([eb('m.publishedAt', 'is not', null), eb('m.state', 'in', published)]);

// ---- the row sources --------------------------------------------------------------------------------

const meetingRows = (db: Db) =>
  db
    .selectFrom('meetings as m')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .select((eb) => [
      'm.id as key',
      'o.bodyId',
      'm.organizationId',
      'm.title',
      'm.start',
      'm.end',
      'm.location',
      'm.state',
      'm.created',
      'm.modified',
      flag(eb, meetingLive(eb)).as('live'),
    ])
    .where(meetingOnceSeen);

export interface MeetingRow {
  key: string;
  bodyId: string;
  organizationId: string;
  title: string;
  start: string;
  end: string;
  location: string | null;
  state: string;
  created: string;
  modified: string;
  live: number;
}

const itemLive = (eb: Eb) => eb.and([eb('i.deleted', 'is', null), meetingShowsAgenda(eb)]);
const isOpen = (eb: Eb) => eb('i.isPublic', '=', 1);

/** Agenda items: a closed item by its public title and publishable decision only, chosen here. */
const itemRows = (db: Db) =>
  db
    .selectFrom('agendaItems as i')
    .innerJoin('meetings as m', 'm.id', 'i.meetingId')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .select((eb) => [
      'i.id as key',
      'o.bodyId',
      'i.meetingId',
      'i.isPublic',
      eb.case().when(isOpen(eb)).then(eb.ref('i.title')).else(eb.ref('i.publicTitle')).end().as('name'),
      eb.case().when(isOpen(eb)).then(eb.ref('i.decision')).else(eb.ref('i.publicDecision')).end().as('resolution'),
      eb.case().when(isOpen(eb)).then(eb.ref('i.method')).else(null).end().as('method'),
      'i.actualStart',
      'i.actualEnd',
      eb
        .selectFrom('agendaItems as before')
        .select((b) => b.fn.countAll().as('n'))
        .whereRef('before.meetingId', '=', 'i.meetingId')
        .where('before.deleted', 'is', null)
        .whereRef('before.position', '<=', 'i.position')
        .as('number'),
      'i.created',
      modifiedAsSeen(eb, itemLive(eb), 'i.modified', ['m.modified']).as('modified'),
      flag(eb, itemLive(eb)).as('live'),
    ])
    .where(meetingOnceSeen);

export interface ItemRow {
  key: string;
  bodyId: string;
  meetingId: string;
  isPublic: number;
  name: string | null;
  resolution: string | null;
  method: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  number: number | string;
  created: string;
  modified: string;
  live: number;
}

/**
 * A public file: a public attachment with a file, on an open item of a meeting whose agenda is out,
 * or on a proposal that sits on such an item (what the anonymous reader of /api/attachments/:id gets).
 */
const fileLive = (eb: Eb) =>
  eb.and([
    eb('a.deleted', 'is', null),
    eb('a.isPublic', '=', 1),
    eb('a.fileName', 'is not', null),
    meetingShowsAgenda(eb),
    eb('i.deleted', 'is', null),
    eb('i.isPublic', '=', 1),
    eb.or([eb('a.agendaItemId', 'is not', null), eb('p.deleted', 'is', null)]),
  ]);

const fileRows = (db: Db) =>
  db
    .selectFrom('attachments as a')
    .leftJoin('proposals as p', 'p.id', 'a.proposalId')
    // The item that shows the file: its own, or its proposal's.
    .innerJoin('agendaItems as i', (j) => j.on((eb) => eb('i.id', '=', eb.fn.coalesce('a.agendaItemId', 'p.agendaItemId'))))
    .innerJoin('meetings as m', 'm.id', 'i.meetingId')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .select((eb) => {
      const live = fileLive(eb);
      const ifLive = (col: string) =>
        (eb as Eb)
          .case()
          .when(live)
          .then((eb as Eb).ref(col))
          .else(null)
          .end();
      return [
        'a.id as key',
        'o.bodyId',
        'm.id as meetingId',
        'a.agendaItemId',
        'a.proposalId',
        ifLive('a.title').as('title'),
        ifLive('a.fileName').as('fileName'),
        ifLive('a.mediaType').as('mediaType'),
        ifLive('a.byteSize').as('byteSize'),
        eb
          .case()
          .when(eb('a.pdfSha256', 'is not', null))
          .then(1)
          .else(0)
          .end()
          .as('hasPdf'),
        'a.created',
        modifiedAsSeen(eb, live, 'a.modified', ['p.modified', 'i.modified', 'm.modified']).as('modified'),
        flag(eb, live).as('live'),
      ];
    })
    .where(meetingOnceSeen)
    // A name without a file never was a File.
    .where('a.sha256', 'is not', null);

export interface FileRow {
  key: string;
  bodyId: string;
  meetingId: string;
  agendaItemId: string | null;
  proposalId: string | null;
  title: string | null;
  fileName: string | null;
  mediaType: string | null;
  byteSize: number | string | null;
  hasPdf: number;
  created: string;
  modified: string;
  live: number;
}

/** A proposal is public once sent with the agenda on an open item (access/model.ts canReadProposal, for the public). */
const consultationLive = (eb: Eb) => eb.and([eb('p.deleted', 'is', null), eb('i.deleted', 'is', null), eb('i.isPublic', '=', 1), meetingShowsAgenda(eb)]);

/**
 * One case, several meetings: the proposals that share a case number in a body are one Paper, keyed
 * by the first of them ever written (stable, and names nothing); a proposal without one is its own.
 */
const paperKey = (eb: Eb) =>
  eb
    .case()
    .when('p.caseNumber', 'is', null)
    .then(eb.ref('p.id'))
    .else(
      eb
        .selectFrom('proposals as first')
        .innerJoin('organizations as fo', 'fo.id', 'first.organizationId')
        .select('first.id')
        .whereRef('first.caseNumber', '=', 'p.caseNumber')
        .whereRef('fo.bodyId', '=', 'o.bodyId')
        .orderBy('first.created')
        .orderBy('first.id')
        .limit(1),
    )
    .end();

/** Each proposal placed on an agenda item is a Consultation: the case before one body at one meeting. */
const consultationRows = (db: Db) =>
  db
    .selectFrom('proposals as p')
    .innerJoin('agendaItems as i', 'i.id', 'p.agendaItemId')
    .innerJoin('meetings as m', 'm.id', 'i.meetingId')
    .innerJoin('organizations as o', 'o.id', 'p.organizationId')
    .select((eb) => {
      const live = consultationLive(eb);
      const ifLive = (col: string) =>
        (eb as Eb)
          .case()
          .when(live)
          .then((eb as Eb).ref(col))
          .else(null)
          .end();
      return [
        'p.id as key',
        paperKey(eb).as('paperKey'),
        'o.bodyId',
        'p.organizationId',
        'o.kind as organizationKind',
        'p.unitId',
        ifLive('p.title').as('title'),
        ifLive('p.caseNumber').as('caseNumber'),
        ifLive('p.proposalDate').as('proposalDate'),
        ifLive('i.method').as('method'),
        'p.state',
        'p.agendaItemId',
        'm.id as meetingId',
        'm.start as meetingStart',
        'p.created',
        // The consultation changes with its proposal, its item (closed: withdrawn) and its meeting (deleted).
        latestOf(eb, ['p.modified', 'i.modified', 'm.modified']).as('modified'),
        flag(eb, live).as('live'),
      ];
    })
    .where(meetingOnceSeen);

export interface ConsultationRow {
  key: string;
  paperKey: string;
  bodyId: string;
  organizationId: string;
  organizationKind: string;
  unitId: string | null;
  title: string | null;
  caseNumber: string | null;
  proposalDate: string | null;
  method: string | null;
  state: string;
  agendaItemId: string;
  meetingId: string;
  meetingStart: string;
  created: string;
  modified: string;
  live: number;
}

/** The body of the proposal `pp` (a subquery: the list of papers reads proposals alone, in key order). */
const ppBody = (eb: Eb) => eb.selectFrom('organizations as po').select('po.bodyId').whereRef('po.id', '=', 'pp.organizationId');

/** The consultations of the paper keyed by proposal `pp`: its case's proposals on agendas the public saw. */
const caseConsultations = (eb: Eb) =>
  eb
    .selectFrom('proposals as p')
    .innerJoin('agendaItems as i', 'i.id', 'p.agendaItemId')
    .innerJoin('meetings as m', 'm.id', 'i.meetingId')
    .innerJoin('organizations as o', 'o.id', 'p.organizationId')
    .where(meetingOnceSeen)
    .where((w) =>
      w.or([
        w.and([w('pp.caseNumber', 'is', null), w('p.id', '=', w.ref('pp.id'))]),
        w.and([w('p.caseNumber', '=', w.ref('pp.caseNumber')), w('o.bodyId', '=', ppBody(w))]),
      ]),
    );

/**
 * A Paper is keyed by the first proposal of its case (paperKey) and live while one of its
 * consultations is. Read from that first proposal, so a page of papers is a page of proposals by id.
 */
const paperRows = (db: Db) =>
  db
    .selectFrom('proposals as pp')
    .select((eb) => [
      'pp.id as key',
      ppBody(eb).as('bodyId'),
      caseConsultations(eb)
        .select((s) => s.fn.min('p.created').as('c'))
        .as('created'),
      caseConsultations(eb)
        .select((s) => s.fn.max(latestOf(s, ['p.modified', 'i.modified', 'm.modified'])).as('m'))
        .as('modified'),
      flag(eb, eb.and([eb.exists(caseConsultations(eb).where(consultationLive).select('p.id'))])).as('live'),
    ])
    .where((eb) =>
      eb.or([
        eb('pp.caseNumber', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('proposals as earlier')
              .innerJoin('organizations as eo', 'eo.id', 'earlier.organizationId')
              .select('earlier.id')
              .whereRef('earlier.caseNumber', '=', 'pp.caseNumber')
              .where('eo.bodyId', '=', ppBody(eb))
              .where((w) =>
                w.or([
                  w('earlier.created', '<', w.ref('pp.created')),
                  w.and([w('earlier.created', '=', w.ref('pp.created')), w('earlier.id', '<', w.ref('pp.id'))]),
                ]),
              ),
          ),
        ),
      ]),
    )
    // Only a case the public has seen on an agenda (a scalar test, not a join: read per proposal, in key order).
    .where((eb) =>
      eb(
        caseConsultations(eb).select((s) => s.fn.min('p.created').as('c')),
        'is not',
        null,
      ),
    );

export interface PaperRow {
  key: string;
  bodyId: string;
  created: string;
  modified: string;
  live: number;
}

const organizationRows = (db: Db) =>
  db
    .selectFrom('organizations as o')
    .select((eb) => [
      'o.id as key',
      'o.bodyId',
      'o.name',
      'o.shortName',
      'o.kind',
      'o.parentId',
      'o.created',
      'o.modified',
      flag(eb, eb.and([eb('o.deleted', 'is', null)])).as('live'),
    ]);

export interface OrganizationRow {
  key: string;
  bodyId: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  created: string;
  modified: string;
  live: number;
}

/**
 * The public knows who sits in its bodies: a chair's or member's seat in a political body (not a
 * secretary's, not a unit's employees). Name, seat and party group; never an e-mail.
 */
const politicalSeat = (eb: Eb, ms: string, o: string) => eb.and([eb(`${ms}.role`, 'in', POLITICAL_ROLES), eb(`${o}.kind`, '<>', 'unit')]);
const membershipLive = (eb: Eb) => eb.and([eb('ms.deleted', 'is', null), eb('o.deleted', 'is', null), eb('pe.deleted', 'is', null)]);

const membershipRows = (db: Db) =>
  db
    .selectFrom('memberships as ms')
    .innerJoin('organizations as o', 'o.id', 'ms.organizationId')
    .innerJoin('persons as pe', 'pe.id', 'ms.personId')
    .select((eb) => [
      'ms.id as key',
      'o.bodyId',
      'ms.personId',
      'ms.organizationId',
      'ms.role',
      'ms.groupName',
      'ms.validFrom',
      'ms.validTo',
      'ms.created',
      modifiedAsSeen(eb, membershipLive(eb), 'ms.modified', ['o.modified', 'pe.modified']).as('modified'),
      flag(eb, membershipLive(eb)).as('live'),
    ])
    .where((eb) => politicalSeat(eb, 'ms', 'o'));

export interface MembershipRow {
  key: string;
  bodyId: string;
  personId: string;
  organizationId: string;
  role: string;
  groupName: string | null;
  validFrom: string | null;
  validTo: string | null;
  created: string;
  modified: string;
  live: number;
}

const seats = (eb: Eb, live: boolean) => {
  let q = eb
    .selectFrom('memberships as ms')
    .innerJoin('organizations as o', 'o.id', 'ms.organizationId')
    .innerJoin('persons as pe', 'pe.id', 'ms.personId')
    .whereRef('ms.personId', '=', 'p.id')
    .where((w) => politicalSeat(w, 'ms', 'o'));
  if (live) q = q.where(membershipLive);
  return q;
};

const personRows = (db: Db) =>
  db
    .selectFrom('persons as p')
    .select((eb) => {
      const live = eb.and([eb('p.deleted', 'is', null), eb.exists(seats(eb, true).select('ms.id'))]);
      const seatModified = seats(eb, false).select((s) => s.fn.max('ms.modified').as('m'));
      return [
        'p.id as key',
        'p.bodyId',
        eb.case().when(live).then(eb.ref('p.name')).else(null).end().as('name'),
        'p.created',
        // A person's memberships are embedded in it: a change to one changes the person.
        eb.case().when(seatModified, '>', eb.ref('p.modified')).then(seatModified).else(eb.ref('p.modified')).end().as('modified'),
        flag(eb, live).as('live'),
      ];
    })
    .where((eb) => eb.exists(seats(eb, false).select('ms.id')));

export interface PersonRow {
  key: string;
  bodyId: string;
  name: string | null;
  created: string;
  modified: string;
  live: number;
}

const bodyRows = (db: Db) =>
  db.selectFrom('bodies as b').select((eb) => ['b.id as key', 'b.name', 'b.created', 'b.modified', flag(eb, eb.and([eb('b.deleted', 'is', null)])).as('live')]);

export interface BodyRow {
  key: string;
  name: string;
  created: string;
  modified: string;
  live: number;
}

/**
 * Runs one request's reads with PostgreSQL's JIT off: these queries are cheap (an index walk that
 * stops at a page) but estimated dear, and compiling them took 10 s of an 11 s page of papers.
 */
export async function reading<T>(db: Db, read: (db: Db) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return read(db);
  return db.transaction().execute(async (tx) => {
    await sql`set local jit = off`.execute(tx);
    return read(tx);
  });
}

// ---- lists and lookups ------------------------------------------------------------------------------

export const sources = {
  bodies: bodyRows,
  organizations: organizationRows,
  persons: personRows,
  memberships: membershipRows,
  meetings: meetingRows,
  agendaItems: itemRows,
  papers: paperRows,
  consultations: consultationRows,
  files: fileRows,
  locations: (db: Db) => meetingRows(db).where('m.location', 'is not', null),
} satisfies Record<string, (db: Db) => AnyQuery>;

export type Source = keyof typeof sources;

export interface Scope {
  bodyId?: string;
  organizationId?: string;
}

/**
 * One page of a list, by key (`after` the last key seen), public rows only unless the query asks for
 * changes (modified_since), which brings the tombstones too. Fetches limit + 1 rows.
 */
export async function listRows<R>(db: Db, source: Source, scope: Scope, q: ListQuery): Promise<R[]> {
  let s: SelectQueryBuilder<any, any, any> = db.selectFrom((sources[source](db) as AnyQuery).as('t')).selectAll();
  if (scope.bodyId) s = s.where('t.bodyId', '=', scope.bodyId);
  if (scope.organizationId) s = s.where('t.organizationId', '=', scope.organizationId);
  if (!includesDeleted(q)) s = s.where('t.live', '=', 1);
  const bound = (v: string | undefined) => (v === undefined ? null : storedInstant(v));
  const filters: [string | null, string, '>=' | '<='][] = [
    [bound(q.createdSince), 't.created', '>='],
    [bound(q.createdUntil), 't.created', '<='],
    [bound(q.modifiedSince), 't.modified', '>='],
    [bound(q.modifiedUntil), 't.modified', '<='],
  ];
  for (const [value, column, op] of filters) if (value !== null) s = s.where(column, op, value);
  if (q.after) s = s.where('t.key', '>', q.after);
  return (await s
    .orderBy('t.key')
    .limit(q.limit + 1)
    .execute()) as R[];
}

/** One object by its key, public or a tombstone; undefined when the public never saw it. */
export async function findRow<R>(db: Db, source: Source, key: string): Promise<R | undefined> {
  return (await db
    .selectFrom((sources[source](db) as AnyQuery).as('t'))
    .selectAll()
    .where('t.key', '=', key)
    .executeTakeFirst()) as R | undefined;
}

/** The public rows of a source whose `column` is one of `values` (embedded objects of a page). */
export async function liveRowsWhere<R>(db: Db, source: Source, column: string, values: string[]): Promise<R[]> {
  if (values.length === 0) return [];
  return (await db
    .selectFrom((sources[source](db) as AnyQuery).as('t'))
    .selectAll()
    .where('t.live', '=', 1)
    .where(`t.${column}`, 'in', values)
    .orderBy('t.key')
    .execute()) as R[];
}

/** The public consultations of these papers, found by their cases' numbers (a paper's key is computed, not indexed). */
export async function consultationsOfPapers(db: Db, paperKeys: string[]): Promise<ConsultationRow[]> {
  if (paperKeys.length === 0) return [];
  const rows = (await consultationRows(db)
    .where((eb) =>
      eb.or([
        eb('p.id', 'in', paperKeys),
        eb('p.caseNumber', 'in', eb.selectFrom('proposals as k').select('k.caseNumber').where('k.id', 'in', paperKeys).where('k.caseNumber', 'is not', null)),
      ]),
    )
    .where(consultationLive)
    .orderBy('p.id')
    .execute()) as ConsultationRow[];
  const wanted = new Set(paperKeys);
  return rows.filter((r) => wanted.has(r.paperKey));
}

/** The years of a body's public meetings, for its legislative terms. */
export async function meetingYears(db: Db, bodyId: string): Promise<{ first: string | null; last: string | null }> {
  const r = await db
    .selectFrom(meetingRows(db).as('t'))
    .select((eb) => [eb.fn.min('t.start').as('first'), eb.fn.max('t.start').as('last')])
    .where('t.bodyId', '=', bodyId)
    .where('t.live', '=', 1)
    .executeTakeFirst();
  return { first: (r?.first as string | null) ?? null, last: (r?.last as string | null) ?? null };
}

/** The body's council: its main organization. */
export const councilOf = (db: Db, bodyId: string) =>
  db
    .selectFrom('organizations')
    .select('id')
    .where('bodyId', '=', bodyId)
    .where('kind', '=', 'council')
    .where('deleted', 'is', null)
    .orderBy('created')
    .limit(1)
    .executeTakeFirst();

export const firstBody = (db: Db) => db.selectFrom('bodies').select(['created', 'modified']).orderBy('created').limit(1).executeTakeFirst();
