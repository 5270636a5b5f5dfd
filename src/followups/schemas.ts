// The follow-up API's contract, shared by the server and the web app.
import { z } from 'zod';
import { isoDate, multiLine, singleLine } from '../meetings/schemas.ts';
import { pageParams } from '../shared/paging-params.ts';
import { because } from '../shared/reasons.ts';

export const followUpStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

const date = isoDate;
const text = multiLine(4000).pipe(z.string().trim().min(1, because('text.empty')));
const id = z.string().max(100);

export const createFollowUpBody = z.object({
  meetingId: id,
  agendaItemId: id.optional(),
  text,
  ownerUnitId: id.nullable().optional(),
  ownerPersonId: id.nullable().optional(),
  dueDate: date.nullable().optional(),
  focusArea: singleLine(100).nullable().optional(),
});

export const updateFollowUpBody = z.object({
  text: text.optional(),
  ownerUnitId: id.nullable().optional(),
  ownerPersonId: id.nullable().optional(),
  dueDate: date.nullable().optional(),
  focusArea: singleLine(100).nullable().optional(),
  status: z.enum(followUpStatuses).optional(),
});

export const bulkFollowUpBody = z.object({
  ids: z.array(id).min(1).max(500),
  status: z.enum(followUpStatuses).optional(),
  ownerUnitId: id.nullable().optional(),
  ownerPersonId: id.nullable().optional(),
  dueDate: date.nullable().optional(),
});

export const noteBody = z.object({ text });

export const followUpQuery = z.object({
  organizationId: id.optional(),
  unitId: id.optional(),
  ownerPersonId: id.optional(),
  status: z.enum(followUpStatuses).optional(),
  focusArea: singleLine(100).optional(),
  dueFrom: date.optional(),
  dueUntil: date.optional(),
  overdue: z.enum(['1', 'true']).optional(),
  /** Follow-ups I own (as a person or through my unit). */
  mine: z.enum(['1', 'true']).optional(),
  /** Follow-ups I created. */
  createdByMe: z.enum(['1', 'true']).optional(),
  /** A meeting's follow-ups. */
  meetingId: id.optional(),
  /** A page at a time, soonest due first (those without a due date last), then created, then id. */
  ...pageParams,
});

export const suggestBody = z.object({ text: multiLine(20_000) });

export interface FollowUpView {
  id: string;
  text: string;
  status: FollowUpStatus;
  organization: { id: string; name: string };
  meeting: { id: string; title: string; start: string } | null;
  agendaItemId: string | null;
  ownerUnit: { id: string; name: string; shortName: string | null } | null;
  ownerPerson: { id: string; name: string } | null;
  dueDate: string | null;
  focusArea: string | null;
  /** When it was marked done. */
  doneAt: string | null;
  overdue: boolean;
  createdBy: { id: string; name: string } | null;
  notes: { id: string; text: string; author: string | null; created: string }[];
  abilities: { edit: boolean; report: boolean };
  created: string;
  modified: string;
}

export interface FollowUpSuggestion {
  /** The sentence the follow-up was found in. */
  text: string;
  unit: { id: string; shortName: string; name: string };
}
