// The meeting API's contract: request schemas and response types, shared by the server and the web app.
import { z } from 'zod';
import { pageParams } from '../shared/paging-params.ts';
import { because } from '../shared/reasons.ts';
import { wallClockIssue } from '../shared/wall-clock.ts';

export const LIMITS = {
  titleMax: 300,
  textMax: 20_000,
  shortTextMax: 300,
  plannedMinutesMax: 24 * 60,
  itemsMax: 200,
} as const;

/** Printable text: no control characters except newline and tab in multi-line fields. */
const noControl = /^[^\u0000-\u001f\u007f]*$/;
const noControlMultiline = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

export const singleLine = (max: number) =>
  z
    .string()
    .max(max)
    .regex(noControl, because('text.control'))
    .transform((s) => s.trim());

export const multiLine = (max: number) =>
  z
    .string()
    .max(max)
    .regex(noControlMultiline, because('text.control'))
    .transform((s) => s.replace(/\r\n?/g, '\n'));

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, because('date.format'))
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, because('date.not_in_calendar'));

export const title = singleLine(LIMITS.titleMax).pipe(z.string().min(1, because('text.empty')));

export const meetingStates = ['planned', 'agenda_published', 'in_progress', 'held', 'minutes_approved', 'cancelled'] as const;
export type MeetingState = (typeof meetingStates)[number];

/** What became of each at-point of a proposal. */
export const outcomeCodes = ['approved', 'approved_with_changes', 'noted', 'discussed', 'postponed', 'rejected'] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];

export const itemKinds = ['regular', 'agenda_approval', 'minutes_approval', 'information', 'round_table', 'any_other'] as const;
export type ItemKind = (typeof itemKinds)[number];

/**
 * A wall-clock time in Europe/Copenhagen ("2026-02-04T20:00") or an ISO 8601 instant with offset.
 */
export const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, because('datetime.format'))
  // The night summer time ends 02:30 happens twice, the night it begins never: refused, not guessed.
  .superRefine((value, ctx) => {
    const problem = wallClockIssue(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.reason, params: problem.params });
  });

export const plannedMinutes = z
  .number(because('minutes.whole'))
  .int(because('minutes.whole'))
  .min(0, because('minutes.negative'))
  .max(LIMITS.plannedMinutesMax, because('minutes.max'));

export const createMeetingBody = z.object({
  organizationId: z.string().uuid(),
  title,
  start: dateTime,
  end: dateTime,
  location: singleLine(LIMITS.shortTextMax).optional(),
  /** When proposals for the meeting are due; needed when the usual one (noon seven days before) has passed. */
  proposalDeadline: dateTime.nullable().optional(),
});
export type CreateMeetingBody = z.input<typeof createMeetingBody>;

export const updateMeetingBody = z.object({
  title: title.optional(),
  start: dateTime.optional(),
  end: dateTime.optional(),
  location: singleLine(LIMITS.shortTextMax).optional(),
  /** When proposals for the meeting are due; null: the default (noon seven days before). */
  proposalDeadline: dateTime.nullable().optional(),
});

export const changeStateBody = z.object({ state: z.enum(meetingStates) });

const itemFields = {
  title,
  plannedMinutes,
  subheading: singleLine(LIMITS.shortTextMax).nullable(),
  responsible: singleLine(LIMITS.shortTextMax).nullable(),
  purpose: multiLine(LIMITS.textMax).nullable(),
  method: multiLine(LIMITS.textMax).nullable(),
  kind: z.enum(itemKinds),
  /** A closing item (Evt.): items added without a position go before the closing items at the end. */
  closing: z.boolean(),
  public: z.boolean(),
  publicTitle: singleLine(LIMITS.titleMax).nullable(),
  legalBasis: singleLine(LIMITS.shortTextMax).nullable(),
  decision: multiLine(LIMITS.textMax).nullable(),
  /** A closed item's decision as far as confidentiality allows: what the public reads. */
  publicDecision: multiLine(LIMITS.textMax).nullable(),
  /** Names of attachments to create with a new item (placeholders; files come through the attachments API). */
  attachments: z.array(title).max(50),
};

/** "Øvrige bemærkninger": one entry per remark. */
const remarks = z.array(multiLine(LIMITS.textMax).pipe(z.string().trim().min(1, because('remark.empty')))).max(100);
const outcomes = z
  .array(z.object({ point: z.number().int().min(1).max(30), outcome: z.enum(outcomeCodes) }))
  .max(30)
  .refine((o) => new Set(o.map((x) => x.point)).size === o.length, because('outcome.one_per_point'));

