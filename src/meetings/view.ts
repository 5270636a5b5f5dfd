// Presents a meeting to one viewer: derived slots, and closed items reduced to their public title.
import { canOnMeeting, type Viewer } from '../access/model.ts';
import { localIso, nowMs, toLocalIso } from '../lib/time.ts';
import { agendaChanges, agendaFrozen, nextStates, planAgenda, isLocked, proposalDeadline, type SentItem } from './model.ts';
import { clock } from '../shared/clock.ts';
import type {
  AgendaChangeView,
  AgendaItemView,
  AttachmentConversion,
  AttachmentFileView,
  ItemKind,
  MeetingDetail,
  MeetingState,
  MeetingSummary,
} from './schemas.ts';
import type { ItemRow, MeetingRow } from './store.ts';
import type { AttachmentView, ItemPartView } from './schemas.ts';
import type { ProposalPartsRow } from './store.ts';
import { itemParts } from '../attachments/model.ts';

export interface AttachmentRow {
  id: string;
  agendaItemId: string | null;
  title: string;
  isPublic: number;
  position: number;
  fileName: string | null;
  mediaType: string | null;
  byteSize: number | null;
  pageCount: number | null;
  conversion: string | null;
  pdfSha256: string | null;
}

/** An attachment's file as any viewer who may see the attachment sees it; null for a name without a file. */
export function presentAttachmentFile(a: AttachmentRow): AttachmentFileView | null {
  if (a.fileName === null) return null;
  const url = `/api/attachments/${a.id}/file`;
  return {
    name: a.fileName,
    mediaType: a.mediaType ?? 'application/octet-stream',
    byteSize: Number(a.byteSize ?? 0),
    pageCount: a.pageCount === null ? null : Number(a.pageCount),
    conversion: (a.conversion ?? 'unavailable') as AttachmentConversion,
    url,
    pdfUrl: a.pdfSha256 ? `/api/attachments/${a.id}/pdf` : null,
  };
}

export function summarize(
  row: Pick<
    MeetingRow,
    'id' | 'title' | 'organizationId' | 'organizationName' | 'organizationShortName' | 'start' | 'end' | 'location' | 'state' | 'proposalDeadline'
  > & {
    itemCount?: unknown;
  },
): MeetingSummary {
  return {
    id: row.id,
    title: row.title,
    organization: { id: row.organizationId, name: row.organizationName, shortName: row.organizationShortName },
    start: toLocalIso(row.start),
    end: toLocalIso(row.end),
    location: row.location,
    state: row.state as MeetingState,
    itemCount: Number(row.itemCount ?? 0),
    proposalsDue: toLocalIso(proposalDeadline(row.start, row.proposalDeadline)),
  };
}

/** The timed agenda as one audience sees it; the same for every viewer of that audience. */
export interface PresentedAgenda {
  items: AgendaItemView[];
  plannedEnd: string;
  overrunMinutes: number;
  overrunFromItemId: string | null;
}

const attachmentView = (a: AttachmentRow, number: number): AttachmentView => ({
  id: a.id,
  number,
  title: a.title,
  public: a.isPublic === 1,
  file: presentAttachmentFile(a),
});

/**
 * An item's numbered parts as one audience sees them (attachments/model.ts itemParts, as the package
 * numbers them): a file this audience may not see is its number alone, never its title or name.
 */
function presentParts(
  itemId: string,
  proposal: ProposalPartsRow | null,
  attachments: AttachmentRow[],
  seesClosed: boolean,
): { parts: ItemPartView[]; attachments: AttachmentView[] } {
  const own = attachments.filter((a) => a.agendaItemId === itemId);
  const numbered = itemParts({ proposal, proposalFiles: proposal?.files ?? [], files: own }, { file: (a) => seesClosed || a.isPublic === 1 });
  const parts: ItemPartView[] = [];
  const mine: AttachmentView[] = [];
  for (const p of numbered) {
    if (p.kind === 'proposal') {
      parts.push({
        kind: 'proposal',
        number: p.number,
        proposalId: p.proposal.id,
        title: p.proposal.title,
        caseNumber: p.proposal.caseNumber,
        caseOfficer: p.proposal.caseOfficerName,
      });
    } else if (!p.shown) parts.push({ kind: 'withheld', number: p.number });
    else {
      const view = attachmentView(p.file, p.number);
      parts.push({ kind: 'attachment', number: p.number, owner: p.owner, attachment: view });
      if (p.owner === 'item') mine.push(view);
    }
  }
  return { parts, attachments: mine };
}

