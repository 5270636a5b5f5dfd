// The meeting plan's API contract, shared by the server and the web app.
import { z } from 'zod';
import { isoDate, singleLine, title, type MeetingState } from '../meetings/schemas.ts';
import { because } from '../shared/reasons.ts';
import { pageParams } from '../shared/paging-params.ts';

const date = isoDate;
const time = z.string().regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, because('time.format'));
const note = singleLine(300).optional();
const location = singleLine(300).nullable().optional();

export const planRule = z.object({
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1, because('weekday.range')).max(7, because('weekday.range')),
  intervalWeeks: z.number().int().min(1).max(8).default(1),
  startTime: time,
  endTime: time,
  from: date,
  until: date,
  location,
  meetingTitle: title,
});
export type PlanRule = z.output<typeof planRule>;

export const planException = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('holiday'), date, until: date.optional(), note }),
  z.object({ kind: z.literal('cancelled'), date, note }),
  z.object({ kind: z.literal('moved'), date, toDate: date, startTime: time, endTime: time, location, note }),
  z.object({ kind: z.literal('added'), date, startTime: time, endTime: time, location, note }),
]);
export type PlanException = z.output<typeof planException>;

export const planStatuses = ['draft', 'approved', 'superseded'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const createPlanBody = z.object({
  organizationId: z.string().uuid(),
  year: z.number().int().min(2000).max(2100),
  title,
  rule: planRule,
  exceptions: z.array(planException).max(400).default([]),
});

export const updatePlanBody = z.object({
  title: title.optional(),
  rule: planRule.optional(),
  exceptions: z.array(planException).max(400).optional(),
});

export const approvePlanBody = z.object({
  /** For each meeting the approval would change although it has an agenda: apply the change or keep the meeting as it is. */
  decisions: z.record(z.string(), z.enum(['apply', 'keep'])).default({}),
});

export interface OccurrenceView {
  /** The date of the rule this occurrence comes from (for an added meeting, its own date). */
  key: string;
  date: string;
  start: string;
  end: string;
  location: string | null;
  source: 'rule' | 'moved' | 'added';
  note: string | null;
}

export interface PlanChangeView {
  create: OccurrenceView[];
  move: { meetingId: string; from: string; to: OccurrenceView }[];
  cancel: { meetingId: string; start: string }[];
  link: { meetingId: string; start: string }[];
  conflicts: { meetingId: string; start: string; change: 'move' | 'cancel'; to: OccurrenceView | null; items: number; state: MeetingState }[];
}

/** GET /api/plans: by organization and year, a page at a time (the next in a Link header). */
export const planQuery = z.object({
  organizationId: z.string().max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageParams,
});

/** One row of GET /api/plans. */
export type PlanSummary = Pick<PlanView, 'id' | 'organization' | 'year' | 'title' | 'status' | 'approved'>;

/** The answer to approving a plan: the approved plan and what happened to the meetings. */
export interface ApprovalResult {
  plan: PlanView;
  created: number;
  moved: number;
  cancelled: number;
  linked: number;
  kept: number;
}

export interface PlanView {
  id: string;
  organization: { id: string; name: string };
  year: number;
  title: string;
  status: PlanStatus;
  revisesId: string | null;
  approved: string | null;
  rule: PlanRule;
  exceptions: PlanException[];
  occurrences: OccurrenceView[];
  /** What approving would do to the meetings (drafts, for those who may approve). */
  preview: PlanChangeView | null;
  abilities: { edit: boolean; approve: boolean; revise: boolean };
  modified: string;
}
