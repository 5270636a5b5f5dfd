// Who may do what to which object: the one policy, pure, applied on every read and write.
import type { Role } from '../db/schema.ts';
import type { MeetingState } from '../meetings/schemas.ts';

export interface Actor {
  userId: string;
  personId: string;
  username: string;
  name: string;
  isAdmin: boolean;
  memberships: { organizationId: string; organizationName: string; role: Role }[];
}

/** null is an anonymous visitor. */
export type Viewer = Actor | null;

export type MeetingAction = 'read' | 'readClosed' | 'edit' | 'editAgenda' | 'changeState' | 'delete';

export interface MeetingResource {
  organizationId: string;
  state: MeetingState;
}

/** States in which the agenda is public. */
export const PUBLISHED_STATES: readonly MeetingState[] = ['agenda_published', 'in_progress', 'held', 'minutes_approved'];

export function rolesIn(viewer: Viewer, organizationId: string): Role[] {
  if (!viewer) return [];
  return viewer.memberships.filter((m) => m.organizationId === organizationId).map((m) => m.role);
}

/** The roles the rules ask about: who sits in a body (reads it closed), its secretariat, a unit's responsible (more than an employee). */
export const ROLE_SETS = {
  sits: (r: Role) => r === 'chair' || r === 'member' || r === 'secretary',
  secretary: (r: Role) => r === 'secretary',
  leads: (r: Role) => r !== 'employee',
  any: () => true,
} as const;

/** The organizations where the viewer holds a role of the set (an administrator's are not all listed: the rules add them). */
export const organizationsWhere = (viewer: Viewer, set: keyof typeof ROLE_SETS): string[] =>
  viewer ? [...new Set(viewer.memberships.filter((m) => ROLE_SETS[set](m.role)).map((m) => m.organizationId))] : [];

const isSecretary = (viewer: Viewer, organizationId: string) => !!viewer && (viewer.isAdmin || rolesIn(viewer, organizationId).some(ROLE_SETS.secretary));

const sitsIn = (viewer: Viewer, organizationId: string) => !!viewer && (viewer.isAdmin || rolesIn(viewer, organizationId).some(ROLE_SETS.sits));

/** What each viewer may do to a meeting. Reading it is also written in SQL (access/sql.ts:meetingReadable) for the lists. */
export function canOnMeeting(viewer: Viewer, action: MeetingAction, meeting: MeetingResource): boolean {
  switch (action) {
    case 'read':
      return PUBLISHED_STATES.includes(meeting.state) || sitsIn(viewer, meeting.organizationId);
    case 'readClosed':
      return sitsIn(viewer, meeting.organizationId);
    case 'edit':
    case 'editAgenda':
    case 'changeState':
    case 'delete':
      return isSecretary(viewer, meeting.organizationId);
  }
}

export function canCreateMeetingIn(viewer: Viewer, organizationId: string): boolean {
  return isSecretary(viewer, organizationId);
}

export type PlanAction = 'read' | 'edit' | 'approve';

/** Meeting plans and annual wheels: published once approved; drafts are for the organization's own people. Reading is also in SQL (access/sql.ts:planReadable). */
export function canOnPlanning(viewer: Viewer, action: PlanAction, plan: { organizationId: string; status: string }): boolean {
  if (action === 'read') return plan.status !== 'draft' || sitsIn(viewer, plan.organizationId);
  return isSecretary(viewer, plan.organizationId);
}

export type FollowUpAction = 'read' | 'edit' | 'report';

export interface FollowUpResource {
  organizationId: string;
  ownerUnitId: string | null;
  ownerPersonId: string | null;
  /** It comes from a closed item (its agenda item is not public). */
  fromClosedItem: boolean;
}

/** A unit's responsible: anyone in it with more than an employee's role (its head, its secretary). */
const leadsUnit = (viewer: Viewer, unitId: string) => rolesIn(viewer, unitId).some(ROLE_SETS.leads);

/**
 * Follow-ups are internal: the secretariat of the deciding organization edits them; their owner
 * reports progress; the organization's members read them. The owner is the person named, or the
 * owning unit: every one of its employees for a follow-up from an open item, only the unit's
 * responsible (head, secretary) for one from a closed item — a closed item's follow-up is not read
 * by every employee of the unit. Reading is also written in SQL (access/sql.ts:followUpReadable).
 */
export function canOnFollowUp(viewer: Viewer, action: FollowUpAction, f: FollowUpResource): boolean {
  if (!viewer) return false;
  const edit = isSecretary(viewer, f.organizationId);
  if (action === 'edit') return edit;
  const inUnit = !!f.ownerUnitId && (f.fromClosedItem ? leadsUnit(viewer, f.ownerUnitId) : rolesIn(viewer, f.ownerUnitId).length > 0);
  const owns = viewer.personId === f.ownerPersonId || inUnit;
  if (action === 'report') return edit || owns;
  return edit || owns || sitsIn(viewer, f.organizationId);
}