/** Whether the viewer sees closed items in full: the one thing that splits the agenda's audiences. */
export const seesClosedItems = (viewer: Viewer, meeting: MeetingRow) =>
  canOnMeeting(viewer, 'readClosed', { organizationId: meeting.organizationId, state: meeting.state as MeetingState });

export function presentAgenda(
  meeting: Pick<MeetingRow, 'start' | 'end'>,
  items: ItemRow[],
  attachments: AttachmentRow[],
  seesClosed: boolean,
  proposals: ProposalPartsRow[] = [],
): PresentedAgenda {
  const proposalOf = new Map(proposals.map((p) => [p.agendaItemId, p]));
  const timing = planAgenda(Date.parse(meeting.start), Date.parse(meeting.end), items);
  // Objects are built whole, not spread: on this hot path object spread was 8× slower (bench:api).
  const views: AgendaItemView[] = items.map((item, i) => {
    const slot = timing.slots[i];
    const open = item.isPublic === 1;
    const hidden = !open && !seesClosed;
    const parts = hidden ? { parts: [], attachments: [] } : presentParts(item.id, proposalOf.get(item.id) ?? null, attachments, seesClosed);
    return {
      id: item.id,
      number: slot.number,
      title: hidden ? (item.publicTitle ?? '') : item.title,
      plannedMinutes: item.plannedMinutes,
      plannedStart: localIso(slot.start),
      plannedEnd: localIso(slot.end),
      overrun: slot.overrun,
      kind: item.kind as ItemKind,
      closing: item.closing === 1,
      public: open,
      restricted: hidden,
      subheading: hidden ? null : item.subheading,
      responsible: hidden ? null : item.responsible,
      purpose: hidden ? null : item.purpose,
      method: hidden ? null : item.method,
      publicTitle: item.publicTitle,
      legalBasis: item.legalBasis,
      // The public reads a closed item's publishable decision; those who may see it, the full one.
      decision: hidden ? item.publicDecision : item.decision,
      publicDecision: item.publicDecision,
      remarks: hidden || !item.remarks ? [] : (JSON.parse(item.remarks) as string[]),
      outcomes: hidden || !item.outcomes ? [] : (JSON.parse(item.outcomes) as AgendaItemView['outcomes']),
      attachments: parts.attachments,
      parts: parts.parts,
      actualStart: item.actualStart && toLocalIso(item.actualStart),
      actualEnd: item.actualEnd && toLocalIso(item.actualEnd),
      handling: item.handling as AgendaItemView['handling'],
      version: item.version,
    };
  });
  return {
    items: views,
    plannedEnd: localIso(timing.plannedEnd),
    overrunMinutes: timing.overrunMinutes,
    overrunFromItemId: timing.overrunFromItemId,
  };
}

function liveDelay(meeting: MeetingRow, agenda: PresentedAgenda): number | null {
  const items = agenda.items.map((i) => ({
    id: i.id,
    plannedStart: Date.parse(i.plannedStart),
    plannedEnd: Date.parse(i.plannedEnd),
    actualStart: i.actualStart ? Date.parse(i.actualStart) : null,
    actualEnd: i.actualEnd ? Date.parse(i.actualEnd) : null,
  }));
  const shift = meeting.startedAt ? Date.parse(meeting.startedAt) - Date.parse(meeting.start) : 0;
  return clock(items, meeting.activeItemId, meeting.endedAt ? Date.parse(meeting.endedAt) : nowMs(), shift).delayMinutes;
}

// Worked out once per agenda version, audience and sending: a meeting read is the API's hot path.
const changesCache = new Map<string, { sent: string; changes: AgendaChangeView[] }>();