export const createItemBody = z.object({
  ...itemFields,
  plannedMinutes: itemFields.plannedMinutes.default(0),
  subheading: itemFields.subheading.optional(),
  responsible: itemFields.responsible.optional(),
  purpose: itemFields.purpose.optional(),
  method: itemFields.method.optional(),
  kind: itemFields.kind.default('regular'),
  /** Default: an "any other business" item closes the agenda. */
  closing: itemFields.closing.optional(),
  public: itemFields.public.default(true),
  publicTitle: itemFields.publicTitle.optional(),
  legalBasis: itemFields.legalBasis.optional(),
  decision: itemFields.decision.optional(),
  publicDecision: itemFields.publicDecision.optional(),
  attachments: itemFields.attachments.optional(),
  remarks: remarks.optional(),
  outcomes: outcomes.optional(),
  /** 1-based position to insert at; default: last. */
  position: z.number().int().min(1).max(LIMITS.itemsMax).optional(),
  /** The agenda version the client saw; a mismatch is a 409. */
  version: z.number().int().min(0).optional(),
});
export type CreateItemBody = z.input<typeof createItemBody>;

export const updateItemBody = z
  .object({
    title: itemFields.title,
    plannedMinutes: itemFields.plannedMinutes,
    subheading: itemFields.subheading,
    responsible: itemFields.responsible,
    purpose: itemFields.purpose,
    method: itemFields.method,
    kind: itemFields.kind,
    closing: itemFields.closing,
    public: itemFields.public,
    publicTitle: itemFields.publicTitle,
    legalBasis: itemFields.legalBasis,
    decision: itemFields.decision,
    publicDecision: itemFields.publicDecision,
    remarks,
    outcomes,
  })
  .partial()
  .extend({
    /** The agenda version the client saw (any change to the agenda makes it stale). */
    version: z.number().int().min(0).optional(),
    /** The item version the client saw (only a change to this item makes it stale). */
    itemVersion: z.number().int().min(0).optional(),
  });
export type UpdateItemBody = z.input<typeof updateItemBody>;

export const reorderBody = z.object({
  /** The agenda version the client saw. */
  version: z.number().int().min(0),
  itemIds: z.array(z.string().uuid()).max(LIMITS.itemsMax),
});
export type ReorderBody = z.input<typeof reorderBody>;

export const activateBody = z.union([z.object({ itemId: z.string().max(100) }), z.object({ step: z.enum(['next', 'previous']) })]);

export const startMeetingBody = z.object({
  /** Confirms starting before the day the meeting is planned for. */
  early: z.boolean().optional(),
});

export const endMeetingBody = z.object({
  /** What to do with items never taken up: move them to the organization's next meeting, or mark them not handled. */
  openItems: z.enum(['move', 'not_handled']).optional(),
});

/**
 * A page of the meetings the viewer may see: `upcoming` (not yet ended) soonest first, `past` latest
 * first, `all` oldest first; ties by id. `next` in the answer is the `cursor` of the following page.
 */
export const listMeetingsQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
  /** An id that names no organization lists nothing (ids are not checked for shape). */
  organizationId: z.string().max(100).optional(),
  ...pageParams,
});

// ---- responses -------------------------------------------------------------------------------

/** 'pending': an office file waiting for (or in) its conversion to PDF, after the upload. */
export type AttachmentConversion = 'native' | 'pending' | 'converted' | 'unavailable' | 'failed';

export interface AttachmentFileView {
  name: string;
  mediaType: string;
  byteSize: number;
  pageCount: number | null;
  /** How the PDF for the meeting package came about; 'unavailable'/'failed': the package cannot include it. */
  conversion: AttachmentConversion;
  /** The original file. */
  url: string;
  /** The PDF (the original PDF, or one converted from it); null when there is none. */
  pdfUrl: string | null;
}

export interface AttachmentView {
  id: string;
  /**
   * "Bilag 2" …: its number on its agenda item (attachments/model.ts itemParts): the proposal is
   * Bilag 1, then the proposal's files, then the item's own; the same for every audience. A
   * proposal's own list (not on an item) numbers its files from 1.
   */
  number: number;
  title: string;
  /** Whether the public may see it (when its item is open). */
  public: boolean;
  /** null for a named attachment that has no file yet. */
  file: AttachmentFileView | null;
}

/** One numbered part of an agenda item as this audience sees it, in order: what the package holds under the item. */
export type ItemPartView =
  | {
      kind: 'proposal';
      /** Bilag 1 */
      number: number;
      proposalId: string;
      title: string;
      /** "Sag: EMN-2025-00982" */
      caseNumber: string | null;
      /** "Sagsbehandler: …" */
      caseOfficer: string | null;
    }
  | { kind: 'attachment'; number: number; owner: 'proposal' | 'item'; attachment: AttachmentView }
  /** A file this audience may not see: its number and nothing else ("Bilaget er ikke offentligt"). */
  | { kind: 'withheld'; number: number };

