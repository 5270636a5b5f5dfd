// The annual wheel's API contract, shared by the server and the web app.
import { z } from 'zod';
import { multiLine, plannedMinutes, singleLine, title } from '../meetings/schemas.ts';
import { because } from '../shared/reasons.ts';
import { pageParams } from '../shared/paging-params.ts';

export const wheelKinds = ['statutory', 'committee_decision', 'goals_economy', 'other'] as const;
export type WheelKind = (typeof wheelKinds)[number];

const id = z.string().max(100);

export const entryBody = z.object({
  title,
  /** The month the case must reach an agenda: 1 (January) – 12 (December)… */
  month: z.number().int().min(1, because('month.range')).max(12, because('month.range')).nullable().optional(),
  /** …or the first meeting after a day of the year, MM-DD (e.g. "08-01"). */
  afterDate: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, because('day_of_year.format'))
    .nullable()
    .optional(),
  kind: z.enum(wheelKinds),
  reason: multiLine(2000).nullable().optional(),
  unitId: id.nullable().optional(),
  responsible: singleLine(300).nullable().optional(),
  minutes: plannedMinutes.default(10),
  method: multiLine(2000).nullable().optional(),
});

/** GET /api/wheels: by organization and year, a page at a time (the next in a Link header). */
export const wheelQuery = z.object({ organizationId: id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), ...pageParams });

export const createWheelBody = z.object({ organizationId: id, year: z.number().int().min(2000).max(2100), title });

export const placeBody = z.object({ meetingId: id });

export interface WheelEntryView {
  id: string;
  title: string;
  month: number | null;
  afterDate: string | null;
  kind: WheelKind;
  reason: string | null;
  unit: { id: string; shortName: string | null; name: string } | null;
  responsible: string | null;
  minutes: number;
  method: string | null;
  /** The month the entry falls in this year (for an "after" rule: the month of the meeting it goes to, or of its date). */
  dueMonth: number;
  /** Where it has been placed this year, if it has. */
  placed: { meetingId: string; itemId: string; start: string } | null;
  /** The meeting it would go to, if it has not been placed. */
  offer: { meetingId: string; start: string; title: string } | null;
  /** True when it is due and no meeting of the organization falls in its month. */
  noMeeting: boolean;
  /** For a "first meeting after" case: its meeting is more than a month after the date (a deadline may slip). */
  late: boolean;
}

/** One row of GET /api/wheels. */
export type WheelSummary = Pick<WheelView, 'id' | 'organization' | 'year' | 'title' | 'status'>;

export interface WheelView {
  id: string;
  organization: { id: string; name: string };
  year: number;
  title: string;
  status: 'draft' | 'approved';
  approved: string | null;
  entries: WheelEntryView[];
  abilities: { edit: boolean };
}
