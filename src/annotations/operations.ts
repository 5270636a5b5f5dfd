// Notes, highlights and shared comments: written by whoever may read the item or document, seen as
// access/model.ts:canSeeAnnotation says (in SQL, store.ts:visibleTo). Audited by ids only: no text,
// quote or selector of a note ever reaches the audit trail, a log line or an error message.
import { canOnMeeting, canReadAnnotated, type Actor, type Viewer } from '../access/model.ts';
import { loadActor } from '../access/store.ts';
import { writeAudit } from '../audit/audit.ts';
import { afterCommit, inTransaction, type Db, type Tx } from '../db/connection.ts';
import { AppError, denied, invalid, notFound, why } from '../http/errors.ts';
import { copenhagenDate, nowIso, toLocalIso } from '../lib/time.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { MeetingState } from '../meetings/schemas.ts';
import { blocksToText, type ProposalContent } from '../proposals/model.ts';
import { proposalAccess } from '../proposals/operations.ts';
import { mayRead, policyFor } from '../attachments/owners.ts';
import { anchorStatus, page, replyProblem, retentionCutoff, shapeProblem } from './model.ts';
import type {
  Annotation,
  AnnotationRevision,
  AudienceEntry,
  AudienceOptions,
  DocumentVersionInfo,
  MeetingAnnotations,
  MyAnnotations,
  PutAnnotationBody,
  ReadingPosition,
  Selector,
} from './schemas.ts';
import * as store from './store.ts';

export interface Ctx {
  db: Db;
  viewer: Viewer;
  mailer?: Mailer | null;
  /** The app's address, for the link in a mention's e-mail. */
  baseUrl?: string;
}

function loggedIn(viewer: Viewer): Actor {
  if (!viewer) throw denied(viewer);
  return viewer;
}

const refused = (r: { field: string; reason: Parameters<typeof invalid>[1] }) => invalid(r.field, r.reason);

/** Current version (and its text) of each document the rows are on. */
async function currentVersions(db: Db | Tx, rows: { target: string; documentId: string | null }[]) {
  const ids = (t: string) => [...new Set(rows.filter((r) => r.target === t && r.documentId).map((r) => r.documentId!))];
  const out = new Map<string, { version: string | null; text: string | null }>();
  for (const v of await store.latestProposalVersions(db, ids('proposal'))) {
    const c = JSON.parse(v.content) as ProposalContent;
    const text = [c.title, ...c.atPoints, ...c.sections.flatMap((s) => [s.heading, blocksToText(s.blocks)])].join('\n').replace(/\*\*/g, '');
    out.set(`proposal:${v.proposalId}`, { version: String(v.number), text });
  }
  for (const f of await store.currentAttachments(db, ids('attachment'))) out.set(`attachment:${f.id}`, { version: f.pdfSha256, text: f.extractedText });
  return out;
}

async function present(db: Db | Tx, viewer: Actor, rows: store.AnnotationRow[]): Promise<Annotation[]> {
  const ids = rows.map((r) => r.id);
  const roots = [...new Set(rows.map((r) => r.parentId ?? r.id))];
  const entries = await store.audiencesOf(db, [...new Set([...ids, ...roots])]);
  const revisions = await store.revisionCounts(db, ids);
  const versions = await currentVersions(db, rows);
  return rows.map((r) => {
    const selector = r.selector ? (JSON.parse(r.selector) as Selector) : null;
    const deleted = r.deleted !== null;
    return {
      id: r.id,
      meetingId: r.meetingId,
      agendaItemId: r.agendaItemId,
      target: r.target,
      documentId: r.documentId,
      documentVersion: r.documentVersion,
      page: r.page,
      selector: deleted ? null : selector,
      quote: deleted ? null : r.quote,
      kind: r.kind,
      visibility: r.visibility,
      audience: entries
        .filter((e) => e.annotationId === (r.parentId ?? r.id) && e.kind !== 'mention')
        .map((e) => ({ kind: e.kind as AudienceEntry['kind'], value: e.value })),
      parentId: r.parentId,
      body: deleted ? '' : r.body,
      color: r.color,
      created: toLocalIso(r.created),
      modified: toLocalIso(r.modified),
      deleted,
      author: { personId: r.authorPersonId, name: r.authorName, initials: r.authorInitials ?? '' },
      mine: r.authorUserId === viewer.userId,
      edited: (revisions.get(r.id) ?? 0) > 0,
      anchor: anchorStatus({ ...r, selector }, r.documentId ? versions.get(`${r.target}:${r.documentId}`) : undefined),
      mentions: entries.filter((e) => e.annotationId === r.id && e.kind === 'mention').map((e) => e.value),
    };
  });
}

