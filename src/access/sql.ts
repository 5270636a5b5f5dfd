// The policy's read rules for the lists, in SQL: the same rules as model.ts (canOnMeeting 'read',
// canReadProposal, canOnFollowUp 'read', canOnPlanning 'read'), over the columns a query names, so a list decides in its
// WHERE clause who sees a row and a page is never thinned after it is read. sql.test.ts checks each
// against its rule in model.ts on the same cases, on both databases.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { organizationsWhere, PUBLISHED_STATES, type Viewer } from './model.ts';

type Expr = Expression<unknown>;
type Cond = RawBuilder<SqlBool>;

const TRUE: Cond = sql<SqlBool>`1 = 1`;
const FALSE: Cond = sql<SqlBool>`1 = 0`;

const inList = (e: Expr, ids: readonly string[]): Cond => (ids.length === 0 ? FALSE : sql<SqlBool>`${e} in (${sql.join(ids)})`);
const or = (...conds: Cond[]): Cond => sql<SqlBool>`(${sql.join(conds, sql` or `)})`;
const and = (...conds: Cond[]): Cond => sql<SqlBool>`(${sql.join(conds, sql` and `)})`;

/** model.ts sitsIn: an administrator, or chair, member or secretary of the organization. */
const sitsIn = (viewer: Viewer, org: Expr): Cond => (viewer?.isAdmin ? TRUE : inList(org, organizationsWhere(viewer, 'sits')));

/** model.ts isSecretary. */
const isSecretary = (viewer: Viewer, org: Expr): Cond => (viewer?.isAdmin ? TRUE : inList(org, organizationsWhere(viewer, 'secretary')));

const published = (state: Expr): Cond => sql<SqlBool>`${state} in (${sql.join([...PUBLISHED_STATES])})`;

/** canOnMeeting(viewer, 'read', meeting): a published agenda, or one of the body's own. */
export const meetingReadable = (viewer: Viewer, m: { organizationId: Expr; state: Expr }): Cond => or(published(m.state), sitsIn(viewer, m.organizationId));

/** canOnPlanning(viewer, 'read', plan): a meeting plan or annual wheel once it is no draft, or the body's own people's. */
export const planReadable = (viewer: Viewer, p: { organizationId: Expr; status: Expr }): Cond =>
  or(sql<SqlBool>`${p.status} <> 'draft'`, sitsIn(viewer, p.organizationId));

/** The facts of a ProposalResource as expressions (`sent`, `itemPublic` conditions). */
export interface ProposalFacts {
  organizationId: Expr;
  unitId: Expr;
  authorUserId: Expr;
  caseOfficerPersonId: Expr;
  sent: Expr;
  itemPublic: Expr;
}

/** canReadProposal: its writers and the secretariat always; once sent, the body's members, and everyone if its item is open. */
export function proposalReadable(viewer: Viewer, p: ProposalFacts): Cond {
  const writer = viewer
    ? or(
        sql<SqlBool>`${p.authorUserId} = ${viewer.userId}`,
        and(sql<SqlBool>`${p.caseOfficerPersonId} = ${viewer.personId}`, inList(p.unitId, organizationsWhere(viewer, 'any'))),
      )
    : FALSE;
  const secretary = viewer ? isSecretary(viewer, p.organizationId) : FALSE;
  return or(writer, secretary, and(sql<SqlBool>`${p.sent}`, or(sql<SqlBool>`${p.itemPublic}`, sitsIn(viewer, p.organizationId))));
}

/** The facts of a FollowUpResource as expressions (`fromClosedItem` a condition). */
export interface FollowUpFacts {
  organizationId: Expr;
  ownerUnitId: Expr;
  ownerPersonId: Expr;
  fromClosedItem: Expr;
}

/** canOnFollowUp(viewer, 'read', f): the secretariat, its owner (a closed item's: the unit's responsible), the body's members. */
export function followUpReadable(viewer: Viewer, f: FollowUpFacts): Cond {
  if (!viewer) return FALSE;
  const inUnit = sql<SqlBool>`(case when ${f.fromClosedItem} then ${inList(f.ownerUnitId, organizationsWhere(viewer, 'leads'))} else ${inList(f.ownerUnitId, organizationsWhere(viewer, 'any'))} end)`;
  const owns = or(sql<SqlBool>`${f.ownerPersonId} = ${viewer.personId}`, inUnit);
  return or(isSecretary(viewer, f.organizationId), owns, sitsIn(viewer, f.organizationId));
}