export interface AgendaItemView {
  id: string;
  number: number;
  title: string;
  plannedMinutes: number;
  /** ISO 8601 with offset, Europe/Copenhagen. */
  plannedStart: string;
  plannedEnd: string;
  /** True when this item ends after the meeting's planned end. */
  overrun: boolean;
  kind: ItemKind;
  /** A closing item (Evt.): new items go before it. */
  closing: boolean;
  public: boolean;
  /** True when the viewer may see only the public title of a closed item. */
  restricted: boolean;
  subheading: string | null;
  responsible: string | null;
  purpose: string | null;
  method: string | null;
  publicTitle: string | null;
  legalBasis: string | null;
  decision: string | null;
  publicDecision: string | null;
  remarks: string[];
  outcomes: { point: number; outcome: OutcomeCode }[];
  /** The item's own attachments the viewer sees (what the secretariat edits on the item), numbered as in `parts`. */
  attachments: AttachmentView[];
  /** Everything under the item, numbered: its proposal, the proposal's files, its own files; withheld ones keep their number. */
  parts: ItemPartView[];
  /** When the item was actually taken up and left (live mode), ISO 8601 with offset. */
  actualStart: string | null;
  actualEnd: string | null;
  /** How an item left untouched at the end of the meeting was handled. */
  handling: 'not_handled' | 'moved' | null;
  /** Send it back as `itemVersion` when editing the item: a change made meanwhile is a 409. */
  version: number;
}

export interface MeetingAbilities {
  /** May run the meeting live: start, move the active item, end. */
  runLive: boolean;
  /** May record attendance and votes (while the meeting runs, and after, until its minutes are approved). */
  recordMinutes: boolean;
  /** May add, remove, move and retitle items: until the meeting is held (then the agenda is part of the record). */
  editAgenda: boolean;
  editMeeting: boolean;
  /** May delete the meeting: only before it has started. */
  deleteMeeting: boolean;
  /** States the viewer may move the meeting to now. */
  nextStates: MeetingState[];
  /** Sees closed items in full (and may have the members' edition of the package). */
  readClosed: boolean;
  /** May correct approved minutes (a new version with a reason). */
  correctMinutes: boolean;
  /**
   * May approve the held minutes and lock them: 'direct' (approved at the next meeting), or
   * 'withReason' where the members approve digitally and the secretariat may only close that with a reason.
   */
  approveMinutes: 'direct' | 'withReason' | null;
}

export interface MeetingSummary {
  id: string;
  title: string;
  organization: { id: string; name: string; shortName: string | null };
  start: string;
  end: string;
  location: string | null;
  state: MeetingState;
  itemCount: number;
  /** When proposals for it are due: its own deadline, or noon seven days before. */
  proposalsDue: string;
}

export interface MeetingDetail extends MeetingSummary {
  agendaVersion: number;
  /** The meeting's own deadline for proposals, if it has one (else the default applies). */
  proposalDeadline: string | null;
  /** Where the agenda as planned ends. */
  plannedEnd: string;
  /** Minutes the agenda runs past the meeting's end; 0 when it fits. */
  overrunMinutes: number;
  /** The first item that ends after the meeting's end, or null. */
  overrunFromItemId: string | null;
  items: AgendaItemView[];
  abilities: MeetingAbilities;
  modified: string;
  /**
   * What changed on the agenda since it was sent to members (added, removed, moved, changed items),
   * while it is sent and not yet held; empty otherwise.
   */
  changesSinceSent: AgendaChangeView[];
  /** Where the body approves digitally and the secretariat closed the approval without a majority: why. */
  minutesOverrideReason: string | null;
  /** Live mode: null until the meeting starts. The clock is worked out by clients from these times. */
  live: { startedAt: string; endedAt: string | null; activeItemId: string | null; delayMinutes: number | null } | null;
}

/** One change to a sent agenda, with the item as this viewer may see it (a closed item by its public title). */
export interface AgendaChangeView {
  kind: 'added' | 'removed' | 'moved' | 'changed';
  itemId: string;
  /** The item's number now; for a removed item, its number when sent. */
  number: number;
  title: string;
  /** Moved: its number when sent. */
  fromNumber?: number;
  /** Changed: its title when sent, if that changed. */
  fromTitle?: string;
}

export interface MeetingList {
  /** One page, in the list's order. */
  meetings: MeetingSummary[];
  /** The `cursor` of the next page; null on the last. */
  next: string | null;
  /** Organizations in which the viewer may create meetings. */
  canCreateIn: { id: string; name: string }[];
}

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  isAdmin: boolean;
  memberships: { organizationId: string; organizationName: string; role: string }[];
}

export interface ApiError {
  /** `reason` and `params` say why, for the reader (src/shared/reasons.ts); `message` in English. */
  error: { code: string; reason?: string; params?: Record<string, string | number>; message: string; field?: string; details?: unknown };
}