/** Where the note goes, checked against what the writer may read; the item it belongs to. */
async function placeOf(tx: Tx, viewer: Actor, b: PutAnnotationBody) {
  const meeting = await store.meetingFacts(tx, b.meetingId);
  const state = meeting?.state as MeetingState;
  if (!meeting || !canOnMeeting(viewer, 'read', { organizationId: meeting.organizationId, state })) throw invalid('meetingId', 'annotation.meeting_unknown');
  let itemId: string | null = b.agendaItemId ?? null;
  let attachmentPublic: boolean | undefined;
  let attachmentOfProposal: boolean | undefined;
  if (b.target === 'proposal') {
    const p = await store.proposalFacts(tx, b.documentId!);
    if (!p || p.meetingId !== meeting.id) throw invalid('documentId', 'annotation.document_not_on_meeting');
    await proposalAccess(tx, viewer, p.id, 'read').catch(() => {
      throw denied(viewer);
    });
    itemId = p.agendaItemId;
  } else if (b.target === 'attachment') {
    const f = await store.attachmentFacts(tx, b.documentId!);
    const onMeeting = f && (f.itemMeetingId ?? f.proposalMeetingId) === meeting.id;
    if (!f || !onMeeting) throw invalid('documentId', 'annotation.document_not_on_meeting');
    const owner = f.agendaItemId ? ({ kind: 'item', id: f.agendaItemId } as const) : ({ kind: 'proposal', id: f.proposalId! } as const);
    const reading = await policyFor(owner)
      .forRead(tx, viewer, owner.id)
      .catch(() => {
        throw denied(viewer);
      });
    if (!mayRead(reading, f)) throw denied(viewer);
    itemId = f.agendaItemId ?? f.proposalItemId;
    attachmentPublic = f.isPublic === 1;
    attachmentOfProposal = !f.agendaItemId;
  }
  if (b.agendaItemId && itemId !== b.agendaItemId) throw invalid('agendaItemId', 'annotation.item_not_on_meeting');
  const item = itemId ? await store.itemFacts(tx, itemId) : undefined;
  if (itemId && (!item || item.meetingId !== meeting.id)) throw invalid('agendaItemId', 'annotation.item_not_on_meeting');
  const facts = {
    organizationId: meeting.organizationId,
    meetingState: state,
    target: b.target,
    itemPublic: item?.isPublic === 1,
    attachmentPublic,
    attachmentOfProposal,
  };
  if (!canReadAnnotated(viewer, facts)) throw denied(viewer);
  return { meeting, itemId };
}

