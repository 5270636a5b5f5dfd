// Proposals (indstillinger): written section by section by a case officer, submitted before the
// meeting's deadline, accepted and put on the agenda by the secretariat, frozen once sent to
// members (an edit then makes a new version with a change note), decided or withdrawn.
import { proposalChanged } from '../notifications/operations.ts';
import type { z } from 'zod';
import {
  canCreateMeetingIn,
  canCreateProposal,
  canReadProposal,
  PUBLISHED_STATES,
  proposalRoles,
  type ProposalResource,
  type Viewer,
} from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type Db, type Tx } from '../db/connection.ts';
import { AppError, denied, invalid, notFound, why } from '../http/errors.ts';
import type { Problem } from '../shared/reasons.ts';
import { newId } from '../lib/ids.ts';
import { pageOf, pageRequest } from '../lib/paging.ts';
import { PAGE_MAX } from '../shared/paging.ts';
import { nowIso, toLocalIso } from '../lib/time.ts';
import { proposalDeadline } from '../meetings/model.ts';
import { addItem, announced, deleteItem } from '../meetings/operations.ts';
import type { MeetingState } from '../meetings/schemas.ts';
import {
  allowedEvents,
  arrangeSections,
  blocksToText,
  DEFAULT_TEMPLATE,
  isLate,
  mayEditText,
  parseBlocks,
  transition,
  type ProposalContent,
  type ProposalEvent,
  type ProposalState,
  type TemplateSection,
  templateProblem,
} from './model.ts';
import type {
  createProposalBody,
  ProposalSummary,
  ProposalView,
  proposalQuery,
  templateBody,
  TemplateView,
  transitionBody,
  updateProposalBody,
} from './schemas.ts';
import * as store from './store.ts';

interface Ctx {
  db: Db;
  viewer: Viewer;
}

const actorId = (viewer: Viewer) => viewer?.userId ?? null;

const resourceOf = (p: store.ProposalRow): ProposalResource => ({
  organizationId: p.organizationId,
  unitId: p.unitId,
  authorUserId: p.authorUserId,
  caseOfficerPersonId: p.caseOfficerPersonId,
  sent: isSent(p),
  itemPublic: p.itemPublic === 1,
});

/** Sent to members: on an agenda item of a meeting whose agenda has gone out. */
const isSent = (p: store.ProposalRow) => !!p.itemOnAgenda && !!p.meetingState && PUBLISHED_STATES.includes(p.meetingState as MeetingState);

const deadlineOf = (p: store.ProposalRow) => (p.meetingStart ? proposalDeadline(p.meetingStart, p.meetingDeadline) : null);

const lateOf = (p: store.ProposalRow) => isLate(p.submittedAt, deadlineOf(p));

/** The body's template of sections, or the seed's. */
async function templateOf(db: Db | Tx, organizationId: string): Promise<readonly TemplateSection[]> {
  const own = await store.findTemplate(db, organizationId);
  return own ? (JSON.parse(own.sections) as TemplateSection[]) : DEFAULT_TEMPLATE;
}

function contentFrom(
  template: readonly TemplateSection[],
  body: { title: string; addressee?: string; atPoints: string[]; sections: { key: string; text: string }[] },
): ProposalContent {
  const known = new Set(template.map((t) => t.key));
  const unknown = body.sections.find((s) => !known.has(s.key));
  if (unknown) throw invalid('sections', 'proposal.unknown_section', { key: unknown.key });
  return {
    title: body.title,
    addressee: body.addressee ?? '',
    atPoints: body.atPoints,
    sections: arrangeSections(
      template,
      body.sections.map((s) => ({ key: s.key, blocks: parseBlocks(s.text) })),
    ),
  };
}

