// What goes into a meeting package (mødepakke) for an audience, and how its parts are numbered and
// stamped. Pure: the operations gather the facts, the documents module lays out the PDF.
import { itemParts } from '../attachments/model.ts';

/** Members get every item they may see; the public edition has open items and public attachments only. */
export type Edition = 'full' | 'public';
export type Lang = 'da' | 'en';

export interface AttachmentFacts {
  id: string;
  title: string;
  fileName: string | null;
  isPublic: boolean;
  pdfSha256: string | null;
  conversion: string | null;
}

/** Where a part's pages come from. */
export type PartOrigin =
  | { kind: 'proposal'; proposalId: string }
  | { kind: 'minutes'; meetingId: string }
  | { kind: 'file'; sha256: string }
  | { kind: 'missing'; reason: MissingReason }
  /** Not for this audience (a file that is not public): the number stays, with a page saying so. */
  | { kind: 'withheld' };

export type MissingReason = 'no_file' | 'no_converter' | 'conversion_failed' | 'converting' | 'unreadable';

export interface PlannedPart {
  /** "Bilag 2" */
  number: number;
  /** "Indstilling: Vision for Job Aarhus", "Bilag 1: Vision for Job Aarhus - slideshow.pdf" */
  label: string;
  /** "Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf" */
  stamp: string;
  origin: PartOrigin;
  /** For the ZIP of separate files. */
  fileName: string;
  /** The attachment the part shows (null for a proposal, and for a part showing no file of this edition). */
  attachmentId: string | null;
}

export interface ItemFacts {
  number: number;
  title: string;
  /** Closed and the audience may not see it: only its public title appears, with no parts. */
  restricted: boolean;
  /** `withheld`: the item has a proposal this audience may not read (it still is Bilag 1). */
  proposal: { id: string; title: string; withheld?: boolean } | null;
  proposalAttachments: AttachmentFacts[];
  attachments: AttachmentFacts[];
  /** A "Godkendelse af referat" item: the meeting whose minutes it carries, and their file name. */
  approves: { meetingId: string; fileName: string } | null;
}

const words = {
  da: { item: 'Punkt', attachment: 'Bilag', proposal: 'Indstilling' },
  en: { item: 'Item', attachment: 'Attachment', proposal: 'Proposal' },
} as const;

/** What a withheld part says in the stamp and on its page, instead of anything of the file. */
export const withheldText: Record<Lang, string> = { da: 'Bilaget er ikke offentligt', en: 'The attachment is not public' };

export const missingText: Record<Lang, Record<MissingReason, string>> = {
  da: {
    no_file: 'Bilaget er kun oprettet med sit navn; filen er ikke lagt ind.',
    no_converter: 'Filen kunne ikke omdannes til PDF, fordi LibreOffice ikke er installeret på serveren. Hent den originale fil fra mødet.',
    conversion_failed: 'Filen kunne ikke omdannes til PDF. Hent den originale fil fra mødet.',
    converting: 'Filen er ved at blive omdannet til PDF. Dan mødepakken igen om lidt.',
    unreadable: 'Filen kan ikke åbnes som PDF (den er beskadiget eller kræver en adgangskode). Hent den originale fil fra mødet.',
  },
  en: {
    no_file: 'The attachment exists by name only; no file has been added.',
    no_converter: 'The file could not be converted to PDF because LibreOffice is not installed on the server. Download the original from the meeting.',
    conversion_failed: 'The file could not be converted to PDF. Download the original from the meeting.',
    converting: 'The file is being converted to PDF. Build the meeting package again in a moment.',
    unreadable: 'The file cannot be opened as PDF (it is damaged or needs a password). Download the original from the meeting.',
  },
};

function attachmentOrigin(a: AttachmentFacts, approves: ItemFacts['approves']): PartOrigin {
  // The previous minutes are attached to "Godkendelse af referat" by name; the package renders them.
  if (approves && !a.pdfSha256 && a.title === approves.fileName) return { kind: 'minutes', meetingId: approves.meetingId };
  if (a.pdfSha256) return { kind: 'file', sha256: a.pdfSha256 };
  if (!a.fileName) return { kind: 'missing', reason: 'no_file' };
  const reasons: Record<string, MissingReason> = { unavailable: 'no_converter', pending: 'converting' };
  return { kind: 'missing', reason: reasons[a.conversion ?? ''] ?? 'conversion_failed' };
}

const safeFileName = (s: string) => s.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').slice(0, 150);

/**
 * An item's parts in package order, numbered as the agenda numbers them (attachments/model.ts
 * itemParts): its proposal first (as the seed's "Punkt 3, Bilag 1: Indstilling: …"), then the
 * proposal's attachments, then the item's own. The public edition keeps the number of an attachment
 * that is not public, as a 'withheld' part that names nothing of it; a restricted item has no parts.
 */