/** Creates or changes the viewer's annotation `id` (the client makes the id: sent twice, stored once). */
export async function putAnnotation(ctx: Ctx, id: string, b: PutAnnotationBody): Promise<{ created: boolean; annotation: Annotation }> {
  const viewer = loggedIn(ctx.viewer);
  const problem = shapeProblem(b);
  if (problem) throw refused(problem);
  let mentioned: string[] = [];
  let meetingTitle = '';
  let closed = false;
  let itemNumber: number | null = null;
  const created = await inTransaction(ctx.db, async (tx) => {
    const existing = await store.findAnnotation(tx, id);
    if (existing && existing.authorUserId !== viewer.userId) throw new AppError('forbidden', why('annotation.not_author'));
    if (existing?.deleted) throw new AppError('conflict', why('annotation.deleted'));
    const { meeting, itemId } = await placeOf(tx, viewer, b);
    meetingTitle = meeting.title;
    const now = nowIso();
    const place = { meetingId: meeting.id, agendaItemId: itemId, target: b.target, documentId: b.target === 'item' ? null : b.documentId! };
    if (b.parentId) {
      const root = await store.visibleAnnotation(tx, viewer, b.parentId);
      const p = replyProblem(root, place);
      if (p) throw refused(p);
    }
    const selector = b.selector ? JSON.stringify(b.selector) : null;
    if (existing) {
      const same =
        existing.meetingId === place.meetingId &&
        existing.agendaItemId === place.agendaItemId &&
        existing.target === place.target &&
        existing.documentId === place.documentId &&
        existing.kind === b.kind &&
        existing.visibility === b.visibility &&
        existing.parentId === (b.parentId ?? null);
      if (!same) throw invalid('id', 'annotation.changed_target');
      if (existing.body !== b.body) {
        const number = await store.nextRevisionNumber(tx, id);
        await tx.insertInto('annotationRevisions').values({ id: crypto.randomUUID(), annotationId: id, number, body: existing.body, created: now }).execute();
      }
      await tx
        .updateTable('annotations')
        .set({
          body: b.body,
          color: b.color ?? null,
          page: b.page ?? null,
          selector,
          quote: b.selector?.exact ?? null,
          documentVersion: b.documentVersion ?? null,
          modified: now,
        })
        .where('id', '=', id)
        .execute();
    } else {
      await tx
        .insertInto('annotations')
        .values({
          id,
          authorUserId: viewer.userId,
          ...place,
          documentVersion: b.target === 'item' ? null : (b.documentVersion ?? null),
          page: b.page ?? null,
          selector,
          quote: b.selector?.exact ?? null,
          kind: b.kind,
          visibility: b.visibility,
          parentId: b.parentId ?? null,
          body: b.body,
          color: b.color ?? null,
          created: now,
          modified: now,
        })
        .execute();
    }
    // Audience (a thread's first comment) and mentions: replaced as sent.
    const before = existing ? (await store.audiencesOf(tx, [id])).filter((e) => e.kind === 'mention').map((e) => e.value) : [];
    if (!b.parentId && b.visibility === 'shared') {
      await tx.deleteFrom('annotationAudiences').where('annotationId', '=', id).where('kind', '<>', 'mention').execute();
      const entries = [
        ...new Map(
          (b.audience ?? []).map((e) => [
            `${e.kind}:${e.value ?? ''}`,
            { kind: e.kind, value: e.kind === 'members' || e.kind === 'secretariat' ? '' : e.value! },
          ]),
        ).values(),
      ];
      if (entries.length)
        await tx
          .insertInto('annotationAudiences')
          .values(entries.map((e) => ({ annotationId: id, ...e })))
          .execute();
    }
    const mentions = [...new Set(b.mentions ?? [])];
    await tx.deleteFrom('annotationAudiences').where('annotationId', '=', id).where('kind', '=', 'mention').execute();
    if (mentions.length) {
      // A mention names someone who sees the comment: checked as they would see it, after it is written.
      const targets = await store.mentionTargets(tx, mentions);
      for (const personId of mentions) {
        const user = targets.find((t) => t.personId === personId);
        const actor = user && (await loadActor(tx, user.userId));
        if (!actor || !(await store.visibleAnnotation(tx, actor, id))) throw invalid('mentions', 'annotation.mention_outside');
      }
      await tx
        .insertInto('annotationAudiences')
        .values(mentions.map((value) => ({ annotationId: id, kind: 'mention' as const, value })))
        .execute();
      mentioned = mentions.filter((m) => !before.includes(m));
    }
    const row = (await store.visibleAnnotation(tx, viewer, id))!;
    closed = row.itemPublic !== 1;
    itemNumber = row.itemNumber;
    await writeAudit(tx, {
      actorUserId: viewer.userId,
      action: existing ? 'annotation.update' : 'annotation.create',
      objectType: 'annotation',
      objectId: id,
      after: { meetingId: meeting.id, agendaItemId: itemId, kind: b.kind, visibility: b.visibility, parentId: b.parentId ?? null },
    });
    return !existing;
  });
  if (mentioned.length && ctx.mailer) await mailMentions(ctx, viewer, b, mentioned, { meetingTitle, closed, itemNumber });
  const row = (await store.visibleAnnotation(ctx.db, viewer, id))!;
  return { created, annotation: (await present(ctx.db, viewer, [row]))[0] };
}