function present(viewer: Viewer, p: store.ProposalRow, versions: store.VersionSummaryRow[], content: ProposalContent, shown: number): ProposalView {
  const roles = proposalRoles(viewer, resourceOf(p));
  const state = p.state as ProposalState;
  const publishedAt = p.meetingPublishedAt && isSent(p) ? p.meetingPublishedAt : null;
  const deadline = deadlineOf(p);
  return {
    id: p.id,
    state,
    title: content.title,
    addressee: content.addressee,
    atPoints: content.atPoints,
    sections: content.sections.map((s) => ({ key: s.key, heading: s.heading, blocks: s.blocks, text: blocksToText(s.blocks) })),
    organization: { id: p.organizationId, name: p.organizationName },
    unit: p.unitId ? { id: p.unitId, name: p.unitName ?? '', shortName: p.unitShortName } : null,
    meeting:
      p.meetingId && p.meetingTitle && p.meetingStart
        ? { id: p.meetingId, title: p.meetingTitle, start: toLocalIso(p.meetingStart), state: p.meetingState ?? '' }
        : null,
    agendaItemId: p.itemOnAgenda ? p.agendaItemId : null,
    plannedMinutes: p.plannedMinutes,
    caseNumber: p.caseNumber,
    caseOfficer: p.caseOfficerName ? { name: p.caseOfficerName, phone: p.caseOfficerPhone ?? '', email: p.caseOfficerEmail ?? '' } : null,
    proposalDate: p.proposalDate,
    shownVersion: shown,
    versions: versions
      .filter((v) => v.proposalId === p.id)
      .map((v) => ({
        number: v.number,
        created: toLocalIso(v.created),
        changeNote: v.changeNote,
        author: v.author,
        afterSending: !!publishedAt && v.number > 1 && v.created > publishedAt,
      })),
    sentToMembers: isSent(p),
    deadline: deadline && toLocalIso(deadline),
    submittedAt: p.submittedAt && toLocalIso(p.submittedAt),
    late: lateOf(p),
    lateAccepted: !!p.lateAcceptedAt,
    version: p.version,
    abilities: { edit: mayEditText(state, roles), events: roles.length ? allowedEvents(state, roles) : [] },
    created: toLocalIso(p.created),
    modified: toLocalIso(p.modified),
  };
}

async function readable(db: Db | Tx, viewer: Viewer, id: string): Promise<store.ProposalRow> {
  const p = await store.findProposal(db, id);
  if (!p || !canReadProposal(viewer, resourceOf(p))) throw notFound('proposal');
  return p;
}

/** The proposal with its latest version's text, or an earlier version's (older versions stay readable). */
export async function getProposal({ db, viewer }: Ctx, id: string, versionNumber?: number): Promise<ProposalView> {
  const p = await readable(db, viewer, id);
  const version = await store.findVersion(db, id, versionNumber);
  if (!version) throw notFound('version');
  const versions = await store.listVersions(db, [id]);
  return present(viewer, p, versions, JSON.parse(version.content) as ProposalContent, version.number);
}

/** A page of the proposals the viewer may read (decided in the query), latest changed first; `next` is the following page's cursor. */
export async function listProposals({ db, viewer }: Ctx, q: z.output<typeof proposalQuery>): Promise<{ items: ProposalSummary[]; next: string | null }> {
  if (!viewer && !q.meetingId) throw new AppError('unauthenticated', why('access.login_first'));
  const page = pageRequest<store.ProposalKey>('proposals', q, ['s', 's']);
  if (!page) throw invalid('cursor', 'paging.cursor');
  const rows = await store.listProposals(
    db,
    viewer,
    {
      meetingId: q.meetingId,
      organizationId: q.organizationId,
      mine: (q.mine || q.desk) && viewer ? { userId: viewer.userId, unitIds: viewer.memberships.map((m) => m.organizationId) } : undefined,
      desk: q.desk,
    },
    page,
  );
  const { rows: visible, next } = pageOf('proposals', rows, page.limit, (p) => [p.modified, p.id]);
  const versions = await store.listVersions(
    db,
    visible.map((p) => p.id),
  );
  const items = visible.map((p) => {
    const own = versions.filter((v) => v.proposalId === p.id);
    const publishedAt = isSent(p) ? p.meetingPublishedAt : null;
    return {
      id: p.id,
      state: p.state as ProposalState,
      title: p.title,
      unit: p.unitId ? { id: p.unitId, name: p.unitName ?? '', shortName: p.unitShortName } : null,
      meeting: p.meetingId && p.meetingTitle && p.meetingStart ? { id: p.meetingId, title: p.meetingTitle, start: toLocalIso(p.meetingStart) } : null,
      agendaItemId: p.itemOnAgenda ? p.agendaItemId : null,
      latestVersion: own.length ? own[own.length - 1].number : 1,
      changedAfterSending: publishedAt ? own.filter((v) => v.number > 1 && v.created > publishedAt).length : 0,
      late: lateOf(p),
      modified: toLocalIso(p.modified),
    };
  });
  return { items, next };
}