export function planItemParts(item: ItemFacts, edition: Edition, lang: Lang): PlannedPart[] {
  if (item.restricted) return [];
  const w = words[lang];
  const inOrder = (files: AttachmentFacts[]) => files.map((a, position) => ({ ...a, position }));
  const numbered = itemParts(
    { proposal: item.proposal, proposalFiles: inOrder(item.proposalAttachments), files: inOrder(item.attachments) },
    { proposal: (p) => !p.withheld, file: (a) => edition === 'full' || a.isPublic },
  );
  return numbered.map((p) => {
    const part: Omit<PlannedPart, 'number' | 'stamp' | 'fileName' | 'attachmentId'> = !p.shown
      ? { label: withheldText[lang], origin: { kind: 'withheld' } }
      : p.kind === 'proposal'
        ? { label: `${w.proposal}: ${p.proposal.title}`, origin: { kind: 'proposal', proposalId: p.proposal.id } }
        : { label: p.file.fileName ?? p.file.title, origin: attachmentOrigin(p.file, item.approves) };
    const prefix = `${w.item} ${item.number}, ${w.attachment} ${p.number}`;
    const kind = part.origin.kind;
    const name = kind === 'file' || kind === 'proposal' || kind === 'minutes' ? part.label.replace(/\.[a-z0-9]{2,5}$/i, '') + '.pdf' : part.label;
    const attachmentId = p.shown && p.kind === 'file' ? p.file.id : null;
    return { ...part, number: p.number, stamp: `${prefix}: ${part.label}`, fileName: safeFileName(`${prefix} - ${name}`), attachmentId };
  });
}

/** The key a built package is cached under: everything that changes what it holds. */
export function packageKey(facts: {
  meetingId: string;
  edition: Edition;
  lang: Lang;
  agendaVersion: number;
  meetingModified: string;
  proposals: { id: string; modified: string }[];
  approvedFrom: string[];
}): string {
  return JSON.stringify([
    facts.meetingId,
    facts.edition,
    facts.lang,
    facts.agendaVersion,
    facts.meetingModified,
    facts.proposals.map((p) => `${p.id}@${p.modified}`).sort(),
    facts.approvedFrom,
  ]);
}

export type MapTarget = 'cover' | 'agenda' | 'proposal' | 'attachment' | 'minutes' | 'withheld' | 'missing';

/** A run of the package's pages: the cover, the agenda, or one part of an item (the reader's page map). */
export interface MapPart {
  itemNumber: number | null;
  agendaItemId: string | null;
  /** "Forside", "Dagsorden", "Bilag 2: slides.pdf" (the part's bookmark). */
  label: string;
  target: MapTarget;
  /** The proposal's or the attachment's id; null for cover, agenda, minutes, withheld and missing parts. */
  documentId: string | null;
  /** The proposal's version number (as text), or the attachment's PDF's sha256. */
  documentVersion: string | null;
  /** 1-based. */
  firstPage: number;
  pageCount: number;
}

export interface PackageMap {
  pageCount: number;
  /** The items in agenda order, with their titles (the reader's outline names them). */
  items: { number: number; agendaItemId: string; title: string }[];
  parts: MapPart[];
}

const mapWords = { da: { cover: 'Forside', agenda: 'Dagsorden' }, en: { cover: 'Cover', agenda: 'Agenda' } } as const;

/**
 * Where each piece of a built package lies: the parts in package order (as assemble.ts lays them
 * out), with the page counts the assembly reported (`layout`). `version` names the proposal's
 * version the package shows.
 */
export function packageMap(
  items: { id: string; number: number; title: string; parts: PlannedPart[] }[],
  layout: { coverPages: number; agendaPages: number; partPages: number[][] },
  version: (proposalId: string) => string | null,
  lang: Lang,
): PackageMap {
  const parts: MapPart[] = [];
  let next = 1;
  const add = (part: Omit<MapPart, 'firstPage' | 'pageCount'>, pageCount: number) => {
    parts.push({ ...part, firstPage: next, pageCount });
    next += pageCount;
  };
  const front = { itemNumber: null, agendaItemId: null, documentId: null, documentVersion: null };
  add({ ...front, label: mapWords[lang].cover, target: 'cover' }, layout.coverPages);
  add({ ...front, label: mapWords[lang].agenda, target: 'agenda' }, layout.agendaPages);
  items.forEach((item, i) => {
    item.parts.forEach((part, j) => {
      const o = part.origin;
      const document =
        o.kind === 'proposal'
          ? { target: 'proposal' as const, documentId: o.proposalId, documentVersion: version(o.proposalId) }
          : o.kind === 'file'
            ? { target: 'attachment' as const, documentId: part.attachmentId, documentVersion: o.sha256 }
            : { target: o.kind, documentId: null, documentVersion: null };
      const label = `${words[lang].attachment} ${part.number}: ${part.label}`;
      add({ itemNumber: item.number, agendaItemId: item.id, label, ...document }, layout.partPages[i]?.[j] ?? 0);
    });
  });
  return { pageCount: next - 1, items: items.map((i) => ({ number: i.number, agendaItemId: i.id, title: i.title })), parts };
}