async function mailMentions(
  ctx: Ctx,
  viewer: Actor,
  b: PutAnnotationBody,
  personIds: string[],
  m: { meetingTitle: string; closed: boolean; itemNumber: number | null },
) {
  const targets = (await store.mentionTargets(ctx.db, personIds)).filter((t) => t.email && t.mentions !== 0);
  if (!targets.length) return;
  const mailer = ctx.mailer!;
  const link = `${ctx.baseUrl ?? ''}/meetings/${b.meetingId}`;
  const where = m.itemNumber ? `Punkt ${m.itemNumber}` : 'mødet';
  // A closed item's comment is not retold by e-mail: the meeting, the item's number and the link only.
  const content = m.closed ? '' : `\n\n${b.body}\n`;
  const text = `${viewer.name} har nævnt dig i en kommentar til ${where} på ${m.meetingTitle}.${content}\n\nSe kommentaren: ${link}\n`;
  const to = targets.map((t) => t.email!);
  await afterCommit(ctx.db, async () => {
    await mailer.send({ to, subject: `${viewer.name} har nævnt dig: ${m.meetingTitle}, ${where}`, text });
  });
}

/** Deletes the viewer's annotation (kept as deleted; a comment with replies shows as "slettet"). */
export async function deleteAnnotation(ctx: Ctx, id: string): Promise<void> {
  const viewer = loggedIn(ctx.viewer);
  await inTransaction(ctx.db, async (tx) => {
    const row = await store.visibleAnnotation(tx, viewer, id);
    if (!row || row.deleted) throw notFound('annotation');
    if (row.authorUserId !== viewer.userId) throw new AppError('forbidden', why('annotation.not_author'));
    const now = nowIso();
    const number = await store.nextRevisionNumber(tx, id);
    await tx.insertInto('annotationRevisions').values({ id: crypto.randomUUID(), annotationId: id, number, body: null, created: now }).execute();
    await tx.updateTable('annotations').set({ deleted: now, modified: now }).where('id', '=', id).execute();
    await writeAudit(tx, {
      actorUserId: viewer.userId,
      action: 'annotation.delete',
      objectType: 'annotation',
      objectId: id,
      after: { meetingId: row.meetingId },
    });
  });
}

export async function annotationRevisions(ctx: Ctx, id: string): Promise<{ revisions: AnnotationRevision[] }> {
  const viewer = loggedIn(ctx.viewer);
  const row = await store.visibleAnnotation(ctx.db, viewer, id);
  if (!row) throw notFound('annotation');
  const revisions = await store.revisionsOf(ctx.db, id);
  return { revisions: revisions.map((r) => ({ number: r.number, body: r.body, created: toLocalIso(r.created) })) };
}

async function readableMeeting(db: Db, viewer: Actor, meetingId: string) {
  const meeting = await store.meetingFacts(db, meetingId);
  if (!meeting || !canOnMeeting(viewer, 'read', { organizationId: meeting.organizationId, state: meeting.state as MeetingState })) throw notFound('meeting');
  return meeting;
}

export async function meetingAnnotations(ctx: Ctx, meetingId: string): Promise<MeetingAnnotations> {
  const viewer = loggedIn(ctx.viewer);
  await readableMeeting(ctx.db, viewer, meetingId);
  const rows = (await store.visibleAnnotations(ctx.db, viewer, { meetingId })).reverse();
  const versions = await currentVersions(ctx.db, rows);
  const documents: DocumentVersionInfo[] = [...versions.entries()].map(([key, v]) => {
    const [target, documentId] = key.split(':') as ['proposal' | 'attachment', string];
    return { target, documentId, currentVersion: v.version };
  });
  return { annotations: await present(ctx.db, viewer, rows), documents };
}

