// Attendance and votes: the API contract, shared by the server and the web app.
import { z } from 'zod';
import { because } from '../shared/reasons.ts';
import type { MinutesLabels } from './texts.ts';
import { multiLine, outcomeCodes, singleLine } from '../meetings/schemas.ts';

export const voteOptions = ['for', 'against', 'blank', 'absent'] as const;
export type VoteOptionName = (typeof voteOptions)[number];

const id = z.string().max(100);

export const attendanceBody = z.object({
  present: z.boolean(),
  reason: singleLine(300).nullable().optional(),
  /** A member who left during the meeting: the last item they took part in. */
  leftAfterItemId: id.nullable().optional(),
});

export const approveMinutesBody = z.object({
  /** Where the body approves digitally: why the secretariat closes the approval without the members' majority. */
  overrideReason: multiLine(2000).optional(),
});

export const voteEventBody = z.object({
  motion: multiLine(2000).pipe(z.string().trim().min(1, because('vote.motion_empty'))),
  votes: z
    .array(
      z.object({
        personId: id.optional(),
        /** A party group's votes, counted `weight` times, when votes follow group lines. */
        group: singleLine(100).optional(),
        weight: z.number().int().min(1).max(100).default(1),
        option: z.enum(voteOptions),
        dissent: multiLine(2000).optional(),
      }),
    )
    .min(1, because('vote.none'))
    .max(200),
});

export interface AttendanceView {
  person: { id: string; name: string };
  role: string;
  group: string | null;
  /** null: not recorded yet. */
  present: boolean | null;
  reason: string | null;
  leftAfterItemId: string | null;
  /** The number of the item after which the member left. */
  leftAfterNumber: number | null;
  /** The first item number the member is not at (1: absent): from it on, the member is not in a vote. */
  absentFrom: number | null;
}

export interface Counts {
  for: number;
  against: number;
  blank: number;
  absent: number;
}

export interface VoteEventView {
  id: string;
  agendaItemId: string;
  motion: string;
  counts: Counts;
  result: 'adopted' | 'rejected' | 'tied';
  votes: { person: { id: string; name: string } | null; group: string | null; weight: number; option: VoteOptionName; dissent: string | null }[];
}

export const correctionBody = z.object({
  itemId: id,
  /** The decision as corrected; omitted: unchanged. */
  decision: multiLine(20_000).optional(),
  /** The outcome per at-point as corrected; omitted: unchanged. */
  outcomes: z
    .array(z.object({ point: z.number().int().min(1).max(30), outcome: z.enum(outcomeCodes) }))
    .max(30)
    .refine((o) => new Set(o.map((x) => x.point)).size === o.length, because('outcome.one_per_point'))
    .optional(),
  /** "Øvrige bemærkninger" as corrected; omitted: unchanged. */
  remarks: z
    .array(multiLine(20_000).pipe(z.string().trim().min(1, because('remark.empty'))))
    .max(100)
    .optional(),
  reason: singleLine(1000).pipe(z.string().min(3, because('correction.reason_short'))),
});

/** The minutes (referat) as the reader may see them: one shape for the web page, the PDF and the DOCX. */
export interface MinutesView {
  meetingId: string;
  lang: 'da' | 'en';
  /** The fixed words, in the minutes' language. */
  labels: MinutesLabels;
  municipality: string;
  title: string;
  organization: string;
  /** "4. februar 2026", "kl. 20.00 – 21.30" */
  date: string;
  time: string;
  location: string | null;
  status: string;
  present: string[];
  absent: string[];
  items: {
    number: number;
    title: string;
    minutes: number;
    closed: boolean;
    legalBasis: string | null;
    decision: string | null;
    /** "At-punkt 1: Godkendt med ændringer" */
    outcomes: string[];
    remarks: string[];
    handling: string | null;
    corrections: string[];
    votes: { motion: string; counts: string; dissents: string[] }[];
    /** owner: null when the text already begins with it ("FAS følger op …"); due: "3. februar 2026". */
    followUps: { owner: string | null; text: string; due: string | null }[];
  }[];
  /** Without extension: "referat-2026-01-20". */
  fileName: string;
}

/** Digital approval of the minutes, item by item, where the body uses it. */
export interface ItemApprovalsView {
  /** The body approves its minutes digitally. */
  enabled: boolean;
  /** Approvals are being collected now (the meeting is held, its minutes not yet approved). */
  open: boolean;
  memberCount: number;
  /** Approvals an item needs: more than half of the members. */
  needed: number;
  /** The viewer is a member and may approve. */
  mayApprove: boolean;
  items: { itemId: string; approved: boolean; approvedBy: string[]; mine: boolean }[];
}