export interface ProposalResource {
  organizationId: string;
  unitId: string | null;
  authorUserId: string | null;
  /** The person named as its case officer (by e-mail), if one is known. */
  caseOfficerPersonId: string | null;
  /** On an agenda whose meeting has been sent to members (agenda published or later). */
  sent: boolean;
  /** Its agenda item is open to the public. */
  itemPublic: boolean;
}

/**
 * A proposal's roles for a viewer: its writer and the secretariat of the body that decides it.
 * The writers are the case officers who wrote it: its author, and the case officer named on it
 * when that person works in the writing unit — not every employee of the unit. The life cycle
 * (proposals/model.ts) says what each may do.
 */
export function proposalRoles(
  viewer: Viewer,
  p: Pick<ProposalResource, 'organizationId' | 'unitId' | 'authorUserId' | 'caseOfficerPersonId'>,
): ('writer' | 'secretary')[] {
  if (!viewer) return [];
  const roles: ('writer' | 'secretary')[] = [];
  const namedOfficer = !!p.caseOfficerPersonId && viewer.personId === p.caseOfficerPersonId && !!p.unitId && rolesIn(viewer, p.unitId).length > 0;
  if (viewer.userId === p.authorUserId || namedOfficer) roles.push('writer');
  if (isSecretary(viewer, p.organizationId)) roles.push('secretary');
  return roles;
}

/**
 * Its writers and the secretariat read it always; the deciding body's members once it is sent with
 * the agenda; everyone else (the public, the unit's other employees) only once sent and its item is
 * open. A proposal on a closed item is never read by the unit at large. Also written in SQL
 * (access/sql.ts:proposalReadable) for the lists.
 */
export function canReadProposal(viewer: Viewer, p: ProposalResource): boolean {
  if (proposalRoles(viewer, p).length > 0) return true;
  if (!p.sent) return false;
  return p.itemPublic || sitsIn(viewer, p.organizationId);
}

/** Writing a proposal for a body: the body's secretariat, or anyone who belongs to a unit. */
export function canCreateProposal(viewer: Viewer, organizationId: string, unitId: string | null): boolean {
  if (!viewer) return false;
  if (isSecretary(viewer, organizationId)) return true;
  return !!unitId && rolesIn(viewer, unitId).length > 0;
}

/** What a note or comment is on, and who it is shared with (its thread's first comment's audience). */
export interface AnnotationResource {
  authorUserId: string;
  visibility: 'private' | 'shared';
  audience: readonly { kind: string; value: string }[];
  organizationId: string;
  meetingState: MeetingState;
  target: 'item' | 'proposal' | 'attachment';
  itemPublic: boolean;
  /** For an attachment: whether it is public, and whether it belongs to a proposal (read as the proposal is). */
  attachmentPublic?: boolean;
  attachmentOfProposal?: boolean;
}

/**
 * Whether the viewer may read what an annotation is on, as a reader of the meeting: the secretariat
 * (and administrators) everything; the chair and members the items and their files, a proposal and
 * its files once sent with the agenda; anyone else only an open item (and a public file) of a
 * published agenda. A proposal's writers are not counted here: a comment reaches them only as
 * members of the audience who may also read it this way.
 */
export function canReadAnnotated(viewer: Viewer, a: Omit<AnnotationResource, 'authorUserId' | 'visibility' | 'audience'>): boolean {
  if (!viewer) return false;
  if (isSecretary(viewer, a.organizationId)) return true;
  const published = PUBLISHED_STATES.includes(a.meetingState);
  const roles = rolesIn(viewer, a.organizationId);
  if (roles.includes('chair') || roles.includes('member')) {
    return a.target === 'item' || (a.target === 'attachment' && !a.attachmentOfProposal) || published;
  }
  return published && a.itemPublic && (a.target !== 'attachment' || !!a.attachmentPublic);
}

/**
 * Who sees a note, a highlight or a shared comment (the rule of src/annotations; store.ts:visibleTo is
 * its SQL form). A private note or highlight: its author only — not the secretariat, not an
 * administrator. A shared comment: its author, and whoever its audience names — `members` the body's
 * chair and members, `group` those of them in that party group (`viewerGroups`: the groups the
 * viewer sits for in the body), `secretariat` its secretaries, `person` that person — and only if
 * they may read what it is on. Memberships are those valid today (the Actor's).
 */
export function canSeeAnnotation(viewer: Viewer, viewerGroups: readonly string[], a: AnnotationResource): boolean {
  if (!viewer) return false;
  if (viewer.userId === a.authorUserId) return true;
  if (a.visibility !== 'shared' || !canReadAnnotated(viewer, a)) return false;
  const roles = rolesIn(viewer, a.organizationId);
  const sitsAsMember = roles.includes('chair') || roles.includes('member');
  return a.audience.some(
    (e) =>
      (e.kind === 'person' && e.value === viewer.personId) ||
      (e.kind === 'members' && sitsAsMember) ||
      (e.kind === 'group' && sitsAsMember && viewerGroups.includes(e.value)) ||
      (e.kind === 'secretariat' && roles.includes('secretary')),
  );
}