export async function audienceOptions(ctx: Ctx, meetingId: string): Promise<AudienceOptions> {
  const viewer = loggedIn(ctx.viewer);
  const meeting = await readableMeeting(ctx.db, viewer, meetingId);
  const people = await store.bodyPeople(ctx.db, meeting.organizationId, copenhagenDate());
  const groups = [...new Set(people.filter((p) => p.role !== 'secretary' && p.groupName).map((p) => p.groupName!))].sort((a, b) => a.localeCompare(b, 'da'));
  const persons = new Map<string, AudienceOptions['persons'][number]>();
  for (const p of people) {
    const entry = persons.get(p.id) ?? { id: p.id, name: p.name, initials: p.initials ?? '', roles: [] };
    if (!entry.roles.includes(p.role)) entry.roles.push(p.role);
    persons.set(p.id, entry);
  }
  return { groups, persons: [...persons.values()] };
}

export async function myAnnotations(ctx: Ctx, q: { q?: string; before?: string; limit: number }): Promise<MyAnnotations> {
  const viewer = loggedIn(ctx.viewer);
  const rows = await store.visibleAnnotations(ctx.db, viewer, { mineOnly: true, q: q.q || undefined, before: q.before, limit: q.limit + 1 });
  const kept = page(rows, q.limit, store.cursorOf);
  const live = kept.rows.filter((r) => !r.deleted);
  const presented = await present(ctx.db, viewer, live);
  return {
    annotations: presented.map((a, i) => ({
      ...a,
      meeting: { id: live[i].meetingId, title: live[i].meetingTitle, start: toLocalIso(live[i].meetingStart) },
      item: live[i].itemNumber !== null ? { number: live[i].itemNumber!, title: live[i].itemTitle ?? '' } : null,
    })),
    next: kept.next,
  };
}

export async function getReadingPosition(ctx: Ctx, meetingId: string): Promise<ReadingPosition> {
  const viewer = loggedIn(ctx.viewer);
  await readableMeeting(ctx.db, viewer, meetingId);
  return { page: (await store.readingPosition(ctx.db, viewer.userId, meetingId))?.page ?? null };
}

export async function setReadingPosition(ctx: Ctx, meetingId: string, pageNumber: number | null): Promise<ReadingPosition> {
  const viewer = loggedIn(ctx.viewer);
  await readableMeeting(ctx.db, viewer, meetingId);
  await store.saveReadingPosition(ctx.db, viewer.userId, meetingId, pageNumber, nowIso());
  return { page: pageNumber };
}

/**
 * The daily retention job: deletes the private notes and highlights (with their earlier texts) of
 * authors whose memberships of the meeting's body all ended more than the body's
 * note_retention_days ago. Audited as a count only.
 */
export async function purgeExpiredNotes(db: Db): Promise<number> {
  return inTransaction(db, async (tx) => {
    const today = copenhagenDate();
    const candidates = await store.expiredPrivateNotes(tx, today);
    const lastDays = new Map<string, string | null>();
    const ids: string[] = [];
    for (const c of candidates) {
      const key = `${c.personId}:${c.organizationId}`;
      if (!lastDays.has(key)) lastDays.set(key, await store.lastMembershipDay(tx, c.personId, c.organizationId));
      const last = lastDays.get(key);
      if (last && last < retentionCutoff(today, c.noteRetentionDays)) ids.push(c.id);
    }
    await store.deleteAnnotations(tx, ids);
    if (ids.length)
      await writeAudit(tx, {
        actorUserId: null,
        action: 'annotation.retention_purge',
        objectType: 'annotation',
        objectId: 'retention',
        after: { count: ids.length },
      });
    return ids.length;
  });
}
