// The agenda item form's values and their mapping to the API bodies (pure, no React).
import { createItemBody, itemKinds, type AgendaItemView, type ItemKind, type OutcomeCode, type UpdateItemBody } from '../../../src/meetings/schemas.ts';
import type { T } from '../i18n/index.tsx';
import { issuesToFieldErrors, type FieldErrors } from '../shared/errors.ts';

export interface ItemValues {
  title: string;
  plannedMinutes: string;
  kind: ItemKind;
  subheading: string;
  responsible: string;
  purpose: string;
  method: string;
  /** A closing item (Evt.): items added later go before it. */
  closing: boolean;
  public: boolean;
  publicTitle: string;
  legalBasis: string;
  decision: string;
  /** A closed item's decision as far as confidentiality allows. */
  publicDecision: string;
  /** "Øvrige bemærkninger": one remark per line. */
  remarks: string;
  outcomes: { point: number; outcome: OutcomeCode }[];
  /** One attachment name per line. */
  attachments: string;
}

export const emptyItem: ItemValues = {
  title: '',
  plannedMinutes: '0',
  kind: 'regular',
  subheading: '',
  responsible: '',
  purpose: '',
  method: '',
  closing: false,
  public: true,
  publicTitle: '',
  legalBasis: '',
  decision: '',
  publicDecision: '',
  remarks: '',
  outcomes: [],
  attachments: '',
};

export function valuesFromItem(item: AgendaItemView): ItemValues {
  return {
    title: item.title,
    plannedMinutes: String(item.plannedMinutes),
    kind: itemKinds.includes(item.kind) ? item.kind : 'regular',
    subheading: item.subheading ?? '',
    responsible: item.responsible ?? '',
    purpose: item.purpose ?? '',
    method: item.method ?? '',
    closing: item.closing,
    public: item.public,
    publicTitle: item.publicTitle ?? '',
    legalBasis: item.legalBasis ?? '',
    decision: item.decision ?? '',
    publicDecision: item.publicDecision ?? '',
    remarks: item.remarks.join('\n'),
    outcomes: item.outcomes,
    attachments: item.attachments.map((a) => a.title).join('\n'),
  };
}

const orNull = (s: string) => (s.trim() ? s : null);

export interface ItemBody {
  title: string;
  plannedMinutes: number;
  kind: ItemKind;
  subheading: string | null;
  responsible: string | null;
  purpose: string | null;
  method: string | null;
  closing: boolean;
  public: boolean;
  publicTitle: string | null;
  legalBasis: string | null;
  decision: string | null;
  publicDecision: string | null;
  remarks: string[];
  outcomes: { point: number; outcome: OutcomeCode }[];
  attachments: string[];
}

export function toBody(v: ItemValues): ItemBody {
  return {
    title: v.title.trim(),
    plannedMinutes: v.plannedMinutes.trim() === '' ? 0 : Number(v.plannedMinutes),
    kind: v.kind,
    subheading: orNull(v.subheading),
    responsible: orNull(v.responsible),
    purpose: orNull(v.purpose),
    method: orNull(v.method),
    closing: v.closing,
    public: v.public,
    // A closed item's public title and legal basis mean nothing once it is open again.
    publicTitle: v.public ? null : orNull(v.publicTitle),
    legalBasis: v.public ? null : orNull(v.legalBasis),
    decision: orNull(v.decision),
    publicDecision: v.public ? null : orNull(v.publicDecision),
    remarks: v.remarks
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    outcomes: v.outcomes,
    attachments: v.attachments
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  };
}

export function validateItem(v: ItemValues, t: T): FieldErrors {
  const body = toBody(v);
  const parsed = createItemBody.safeParse(body);
  const errors = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t);
  if (!body.title) errors.title = t('validation.required');
  if (!body.public && !body.publicTitle) errors.publicTitle = t('validation.required');
  if (!body.public && !body.legalBasis) errors.legalBasis = t('validation.required');
  return errors;
}

/** Only the fields that changed, so an edit never rewrites what it did not touch. */
export function changedFields(before: ItemBody, after: ItemBody): UpdateItemBody {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof ItemBody)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  return out as UpdateItemBody;
}
