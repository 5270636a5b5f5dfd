// A proposal (indstilling) as a tagged PDF and as DOCX, in the seed's form: "Indstilling til
// Rådmanden" and "27.01.26 - 15 minutter" on top, the title in bold, the sections under headings in
// capitals, "Det indstilles," with the numbered at-points, and the unit, date, case number and case
// officer in a column beside the text on the first page (PDF) or closing the document (DOCX).
// A section with nothing written prints "-", as the seed's RESSOURCER does.
import { TextRun, type FileChild } from 'docx';
import { DEFAULT_TEMPLATE, RECOMMENDATION, type Block, type ProposalContent } from '../proposals/model.ts';
import { bulletList, docxBuffer, heading, numberedLists, para, runs } from './docx.ts';
import { calendarDate, type Lang } from './format.ts';
import { renderPdf } from './render.ts';

export interface ProposalDocumentInput {
  content: ProposalContent;
  /** The meeting's local date, YYYY-MM-DD ("27.01.26" on top), or null before it is scheduled. */
  meetingDate: string | null;
  plannedMinutes: number;
  /** "Fagligt Sekretariat" */
  unitName: string | null;
  /** YYYY-MM-DD */
  proposalDate: string | null;
  caseNumber: string | null;
  caseOfficer: { name: string; phone: string; email: string } | null;
  /** Printed from version 2 on: "Version 2 – ændret: …". */
  version: { number: number; changeNote: string | null } | null;
  municipality: string;
  lang: Lang;
}

const texts = {
  da: {
    to: 'Indstilling til',
    minutes: (n: number) => `${n} minutter`,
    version: 'Version',
    changed: 'ændret',
    recommends: 'Det indstilles,',
    at: 'at',
    caseNumber: 'Sag:',
    officer: 'Sagsbehandler:',
    phone: 'Tlf.:',
    email: 'E-post:',
    pages: ['side', 'af'] as [string, string],
    headings: {} as Record<string, string>,
  },
  en: {
    to: 'Proposal to',
    minutes: (n: number) => `${n} minutes`,
    version: 'Version',
    changed: 'changed',
    recommends: 'It is recommended',
    at: null,
    caseNumber: 'Case:',
    officer: 'Case officer:',
    phone: 'Phone:',
    email: 'E-mail:',
    pages: ['page', 'of'] as [string, string],
    // The default template's headings; a body's own headings are printed as written.
    headings: {
      introduction: 'Introduction',
      [RECOMMENDATION]: 'Recommendation',
      caseDescription: 'Case description',
      resources: 'Resources',
      risks: 'Risks, opportunities and communication',
      furtherProcess: 'Next steps',
      coordinatedWith: 'Coordinated with',
      attachments: 'Attachments',
    } as Record<string, string>,
  },
} as const;

const EMPTY = '-';

interface SectionData {
  heading: string;
  /** "Det indstilles," and the at-points, in the recommendation section only. */
  recommends: string | null;
  atPoints: string[];
  blocks: Block[];
}

interface ProposalData {
  lang: Lang;
  municipality: string;
  title: string;
  running: string;
  pages: [string, string];
  addressee: string;
  meeting: string | null;
  version: string | null;
  sections: SectionData[];
  empty: string;
  /** The side column: the unit in bold, then labelled lines. Empty when nothing is known. */
  unit: string | null;
  side: { label: string | null; value: string }[];
}

function proposalData(p: ProposalDocumentInput): ProposalData {
  const t = texts[p.lang];
  const c = p.content;
  const defaults = new Map(DEFAULT_TEMPLATE.map((s) => [s.key, s.heading]));
  const meeting = [p.meetingDate && calendarDate(p.meetingDate, 'short', p.lang), p.plannedMinutes > 0 && t.minutes(p.plannedMinutes)]
    .filter(Boolean)
    .join(' - ');
  // Danish at-points read "1. at rådmanden godkender …"; the writer may or may not have typed the "at".
  const atPoint = (s: string) => (t.at && !/^at\s/i.test(s) ? `${t.at} ${s}` : s);
  const officer = p.caseOfficer;
  const side = (
    [
      [null, p.proposalDate && calendarDate(p.proposalDate, 'full', p.lang)],
      [t.caseNumber, p.caseNumber],
      [t.officer, officer?.name],
      [t.phone, officer?.phone],
      [t.email, officer?.email],
    ] as const
  ).flatMap(([label, value]) => (value ? [{ label, value }] : []));
  return {
    lang: p.lang,
    municipality: p.municipality,
    title: c.title,
    running: [`${t.to} ${c.addressee}`, p.meetingDate && calendarDate(p.meetingDate, 'short', p.lang)].filter(Boolean).join(' · '),
    pages: t.pages,
    addressee: `${t.to} ${c.addressee}`,
    meeting: meeting || null,
    version:
      p.version && p.version.number > 1 ? `${t.version} ${p.version.number}${p.version.changeNote ? ` – ${t.changed}: ${p.version.changeNote}` : ''}` : null,
    sections: c.sections.map((s) => {
      const recommendation = s.key === RECOMMENDATION && c.atPoints.length > 0;
      return {
        heading: (defaults.get(s.key) === s.heading && t.headings[s.key]) || s.heading,
        recommends: recommendation ? t.recommends : null,
        atPoints: recommendation ? c.atPoints.map(atPoint) : [],
        blocks: s.blocks,
      };
    }),
    empty: EMPTY,
    unit: p.unitName,
    side,
  };
}

export function proposalPdf(input: ProposalDocumentInput): Buffer {
  return renderPdf('proposal', proposalData(input));
}

export function proposalDocx(input: ProposalDocumentInput): Promise<Buffer> {
  const d = proposalData(input);
  const numbered = numberedLists();
  const grey = (text: string, bold = false) => new TextRun({ text, bold, color: '444444', size: 18 });
  const children: FileChild[] = [
    para([new TextRun({ text: d.addressee, bold: true })], { spaceAfter: 0 }),
    ...(d.meeting ? [para([new TextRun(d.meeting)], { spaceAfter: 0 })] : []),
    ...(d.version ? [para([new TextRun({ text: d.version, italics: true })], { spaceAfter: 0 })] : []),
    heading(1, d.title),
  ];
  for (const s of d.sections) {
    children.push(heading(2, s.heading, { allCaps: true }));
    if (s.recommends) children.push(para([new TextRun(s.recommends)], { spaceAfter: 60 }), ...numbered(s.atPoints.map((a) => [new TextRun(a)])));
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') children.push(para(runs(b.spans)));
      else children.push(...bulletList(b.items.map(runs)));
    }
    if (!s.recommends && s.blocks.length === 0) children.push(para([new TextRun(d.empty)]));
  }
  if (d.unit || d.side.length) {
    children.push(para([], { spaceAfter: 240 }));
    if (d.unit) children.push(para([grey(d.unit, true)], { spaceAfter: 60 }));
    children.push(...d.side.map((line) => para([grey(line.label ? `${line.label} ${line.value}` : line.value)], { spaceAfter: 0 })));
  }
  return docxBuffer({ lang: d.lang, municipality: d.municipality, title: d.title, running: d.running, pages: d.pages, children });
}