/** Every proposal of the query the viewer may read, page after page: a meeting's package holds them all. */
export async function allProposals(ctx: Ctx, q: z.output<typeof proposalQuery>): Promise<ProposalSummary[]> {
  const all: ProposalSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listProposals(ctx, { ...q, cursor, limit: PAGE_MAX });
    all.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return all;
}

async function checkMeeting(tx: Tx, meetingId: string | null | undefined, organizationId: string) {
  if (!meetingId) return;
  const m = await tx.selectFrom('meetings').select(['organizationId']).where('id', '=', meetingId).where('deleted', 'is', null).executeTakeFirst();
  if (!m || m.organizationId !== organizationId) throw invalid('meetingId', 'proposal.meeting_other_organization');
}

async function checkUnit(tx: Tx, unitId: string | null | undefined) {
  if (!unitId) return;
  const u = await store.findOrganization(tx, unitId);
  if (!u) throw invalid('unitId', 'unit.not_known');
}

export async function createProposal({ db, viewer }: Ctx, body: z.output<typeof createProposalBody>): Promise<ProposalView> {
  if (!viewer) throw denied(viewer);
  const id = newId();
  await inTransaction(db, async (tx) => {
    const org = await store.findOrganization(tx, body.organizationId);
    if (!org) throw invalid('organizationId', 'organization.not_known');
    if (!canCreateProposal(viewer, body.organizationId, body.unitId ?? null)) throw denied(viewer);
    await checkUnit(tx, body.unitId);
    await checkMeeting(tx, body.meetingId, body.organizationId);
    const content = contentFrom(await templateOf(tx, body.organizationId), { ...body, addressee: body.addressee ?? org.name });
    const now = nowIso();
    const row = {
      id,
      organizationId: body.organizationId,
      unitId: body.unitId ?? null,
      meetingId: body.meetingId ?? null,
      agendaItemId: null,
      state: 'draft',
      title: content.title,
      caseNumber: body.caseNumber || null,
      caseOfficerName: body.caseOfficer?.name || null,
      caseOfficerPhone: body.caseOfficer?.phone || null,
      caseOfficerEmail: body.caseOfficer?.email || null,
      proposalDate: body.proposalDate ?? null,
      plannedMinutes: body.plannedMinutes,
      authorUserId: viewer.userId,
      submittedAt: null,
      lateAcceptedAt: null,
      created: now,
      modified: now,
      deleted: null,
    };
    await store.insertProposal(tx, row);
    await store.insertVersion(tx, {
      id: newId(),
      proposalId: id,
      number: 1,
      content: JSON.stringify(content),
      changeNote: null,
      authorUserId: viewer.userId,
      created: now,
      modified: now,
    });
    await writeAudit(tx, { actorUserId: viewer.userId, action: 'proposal.create', objectType: 'proposal', objectId: id, after: { ...row, content } });
  });
  return getProposal({ db, viewer }, id);
}

/**
 * Edits the text or the particulars. Before the proposal is sent to members the latest version is
 * rewritten; after, the edit becomes a new version and needs a change note.
 */
