// Proposals (indstillinger): their text as structured data, the template of sections, the life
// cycle and the deadline. Pure: no I/O.
import type { Problem } from '../shared/reasons.ts';

/** A run of text, optionally bold. Text is data: never interpreted as markup by any renderer. */
export interface Span {
  text: string;
  bold?: boolean;
}

export type Block = { kind: 'paragraph'; spans: Span[] } | { kind: 'bullets'; items: Span[][] };

export interface ProposalSection {
  key: string;
  heading: string;
  blocks: Block[];
}

/** What a version of a proposal says. Metadata that can change between versions lives here too. */
export interface ProposalContent {
  title: string;
  /** "Rådmanden", "Social- og Beskæftigelsesudvalget" … */
  addressee: string;
  /** The numbered "at"-points under "Det indstilles,". */
  atPoints: string[];
  sections: ProposalSection[];
}

/** The recommendation section holds the at-points; its blocks are what is written around them. */
export const RECOMMENDATION = 'recommendation';

export interface TemplateSection {
  key: string;
  /** Danish heading as printed (the documents print it in capitals). */
  heading: string;
}

/** The seed's template (Aarhus, Sociale Forhold og Beskæftigelse). A body may configure its own. */
export const DEFAULT_TEMPLATE: readonly TemplateSection[] = [
  { key: 'introduction', heading: 'Indledning' },
  { key: RECOMMENDATION, heading: 'Indstilling' },
  { key: 'caseDescription', heading: 'Sagsfremstilling' },
  { key: 'resources', heading: 'Ressourcer' },
  { key: 'risks', heading: 'Risici, muligheder og kommunikative opmærksomheder' },
  { key: 'furtherProcess', heading: 'Videre proces' },
  { key: 'coordinatedWith', heading: 'Koordineret med' },
  { key: 'attachments', heading: 'Bilag' },
];

/** What is wrong with a body's template, if anything: keys unique, the at-points' section present. */
export function templateProblem(sections: readonly TemplateSection[]): Problem | null {
  const keys = sections.map((s) => s.key);
  if (new Set(keys).size !== keys.length) return { reason: 'template.key_twice' };
  if (!keys.includes(RECOMMENDATION)) return { reason: 'template.recommendation_missing', params: { key: RECOMMENDATION } };
  return null;
}

/** Puts sections into the template's order; keeps every template section (empty when not written), drops unknown keys. */
export function arrangeSections(template: readonly TemplateSection[], written: { key: string; blocks: Block[] }[]): ProposalSection[] {
  const byKey = new Map(written.map((s) => [s.key, s.blocks]));
  return template.map((t) => ({ key: t.key, heading: t.heading, blocks: byKey.get(t.key) ?? [] }));
}

// ---- Plain-text form: what a writer types, and what the editor shows ----
// Paragraphs are separated by a blank line; lines starting with "- " or "• " are bullets;
// **double asterisks** mark bold. Nothing else has meaning.

const BULLET = /^\s*(?:[-•*])\s+/;

export function parseSpans(line: string): Span[] {
  const spans: Span[] = [];
  const parts = line.split('**');
  // An unmatched ** is kept as text rather than silently swallowing the rest of the line.
  const balanced = parts.length % 2 === 1;
  parts.forEach((text, i) => {
    const bold = balanced && i % 2 === 1;
    const t = !balanced && i > 0 ? `**${text}` : text;
    if (t === '') return;
    const last = spans[spans.length - 1];
    if (last && !!last.bold === bold) last.text += t;
    else spans.push(bold ? { text: t, bold: true } : { text: t });
  });
  return spans;
}

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let bullets: Span[][] = [];
  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', spans: parseSpans(paragraph.join(' ')) });
    paragraph = [];
  };
  const flushBullets = () => {
    if (bullets.length) blocks.push({ kind: 'bullets', items: bullets });
    bullets = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flushParagraph();
      flushBullets();
    } else if (BULLET.test(raw)) {
      flushParagraph();
      bullets.push(parseSpans(line.replace(BULLET, '')));
    } else {
      flushBullets();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushBullets();
  return blocks;
}

const spansText = (spans: Span[]) => spans.map((s) => (s.bold ? `**${s.text}**` : s.text)).join('');

export function blocksToText(blocks: Block[]): string {
  return blocks.map((b) => (b.kind === 'paragraph' ? spansText(b.spans) : b.items.map((i) => `- ${spansText(i)}`).join('\n'))).join('\n\n');
}

// ---- Life cycle ----

export const PROPOSAL_STATES = ['draft', 'submitted', 'accepted', 'scheduled', 'decided', 'withdrawn'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export type ProposalEvent = 'submit' | 'return' | 'accept' | 'schedule' | 'unschedule' | 'decide' | 'withdraw';

/** Who does it: the writer (case officer, their unit) or the secretariat of the deciding body. */
export type ProposalRole = 'writer' | 'secretary';

const transitions: Record<ProposalEvent, { from: readonly ProposalState[]; to: ProposalState; by: readonly ProposalRole[] }> = {
  submit: { from: ['draft'], to: 'submitted', by: ['writer', 'secretary'] },
  // Sent back to the writer for changes.
  return: { from: ['submitted', 'accepted'], to: 'draft', by: ['secretary'] },
  accept: { from: ['submitted'], to: 'accepted', by: ['secretary'] },
  schedule: { from: ['accepted'], to: 'scheduled', by: ['secretary'] },
  unschedule: { from: ['scheduled'], to: 'accepted', by: ['secretary'] },
  decide: { from: ['scheduled'], to: 'decided', by: ['secretary'] },
  withdraw: { from: ['draft', 'submitted', 'accepted', 'scheduled'], to: 'withdrawn', by: ['writer', 'secretary'] },
};

export type TransitionResult = { ok: true; to: ProposalState } | { ok: false; reason: 'not_allowed' | 'not_permitted' | 'late' };

/**
 * The one rule for a proposal's state changes. A proposal submitted after the meeting's deadline
 * is only accepted when the secretariat says so explicitly (`acceptLate`).
 */
export function transition(
  state: ProposalState,
  event: ProposalEvent,
  ctx: { roles: readonly ProposalRole[]; late?: boolean; acceptLate?: boolean },
): TransitionResult {
  const t = transitions[event];
  if (!t.from.includes(state)) return { ok: false, reason: 'not_allowed' };
  if (!t.by.some((r) => ctx.roles.includes(r))) return { ok: false, reason: 'not_permitted' };
  if (event === 'accept' && ctx.late && !ctx.acceptLate) return { ok: false, reason: 'late' };
  return { ok: true, to: t.to };
}

export const allowedEvents = (state: ProposalState, roles: readonly ProposalRole[]): ProposalEvent[] =>
  (Object.keys(transitions) as ProposalEvent[]).filter((e) => {
    const r = transition(state, e, { roles, acceptLate: true });
    return r.ok;
  });

/** The text is the writer's until submitted; after that the secretariat may still correct it until decided. */
export function mayEditText(state: ProposalState, roles: readonly ProposalRole[]): boolean {
  if (state === 'draft') return roles.length > 0;
  if (state === 'submitted' || state === 'accepted' || state === 'scheduled') return roles.includes('secretary');
  return false;
}

// ---- Deadline ----

// When proposals for a meeting are due is the meeting's rule: meetings/model.ts proposalDeadline.

export const isLate = (submittedAt: string | null, deadline: string | null): boolean =>
  !!submittedAt && !!deadline && Date.parse(submittedAt) > Date.parse(deadline);
