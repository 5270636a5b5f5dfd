// Queries for proposals and their versions.
import { sql } from 'kysely';
import { organizationsWhere, PUBLISHED_STATES, type Viewer } from '../access/model.ts';
import { proposalReadable } from '../access/sql.ts';
import type { Db, Tx } from '../db/connection.ts';
import type { ProposalTable, ProposalVersionTable } from '../db/schema.ts';
import type { PageRequest } from '../lib/paging.ts';

type Q = Db | Tx;

/** The case officer named on it, as a person (matched by e-mail): a writer if they work in the writing unit. */
const caseOfficerPerson = sql<
  string | null
>`(select officer.id from persons officer where lower(officer.email) = lower(p.case_officer_email) and officer.deleted is null order by officer.created limit 1)`;

const baseQuery = (db: Q) =>
  db
    .selectFrom('proposals as p')
    .innerJoin('organizations as o', 'o.id', 'p.organizationId')
    .leftJoin('organizations as u', 'u.id', 'p.unitId')
    .leftJoin('meetings as m', 'm.id', 'p.meetingId')
    // Its item, while it is still on the agenda (an item deleted from the agenda takes the proposal off it).
    .leftJoin('agendaItems as i', (j) => j.onRef('i.id', '=', 'p.agendaItemId').on('i.deleted', 'is', null))
    .selectAll('p')
    .select([
      'o.name as organizationName',
      'u.name as unitName',
      'u.shortName as unitShortName',
      'm.title as meetingTitle',
      'm.start as meetingStart',
      'm.state as meetingState',
      'm.publishedAt as meetingPublishedAt',
      'm.proposalDeadline as meetingDeadline',
      'i.isPublic as itemPublic',
      'i.id as itemOnAgenda',
    ])
    .select(caseOfficerPerson.as('caseOfficerPersonId'))
    .where('p.deleted', 'is', null);

export type ProposalRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export const findProposal = (db: Q, id: string): Promise<ProposalRow | undefined> => baseQuery(db).where('p.id', '=', id).executeTakeFirst();

export interface ProposalFilter {
  meetingId?: string;
  organizationId?: string;
  /** The viewer's own or their units'. */
  mine?: { userId: string; unitIds: string[] };
  /** …or also addressed to a body whose secretariat they are (all, for an administrator). */
  desk?: boolean;
}

/**
 * A page of the proposals `viewer` may read (access/sql.ts:proposalReadable, over the facts
 * operations.ts:resourceOf reads from a row), latest changed first, the id breaking ties.
 */
export function listProposals(db: Q, viewer: Viewer, f: ProposalFilter, page: PageRequest<ProposalKey>): Promise<ProposalRow[]> {
  let q = baseQuery(db).where(
    proposalReadable(viewer, {
      organizationId: sql.ref('p.organizationId'),
      unitId: sql.ref('p.unitId'),
      authorUserId: sql.ref('p.authorUserId'),
      caseOfficerPersonId: caseOfficerPerson,
      // operations.ts isSent: on an item still on the agenda of a meeting sent to members.
      sent: sql`(i.id is not null and m.state in (${sql.join([...PUBLISHED_STATES])}))`,
      itemPublic: sql`i.is_public = 1`,
    }),
  );
  if (f.meetingId) q = q.where('p.meetingId', '=', f.meetingId);
  if (f.organizationId) q = q.where('p.organizationId', '=', f.organizationId);
  if (f.mine) {
    const { userId, unitIds } = f.mine;
    const secretariat = organizationsWhere(viewer, 'secretary');
    q = q.where((eb) =>
      eb.or([
        eb('p.authorUserId', '=', userId),
        ...(unitIds.length ? [eb('p.unitId', 'in', unitIds)] : []),
        ...(f.desk && viewer?.isAdmin ? [sql<boolean>`1 = 1`] : []),
        ...(f.desk && secretariat.length ? [eb('p.organizationId', 'in', secretariat)] : []),
      ]),
    );
  }
  if (page.after) {
    const [modified, id] = page.after;
    q = q.where((eb) => eb.or([eb('p.modified', '<', modified), eb.and([eb('p.modified', '=', modified), eb('p.id', '<', id)])]));
  }
  return q
    .orderBy('p.modified', 'desc')
    .orderBy('p.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** A proposal's place in the list: when it last changed, then its id. */
export type ProposalKey = [modified: string, id: string];

export const listVersions = (db: Q, proposalIds: string[]) =>
  proposalIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('proposalVersions as v')
        .leftJoin('users as us', 'us.id', 'v.authorUserId')
        .leftJoin('persons as pe', 'pe.id', 'us.personId')
        .select(['v.proposalId', 'v.number', 'v.created', 'v.changeNote', 'pe.name as author'])
        .where('v.proposalId', 'in', proposalIds)
        .orderBy('v.proposalId')
        .orderBy('v.number')
        .execute();

export type VersionSummaryRow = Awaited<ReturnType<typeof listVersions>>[number];

export const findVersion = (db: Q, proposalId: string, number?: number) => {
  const q = db.selectFrom('proposalVersions').selectAll().where('proposalId', '=', proposalId);
  return (number === undefined ? q.orderBy('number', 'desc') : q.where('number', '=', number)).limit(1).executeTakeFirst();
};

export const insertProposal = (tx: Tx, row: Omit<ProposalTable, 'version'>) => tx.insertInto('proposals').values(row).execute();

export const insertVersion = (tx: Tx, row: ProposalVersionTable) => tx.insertInto('proposalVersions').values(row).execute();

export const rewriteVersion = (tx: Tx, id: string, content: string, modified: string) =>
  tx.updateTable('proposalVersions').set({ content, modified }).where('id', '=', id).execute();

/** Updates the row if it is still at `seen`; returns whether it was. */
export async function updateProposal(tx: Tx, id: string, seen: number, patch: Partial<Omit<ProposalTable, 'id' | 'version'>>): Promise<boolean> {
  const r = await tx
    .updateTable('proposals')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', seen)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const findOrganization = (db: Q, id: string) =>
  db.selectFrom('organizations').select(['id', 'name', 'kind']).where('id', '=', id).where('deleted', 'is', null).executeTakeFirst();

export const findTemplate = (db: Q, organizationId: string) =>
  db.selectFrom('proposalTemplates').select(['sections']).where('organizationId', '=', organizationId).executeTakeFirst();

export async function saveTemplate(tx: Tx, organizationId: string, sections: string, now: string) {
  const r = await tx.updateTable('proposalTemplates').set({ sections, modified: now }).where('organizationId', '=', organizationId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await tx.insertInto('proposalTemplates').values({ organizationId, sections, created: now, modified: now }).execute();
}