/** The changes to a sent agenda, as this audience sees the items (a closed item by its public title). */
function changesSinceSent(meeting: MeetingRow, agenda: PresentedAgenda, seesClosed: boolean): AgendaChangeView[] {
  if (!meeting.sentAgenda || (meeting.state !== 'agenda_published' && meeting.state !== 'in_progress')) return [];
  const key = `${meeting.id}:${meeting.agendaVersion}:${seesClosed}`;
  const hit = changesCache.get(key);
  if (hit?.sent === meeting.sentAgenda) return hit.changes;
  const changes = diffSent(meeting.sentAgenda, agenda, seesClosed);
  if (changesCache.size >= 2000) changesCache.delete(changesCache.keys().next().value!);
  changesCache.set(key, { sent: meeting.sentAgenda, changes });
  return changes;
}

function diffSent(sentAgenda: string, agenda: PresentedAgenda, seesClosed: boolean): AgendaChangeView[] {
  const asSeen = (s: SentItem): SentItem => (seesClosed || s.public ? s : { ...s, title: s.publicTitle ?? '' });
  const sent = (JSON.parse(sentAgenda) as SentItem[]).map(asSeen);
  const current = agenda.items.map((i) => ({
    id: i.id,
    number: i.number,
    title: i.title,
    publicTitle: i.publicTitle,
    public: i.public,
    plannedMinutes: i.plannedMinutes,
  }));
  return agendaChanges(sent, current).map((c) => ({
    kind: c.kind,
    itemId: c.item.id,
    number: c.item.number,
    title: c.item.title,
    ...(c.kind === 'moved' ? { fromNumber: c.fromNumber } : {}),
    ...(c.kind === 'changed' && c.was.title !== c.item.title ? { fromTitle: c.was.title } : {}),
  }));
}

export function presentMeeting(viewer: Viewer, meeting: MeetingRow, agenda: PresentedAgenda): MeetingDetail {
  const resource = { organizationId: meeting.organizationId, state: meeting.state as MeetingState };
  const mayEdit = canOnMeeting(viewer, 'edit', resource);
  const state = meeting.state as MeetingState;
  return {
    id: meeting.id,
    title: meeting.title,
    organization: { id: meeting.organizationId, name: meeting.organizationName, shortName: meeting.organizationShortName },
    start: toLocalIso(meeting.start),
    end: toLocalIso(meeting.end),
    location: meeting.location,
    state,
    itemCount: agenda.items.length,
    proposalsDue: toLocalIso(proposalDeadline(meeting.start, meeting.proposalDeadline)),
    agendaVersion: meeting.agendaVersion,
    proposalDeadline: meeting.proposalDeadline && toLocalIso(meeting.proposalDeadline),
    modified: toLocalIso(meeting.modified),
    plannedEnd: agenda.plannedEnd,
    overrunMinutes: agenda.overrunMinutes,
    overrunFromItemId: agenda.overrunFromItemId,
    items: agenda.items,
    changesSinceSent: changesSinceSent(meeting, agenda, canOnMeeting(viewer, 'readClosed', resource)),
    minutesOverrideReason: meeting.minutesOverrideReason,
    live: meeting.startedAt
      ? {
          startedAt: toLocalIso(meeting.startedAt),
          endedAt: meeting.endedAt && toLocalIso(meeting.endedAt),
          activeItemId: meeting.activeItemId,
          delayMinutes: liveDelay(meeting, agenda),
        }
      : null,
    abilities: {
      runLive: canOnMeeting(viewer, 'changeState', resource) && (state === 'agenda_published' || state === 'in_progress'),
      recordMinutes: canOnMeeting(viewer, 'changeState', resource) && (state === 'in_progress' || state === 'held'),
      editMeeting: mayEdit && !isLocked(state),
      // A meeting that has started is kept (cancelled or held, never deleted).
      deleteMeeting: canOnMeeting(viewer, 'delete', resource) && (state === 'planned' || state === 'agenda_published'),
      editAgenda: canOnMeeting(viewer, 'editAgenda', resource) && !agendaFrozen(state),
      nextStates: canOnMeeting(viewer, 'changeState', resource) ? [...nextStates(state)] : [],
      readClosed: canOnMeeting(viewer, 'readClosed', resource),
      correctMinutes: canOnMeeting(viewer, 'changeState', resource) && state === 'minutes_approved',
      approveMinutes:
        canOnMeeting(viewer, 'changeState', resource) && state === 'held' ? (Number(meeting.digitalApproval) === 1 ? 'withReason' : 'direct') : null,
    },
  };
}
