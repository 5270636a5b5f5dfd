// The proposal editor's values, their mapping to the API body, and the errors by the form's fields
// (pure, no React). The server's schema checks the body here too, so the limits are never restated.
import type { ZodType } from 'zod';
import { updateProposalBody, type ProposalView, type UpdateProposalBody } from '../../../src/proposals/schemas.ts';
import { ApiError } from '../api.ts';
import type { T } from '../i18n/index.tsx';
import { issueText, type FieldErrors } from '../shared/errors.ts';
import { serverText } from '../shared/serverFieldError.ts';

export interface AtPointValue {
  /** Stable across moves, so React keeps each row's input (and its focus) with its text. */
  id: string;
  text: string;
}

export interface ProposalValues {
  title: string;
  addressee: string;
  meetingId: string;
  unitId: string;
  plannedMinutes: string;
  caseNumber: string;
  proposalDate: string;
  caseOfficerName: string;
  caseOfficerPhone: string;
  caseOfficerEmail: string;
  atPoints: AtPointValue[];
  /** Each section's text in its written form, by key. */
  sections: Record<string, string>;
  changeNote: string;
}

let nextId = 0;
export const newAtPoint = (text = ''): AtPointValue => ({ id: `at-${++nextId}`, text });

export function valuesFromView(p: ProposalView): ProposalValues {
  return {
    title: p.title,
    addressee: p.addressee,
    meetingId: p.meeting?.id ?? '',
    unitId: p.unit?.id ?? '',
    plannedMinutes: String(p.plannedMinutes),
    caseNumber: p.caseNumber ?? '',
    proposalDate: p.proposalDate ?? '',
    caseOfficerName: p.caseOfficer?.name ?? '',
    caseOfficerPhone: p.caseOfficer?.phone ?? '',
    caseOfficerEmail: p.caseOfficer?.email ?? '',
    atPoints: p.atPoints.map((text) => newAtPoint(text)),
    sections: Object.fromEntries(p.sections.map((s) => [s.key, s.text])),
    changeNote: '',
  };
}

export const minutesOf = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

export function toBody(v: ProposalValues, sectionKeys: string[], version: number): UpdateProposalBody {
  const officer = { name: v.caseOfficerName.trim(), phone: v.caseOfficerPhone.trim(), email: v.caseOfficerEmail.trim() };
  return {
    version,
    title: v.title,
    addressee: v.addressee,
    atPoints: v.atPoints.map((p) => p.text),
    sections: sectionKeys.map((key) => ({ key, text: v.sections[key] ?? '' })),
    meetingId: v.meetingId || null,
    unitId: v.unitId || null,
    plannedMinutes: minutesOf(v.plannedMinutes),
    caseNumber: v.caseNumber.trim() || null,
    proposalDate: v.proposalDate || null,
    caseOfficer: officer.name || officer.phone || officer.email ? officer : null,
    ...(v.changeNote.trim() ? { changeNote: v.changeNote } : {}),
  };
}

/** The text members read: a change to it after sending makes a new version. */
export const textOf = (v: ProposalValues) =>
  JSON.stringify([v.title.trim(), v.addressee.trim(), v.atPoints.map((p) => p.text.trim()), Object.entries(v.sections).map(([k, s]) => [k, s.trim()])]);

/**
 * The form's field for a field the server or the schema names: "atPoints.1" → "atPoint.1",
 * "sections.2.text" → "section.caseDescription", "caseOfficer.email" → "caseOfficerEmail".
 */
export const formField =
  (sectionKeys: string[]) =>
  (field: string): string | undefined => {
    const [top, next] = field.replace(/^body\./, '').split('.');
    if (top === 'atPoints') return next === undefined ? 'atPoints' : `atPoint.${next}`;
    if (top === 'sections') return next !== undefined && sectionKeys[Number(next)] ? `section.${sectionKeys[Number(next)]}` : undefined;
    if (top === 'caseOfficer') return `caseOfficer${(next ?? 'name').charAt(0).toUpperCase()}${(next ?? 'name').slice(1)}`;
    const known = ['title', 'addressee', 'meetingId', 'unitId', 'plannedMinutes', 'caseNumber', 'proposalDate', 'changeNote', 'organizationId'];
    return known.includes(top) ? top : undefined;
  };

/** A failed save in words: the proposal's own messages, a stale version, or the shared wording. */
export function proposalErrorText(err: unknown, t: T): string {
  if (err instanceof ApiError) {
    if (err.code === 'conflict') return t('proposalForm.conflict');
    if (err.code === 'invalid_transition') return t('proposalForm.error.notEditable');
  }
  return serverText(err, t);
}

/** The schema's verdict on the body, by the form's fields. */
export function schemaErrors(body: unknown, mapField: (field: string) => string | undefined, t: T, schema: ZodType = updateProposalBody): FieldErrors {
  const parsed = schema.safeParse(body);
  const found: FieldErrors = {};
  if (parsed.success) return found;
  for (const issue of parsed.error.issues) {
    const field = mapField(issue.path.join('.'));
    if (field && !(field in found)) found[field] = issueText(issue, t);
  }
  return found;
}

/** The checks the schema cannot make: what must be filled in, and a note on a changed text once sent. */
export function requiredErrors(v: ProposalValues, t: T, needsNote: boolean): FieldErrors {
  const found: FieldErrors = {};
  if (!v.title.trim()) found.title = t('validation.required');
  if (!v.addressee.trim()) found.addressee = t('validation.required');
  if (v.plannedMinutes.trim() === '') found.plannedMinutes = t('validation.required');
  v.atPoints.forEach((p, i) => {
    if (!p.text.trim()) found[`atPoint.${i}`] = t('proposalForm.error.atPointEmpty');
  });
  if (!v.caseOfficerName.trim() && (v.caseOfficerPhone.trim() || v.caseOfficerEmail.trim())) found.caseOfficerName = t('proposalForm.error.officerName');
  if (needsNote && !v.changeNote.trim()) found.changeNote = t('proposalForm.error.changeNote');
  return found;
}