export async function updateProposal({ db, viewer }: Ctx, id: string, body: z.output<typeof updateProposalBody>): Promise<ProposalView> {
  await inTransaction(db, async (tx) => {
    const p = await readable(tx, viewer, id);
    const roles = proposalRoles(viewer, resourceOf(p));
    if (!mayEditText(p.state as ProposalState, roles)) {
      if (roles.length === 0) throw denied(viewer);
      throw new AppError('invalid_transition', why('proposal.not_editable', { state: p.state }));
    }
    if (body.version !== p.version) throw new AppError('conflict', why('proposal.stale'), 'version');
    const latest = (await store.findVersion(tx, id))!;
    const before = JSON.parse(latest.content) as ProposalContent;
    const content = contentFrom(await templateOf(tx, p.organizationId), {
      title: body.title ?? before.title,
      addressee: body.addressee ?? before.addressee,
      atPoints: body.atPoints ?? before.atPoints,
      sections: body.sections ?? before.sections.map((s) => ({ key: s.key, text: blocksToText(s.blocks) })),
    });
    if (body.unitId !== undefined) await checkUnit(tx, body.unitId);
    if (body.meetingId !== undefined) {
      if (p.agendaItemId && body.meetingId !== p.meetingId) throw new AppError('invalid_transition', why('proposal.unschedule_first'));
      await checkMeeting(tx, body.meetingId, p.organizationId);
    }
    const now = nowIso();
    const sent = isSent(p);
    const textChanged = JSON.stringify(content) !== latest.content;
    if (sent && textChanged && !body.changeNote?.trim()) {
      throw invalid('changeNote', 'proposal.change_note_needed');
    }
    if (textChanged) {
      if (sent) {
        await store.insertVersion(tx, {
          id: newId(),
          proposalId: id,
          number: latest.number + 1,
          content: JSON.stringify(content),
          changeNote: body.changeNote!.trim(),
          authorUserId: actorId(viewer),
          created: now,
          modified: now,
        });
        await proposalChanged(tx, p.meetingId);
      } else await store.rewriteVersion(tx, latest.id, JSON.stringify(content), now);
    }
    const patch = {
      title: content.title,
      ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
      ...(body.meetingId !== undefined ? { meetingId: body.meetingId } : {}),
      ...(body.plannedMinutes !== undefined ? { plannedMinutes: body.plannedMinutes } : {}),
      ...(body.caseNumber !== undefined ? { caseNumber: body.caseNumber || null } : {}),
      ...(body.proposalDate !== undefined ? { proposalDate: body.proposalDate } : {}),
      ...(body.caseOfficer !== undefined
        ? {
            caseOfficerName: body.caseOfficer?.name || null,
            caseOfficerPhone: body.caseOfficer?.phone || null,
            caseOfficerEmail: body.caseOfficer?.email || null,
          }
        : {}),
      modified: now,
    };
    if (!(await store.updateProposal(tx, id, p.version, patch))) throw new AppError('conflict', why('proposal.stale'), 'version');
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: sent && textChanged ? 'proposal.newVersion' : 'proposal.update',
      objectType: 'proposal',
      objectId: id,
      before: { ...p, content: before },
      after: { ...patch, content, changeNote: body.changeNote ?? null },
    });
  });
  return getProposal({ db, viewer }, id);
}

const transitionMessages: Record<'not_allowed' | 'late', (state: string, event: ProposalEvent) => Problem> = {
  not_allowed: (state, event) => why('proposal.transition', { state, event }),
  late: () => why('proposal.late'),
};

