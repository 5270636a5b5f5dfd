// The proposal API's contract, shared by the server and the web app.
import { z } from 'zod';
import { pageParams } from '../shared/paging-params.ts';
import { isoDate, LIMITS, multiLine, plannedMinutes, singleLine, title } from '../meetings/schemas.ts';
import { because } from '../shared/reasons.ts';
import type { Block, ProposalEvent, ProposalState } from './model.ts';

export const PROPOSAL_LIMITS = { atPointsMax: 30, atPointMax: 2_000, sectionMax: 50_000, changeNoteMax: 2_000 } as const;

const atPoint = singleLine(PROPOSAL_LIMITS.atPointMax).pipe(z.string().min(1, because('proposal.at_point_empty')));

const caseOfficer = z.object({
  name: singleLine(LIMITS.shortTextMax),
  phone: singleLine(40).pipe(z.string().regex(/^[0-9+ ()-]*$/, because('proposal.phone'))),
  email: z.union([z.literal(''), z.string().trim().email().max(LIMITS.shortTextMax)]),
});

/** A section in its written form: blank lines separate paragraphs, "- " starts a bullet, **bold**. */
const sectionInput = z.object({ key: z.string().max(60), text: multiLine(PROPOSAL_LIMITS.sectionMax) });

const contentFields = {
  title,
  addressee: singleLine(LIMITS.shortTextMax).pipe(z.string().min(1, because('text.empty'))),
  atPoints: z.array(atPoint).max(PROPOSAL_LIMITS.atPointsMax, because('proposal.at_points_max')),
  sections: z.array(sectionInput).max(40),
};

const metaFields = {
  unitId: z.string().uuid().nullable(),
  meetingId: z.string().uuid().nullable(),
  plannedMinutes,
  caseNumber: singleLine(60).nullable(),
  caseOfficer: caseOfficer.nullable(),
  proposalDate: isoDate.nullable(),
};

export const createProposalBody = z.object({
  organizationId: z.string().uuid(),
  ...contentFields,
  addressee: contentFields.addressee.optional(),
  atPoints: contentFields.atPoints.default([]),
  sections: contentFields.sections.default([]),
  unitId: metaFields.unitId.optional(),
  meetingId: metaFields.meetingId.optional(),
  plannedMinutes: metaFields.plannedMinutes.default(10),
  caseNumber: metaFields.caseNumber.optional(),
  caseOfficer: metaFields.caseOfficer.optional(),
  proposalDate: metaFields.proposalDate.optional(),
});
export type CreateProposalBody = z.input<typeof createProposalBody>;

export const updateProposalBody = z
  .object({ ...contentFields, ...metaFields })
  .partial()
  .extend({
    /** The proposal's version the client saw (optimistic lock): a mismatch is a 409. */
    version: z.number().int().min(1),
    /** Required once the proposal has been sent to members: the edit becomes a new version. */
    changeNote: multiLine(PROPOSAL_LIMITS.changeNoteMax).optional(),
  });
export type UpdateProposalBody = z.input<typeof updateProposalBody>;

/** A body's own template: its sections in order, each a key (letters) and its printed heading. */
export const templateBody = z.object({
  sections: z
    .array(
      z.object({
        key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, because('template.key_format')),
        heading: singleLine(LIMITS.shortTextMax).pipe(z.string().min(1, because('text.empty'))),
      }),
    )
    .min(1)
    .max(30),
});
export type TemplateBody = z.input<typeof templateBody>;

export interface TemplateView {
  organizationId: string;
  /** The body has its own template (else the seed's is used). */
  own: boolean;
  sections: { key: string; heading: string }[];
}

export const proposalEvents = ['submit', 'return', 'accept', 'schedule', 'unschedule', 'decide', 'withdraw'] as const;

export const transitionBody = z.object({
  event: z.enum(proposalEvents),
  /** The secretariat's explicit acceptance of a proposal submitted after the deadline. */
  acceptLate: z.boolean().optional(),
  /**
   * "schedule": the agenda item's publication, decided in the same step (required), so a closed
   * case is never public for a moment: open, or closed with its public title and legal basis.
   */
  item: z
    .object({
      public: z.boolean(),
      publicTitle: singleLine(LIMITS.titleMax).nullable().optional(),
      legalBasis: singleLine(LIMITS.shortTextMax).nullable().optional(),
    })
    .optional(),
  version: z.number().int().min(1).optional(),
});

export const proposalQuery = z.object({
  meetingId: z.string().uuid().optional(),
  organizationId: z.string().uuid().optional(),
  /** Only the viewer's own and their units' proposals. */
  mine: z.coerce.boolean().optional(),
  /** The viewer's own, their units', and those addressed to the bodies whose secretariat they are. */
  desk: z.coerce.boolean().optional(),
  ...pageParams,
});

export interface ProposalSectionView {
  key: string;
  heading: string;
  blocks: Block[];
  /** The same in its written form, for the editor. */
  text: string;
}

export interface ProposalVersionSummary {
  number: number;
  created: string;
  changeNote: string | null;
  author: string | null;
  /** Made after the proposal was sent to members: members are shown the change. */
  afterSending: boolean;
}

export interface ProposalView {
  id: string;
  state: ProposalState;
  title: string;
  addressee: string;
  atPoints: string[];
  sections: ProposalSectionView[];
  organization: { id: string; name: string };
  unit: { id: string; name: string; shortName: string | null } | null;
  meeting: { id: string; title: string; start: string; state: string } | null;
  agendaItemId: string | null;
  plannedMinutes: number;
  caseNumber: string | null;
  caseOfficer: { name: string; phone: string; email: string } | null;
  proposalDate: string | null;
  /** The version shown, and every version there is. */
  shownVersion: number;
  versions: ProposalVersionSummary[];
  sentToMembers: boolean;
  /** When proposals for its meeting are due (local time), and whether it came after that. */
  deadline: string | null;
  submittedAt: string | null;
  late: boolean;
  lateAccepted: boolean;
  /** Optimistic lock: send it back with an edit. */
  version: number;
  abilities: { edit: boolean; events: ProposalEvent[] };
  created: string;
  modified: string;
}

export interface ProposalSummary {
  id: string;
  state: ProposalState;
  title: string;
  unit: { id: string; name: string; shortName: string | null } | null;
  meeting: { id: string; title: string; start: string } | null;
  agendaItemId: string | null;
  latestVersion: number;
  /** Versions made after it was sent to members. */
  changedAfterSending: number;
  late: boolean;
  modified: string;
}