/** Moves a proposal through its life cycle; "schedule" puts it on its meeting's agenda as an item. */
export async function transitionProposal({ db, viewer }: Ctx, id: string, body: z.output<typeof transitionBody>): Promise<ProposalView> {
  let touchedMeeting: string | null = null;
  await inTransaction(db, async (tx) => {
    const p = await readable(tx, viewer, id);
    if (body.version !== undefined && body.version !== p.version) throw new AppError('conflict', why('proposal.stale'), 'version');
    const roles = proposalRoles(viewer, resourceOf(p));
    const late = body.event === 'accept' ? isLate(p.submittedAt, deadlineOf(p)) : false;
    const r = transition(p.state as ProposalState, body.event, { roles, late, acceptLate: body.acceptLate });
    if (!r.ok) {
      if (r.reason === 'not_permitted') throw denied(viewer);
      throw new AppError(r.reason === 'late' ? 'late_proposal' : 'invalid_transition', transitionMessages[r.reason](p.state, body.event));
    }
    const now = nowIso();
    const patch: Parameters<typeof store.updateProposal>[3] = { state: r.to, modified: now };
    const ctx = { db: tx as unknown as Db, viewer };
    if (body.event === 'submit') patch.submittedAt = now;
    if (body.event === 'return') patch.submittedAt = null;
    if (body.event === 'accept' && late) patch.lateAcceptedAt = now;
    if (body.event === 'schedule') {
      if (!p.meetingId) throw invalid('meetingId', 'proposal.meeting_needed');
      if (!body.item) throw invalid('item.public', 'proposal.item_openness_needed');
      const itemId = newId();
      await addItem(
        ctx,
        p.meetingId,
        {
          title: p.title,
          plannedMinutes: p.plannedMinutes,
          kind: 'regular',
          public: body.item.public,
          publicTitle: body.item.publicTitle ?? undefined,
          legalBasis: body.item.legalBasis ?? undefined,
          responsible: p.unitName ?? undefined,
        },
        { id: itemId },
      );
      patch.agendaItemId = itemId;
      touchedMeeting = p.meetingId;
    }
    if ((body.event === 'unschedule' || body.event === 'withdraw') && p.agendaItemId && p.meetingId) {
      // The item may already be gone (deleted from the agenda by hand): then only the link goes.
      if (p.itemOnAgenda) await deleteItem(ctx, p.meetingId, p.agendaItemId);
      patch.agendaItemId = null;
      touchedMeeting = p.meetingId;
    }
    if (!(await store.updateProposal(tx, id, p.version, patch))) throw new AppError('conflict', why('proposal.stale'), 'version');
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: `proposal.${body.event}`,
      objectType: 'proposal',
      objectId: id,
      before: { state: p.state },
      after: patch,
    });
  });
  if (touchedMeeting) await announced({ db, viewer }, touchedMeeting);
  return getProposal({ db, viewer }, id);
}

/** For the files attached to a proposal: who may read them and who may change them. */
export async function proposalAccess(
  db: Db | Tx,
  viewer: Viewer,
  proposalId: string,
  action: 'read' | 'edit',
): Promise<{ organizationId: string; meetingId: string | null; agendaItemId: string | null; writes: boolean }> {
  const p = await readable(db, viewer, proposalId);
  const roles = proposalRoles(viewer, resourceOf(p));
  if (action === 'edit' && !mayEditText(p.state as ProposalState, roles)) throw denied(viewer);
  return { organizationId: p.organizationId, meetingId: p.meetingId, agendaItemId: p.agendaItemId, writes: roles.length > 0 };
}

/** A body's template of proposal sections: its own, or the seed's (marked `own: false`). */
export async function getTemplate({ db, viewer }: Ctx, organizationId: string): Promise<TemplateView> {
  if (!viewer) throw denied(viewer);
  if (!(await store.findOrganization(db, organizationId))) throw notFound('organization');
  const own = await store.findTemplate(db, organizationId);
  return { organizationId, own: !!own, sections: own ? (JSON.parse(own.sections) as TemplateSection[]) : [...DEFAULT_TEMPLATE] };
}

/** The secretariat sets its body's template; proposals written from then on follow it. */
export async function setTemplate({ db, viewer }: Ctx, organizationId: string, body: z.output<typeof templateBody>): Promise<TemplateView> {
  await inTransaction(db, async (tx) => {
    if (!(await store.findOrganization(tx, organizationId))) throw notFound('organization');
    if (!canCreateMeetingIn(viewer, organizationId)) throw denied(viewer);
    const problem = templateProblem(body.sections);
    if (problem) throw invalid('sections', problem);
    const before = await store.findTemplate(tx, organizationId);
    await store.saveTemplate(tx, organizationId, JSON.stringify(body.sections), nowIso());
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'proposalTemplate.set',
      objectType: 'organization',
      objectId: organizationId,
      before: before ? JSON.parse(before.sections) : null,
      after: body.sections,
    });
  });
  return getTemplate({ db, viewer }, organizationId);
}
