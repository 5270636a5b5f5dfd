// The agenda (dagsorden) of a meeting as a tagged PDF and as DOCX, in the seed's form: the document's
// date and the sender's column (forvaltning, unit, municipality, address, phone, e-mail), "Mødedato",
// "Mødetid: Kl. 20.00 – 21.30", the short agenda, then "1. Title" with Baggrund/formål, Metode,
// Ansvarlig, Sag and Sagsbehandler (from its proposal), "Tid: 20.00 – 20.03 (3 min.)" and Bilag,
// numbered as the package numbers them. Items whose slot runs past the meeting's end are marked.
// The meeting arrives as its viewer may see it (the server's view): a restricted closed item prints
// its public title and nothing else of it, whatever the fields hold.
import { TextRun, type FileChild } from 'docx';
import type { AgendaItemView, ItemPartView, MeetingDetail } from '../meetings/schemas.ts';
import { bulletList, docxBuffer, heading, numberedLists, para, textLines } from './docx.ts';
import { clock, local, longDate, type Lang } from './format.ts';
import { renderPdf } from './render.ts';

const texts = {
  da: {
    agenda: 'Dagsorden',
    subject: 'Emne:',
    date: 'Mødedato:',
    when: 'Mødetid:',
    at: 'Kl.',
    place: 'Mødested:',
    short: 'Dagsorden kort',
    purpose: 'Baggrund/formål:',
    method: 'Metode:',
    responsible: 'Ansvarlig:',
    caseNumber: 'Sag:',
    caseOfficer: 'Sagsbehandler:',
    time: 'Tid:',
    attachments: 'Bilag:',
    attachment: 'Bilag',
    proposal: 'Indstilling',
    withheld: 'Bilaget er ikke offentligt',
    overrunItem: 'Efter mødets sluttidspunkt',
    overrun: (end: string, minutes: number, number: number) =>
      `Dagsordenen slutter kl. ${end} – ${minutes} min. efter mødets sluttidspunkt (fra punkt ${number})`,
    closed: 'Lukket punkt',
    publicTitle: 'offentlig titel',
    legalBasis: 'Hjemmel:',
    phone: 'Telefon:',
    email: 'E-mail:',
    cancelled: 'Mødet er aflyst.',
    empty: 'Dagsordenen har endnu ingen punkter.',
    minutes: 'min.',
    pages: ['side', 'af'] as [string, string],
  },
  en: {
    agenda: 'Agenda',
    subject: 'Subject:',
    date: 'Date:',
    when: 'Time:',
    at: '',
    place: 'Place:',
    short: 'Agenda at a glance',
    purpose: 'Background/purpose:',
    method: 'Method:',
    responsible: 'Responsible:',
    caseNumber: 'Case:',
    caseOfficer: 'Case officer:',
    time: 'Time:',
    attachments: 'Attachments:',
    attachment: 'Attachment',
    proposal: 'Proposal',
    withheld: 'The attachment is not public',
    overrunItem: 'After the meeting’s end',
    overrun: (end: string, minutes: number, number: number) => `The agenda ends at ${end} – ${minutes} min after the meeting’s end (from item ${number})`,
    closed: 'Closed item',
    publicTitle: 'public title',
    legalBasis: 'Legal basis:',
    phone: 'Phone:',
    email: 'E-mail:',
    cancelled: 'The meeting is cancelled.',
    empty: 'The agenda has no items yet.',
    minutes: 'min.',
    pages: ['page', 'of'] as [string, string],
  },
} as const;

type Texts = (typeof texts)[Lang];

/** Who sends the agenda: the column beside its first page, as the seed's letterhead. */
export interface AgendaSender {
  /** The forvaltning, "Sociale Forhold og Beskæftigelse" (printed in capitals). */
  department: string | null;
  /** "Fagligt Sekretariat" */
  unit: string | null;
  /** Lines of the postal address. */
  address: string | null;
  phone: string | null;
  email: string | null;
}

export interface AgendaOptions {
  /** The body's name (Aarhus Kommune): the header, the sender's column and the document's author. */
  municipality: string;
  lang: Lang;
  /** Print "side x af y" (default); off inside the meeting package, which numbers its pages. */
  numbered?: boolean;
  /** The sender's column; none: no column. */
  sender?: AgendaSender | null;
  /** The document's date (an instant); default: the agenda's last change, so the same agenda prints the same. */
  date?: string;
}

interface AgendaItemData {
  number: number;
  title: string;
  /** "Lukket punkt", and for those who see the whole item, "(offentlig titel: …)". */
  closed: string | null;
  legalBasis: string | null;
  subheading: string | null;
  purpose: string | null;
  method: string | null;
  responsible: string | null;
  caseNumber: string | null;
  caseOfficer: string | null;
  /** "20.00 – 20.03 (3 min.)" */
  time: string;
  /** "Efter mødets sluttidspunkt" when its slot ends after the meeting's end. */
  overrun: string | null;
  /** "Bilag 1: Indstilling: …", numbered as the package numbers them. */
  attachments: string[];
}

interface AgendaData {
  lang: Lang;
  municipality: string;
  title: string;
  organization: string;
  meetingTitle: string;
  /** "23. januar 2026" */
  date: string;
  /** The sender's column, line by line; the first in bold. Empty: no column. */
  sender: { label: string | null; value: string; bold: boolean }[];
  /** Mødedato, Mødetid, Mødested. */
  facts: { label: string; value: string }[];
  /** The agenda runs past the meeting's end. */
  overrun: string | null;
  cancelled: string | null;
  empty: string | null;
  labels: Pick<Texts, 'short' | 'purpose' | 'method' | 'responsible' | 'caseNumber' | 'caseOfficer' | 'time' | 'attachments' | 'closed' | 'legalBasis'>;
  pages: [string, string];
  numbered: boolean;
  items: AgendaItemData[];
}

const partLine = (p: ItemPartView, t: Texts): string => {
  const prefix = `${t.attachment} ${p.number}: `;
  if (p.kind === 'proposal') return `${prefix}${t.proposal}: ${p.title}`;
  if (p.kind === 'withheld') return `${prefix}${t.withheld}`;
  return `${prefix}${p.attachment.title}`;
};

function itemData(i: AgendaItemView, t: Texts, lang: Lang): AgendaItemData {
  const time =
    i.plannedMinutes > 0 ? `${clock(i.plannedStart, lang)} – ${clock(i.plannedEnd, lang)} (${i.plannedMinutes} ${t.minutes})` : clock(i.plannedStart, lang);
  const overrun = i.overrun ? t.overrunItem : null;
  // The server has already replaced the title and emptied the fields; the document keeps to that on its own as well.
  if (i.restricted) {
    return {
      number: i.number,
      title: i.title,
      closed: t.closed,
      legalBasis: i.legalBasis,
      subheading: null,
      purpose: null,
      method: null,
      responsible: null,
      caseNumber: null,
      caseOfficer: null,
      time,
      overrun,
      attachments: [],
    };
  }
  const proposal = i.parts.find((p) => p.kind === 'proposal');
  return {
    number: i.number,
    title: i.title,
    closed: i.public ? null : i.publicTitle ? `${t.closed} (${t.publicTitle}: ${i.publicTitle})` : t.closed,
    legalBasis: i.public ? null : i.legalBasis,
    subheading: i.subheading,
    purpose: i.purpose,
    method: i.method,
    responsible: i.responsible,
    caseNumber: proposal?.caseNumber ?? null,
    caseOfficer: proposal?.caseOfficer ?? null,
    time,
    overrun,
    attachments: i.parts.map((p) => partLine(p, t)),
  };
}

function senderLines(municipality: string, s: AgendaSender | null | undefined, t: Texts): AgendaData['sender'] {
  if (!s) return [];
  const line = (value: string | null | undefined, label: string | null = null, bold = false) => (value ? [{ label, value, bold }] : []);
  return [
    ...line(s.department?.toLocaleUpperCase('da'), null, true),
    ...line(s.unit),
    ...line(municipality),
    ...(s.address ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .flatMap((l) => line(l)),
    ...line(s.phone, t.phone),
    ...line(s.email, t.email),
  ];
}

function agendaData(m: MeetingDetail, opts: AgendaOptions): AgendaData {
  const lang = opts.lang;
  const t = texts[lang];
  const sameDay = local(m.start, lang).hasSame(local(m.end, lang), 'day');
  const hours = `${t.at ? `${t.at} ` : ''}${clock(m.start, lang)} – ${clock(m.end, lang)}${sameDay ? '' : ` (${longDate(m.end, lang)})`}`;
  const overrunFrom = m.items.find((i) => i.id === m.overrunFromItemId);
  return {
    lang,
    municipality: opts.municipality,
    title: `${t.agenda}: ${m.title}`,
    organization: m.organization.name,
    meetingTitle: m.title,
    date: longDate(opts.date ?? m.modified, lang),
    sender: senderLines(opts.municipality, opts.sender, t),
    facts: [{ label: t.date, value: longDate(m.start, lang) }, { label: t.when, value: hours }, ...(m.location ? [{ label: t.place, value: m.location }] : [])],
    overrun: m.overrunMinutes > 0 && overrunFrom ? t.overrun(clock(m.plannedEnd, lang), m.overrunMinutes, overrunFrom.number) : null,
    cancelled: m.state === 'cancelled' ? t.cancelled : null,
    empty: m.items.length === 0 ? t.empty : null,
    labels: {
      short: t.short,
      purpose: t.purpose,
      method: t.method,
      responsible: t.responsible,
      caseNumber: t.caseNumber,
      caseOfficer: t.caseOfficer,
      time: t.time,
      attachments: t.attachments,
      closed: t.closed,
      legalBasis: t.legalBasis,
    },
    pages: t.pages,
    // Inside the meeting package the package numbers every page itself.
    numbered: opts.numbered ?? true,
    items: m.items.map((i) => itemData(i, t, lang)),
  };
}

export function agendaPdf(meeting: MeetingDetail, opts: AgendaOptions): Buffer {
  return renderPdf('agenda', agendaData(meeting, opts));
}

export function agendaDocx(meeting: MeetingDetail, opts: AgendaOptions): Promise<Buffer> {
  const d = agendaData(meeting, opts);
  const l = d.labels;
  const numbered = numberedLists();
  const bold = (text: string) => new TextRun({ text, bold: true });
  const grey = (text: string, strong = false) => new TextRun({ text, bold: strong, color: '444444', size: 18 });
  const children: FileChild[] = [
    ...d.sender.map((s) => para([grey(s.label ? `${s.label} ${s.value}` : s.value, s.bold)], { spaceAfter: 0 })),
    para([grey(d.date)]),
    para([new TextRun({ text: d.organization, color: '444444' })]),
    heading(1, d.title),
    ...d.facts.map((f) => para([bold(`${f.label} `), new TextRun(f.value)], { spaceAfter: 0 })),
    ...(d.overrun ? [para([bold(d.overrun)])] : []),
    ...(d.cancelled ? [para([bold(d.cancelled)])] : []),
  ];
  if (d.empty) children.push(para([new TextRun(d.empty)]));
  else {
    children.push(
      heading(2, l.short),
      ...numbered(d.items.map((i) => [new TextRun(i.title), ...(i.closed ? [new TextRun({ text: ` (${l.closed})`, italics: true })] : [])])),
    );
  }
  for (const i of d.items) {
    children.push(heading(2, `${i.number}. ${i.title}`));
    if (i.closed) children.push(para([new TextRun({ text: i.closed, italics: true })]));
    if (i.legalBasis) children.push(para([bold(`${l.legalBasis} `), new TextRun(i.legalBasis)]));
    if (i.subheading) children.push(para([new TextRun({ text: i.subheading, italics: true })]));
    if (i.purpose) children.push(...textLines(i.purpose, bold(l.purpose)));
    if (i.method) children.push(...textLines(i.method, bold(l.method)));
    if (i.responsible) children.push(para([bold(`${l.responsible} `), new TextRun(i.responsible)]));
    if (i.caseNumber) children.push(para([bold(`${l.caseNumber} `), new TextRun(i.caseNumber)]));
    if (i.caseOfficer) children.push(para([bold(`${l.caseOfficer} `), new TextRun(i.caseOfficer)]));
    children.push(para([bold(`${l.time} `), new TextRun(i.time), ...(i.overrun ? [bold(` – ${i.overrun}`)] : [])]));
    if (i.attachments.length) children.push(para([bold(l.attachments)], { spaceAfter: 0 }), ...bulletList(i.attachments.map((a) => [new TextRun(a)])));
  }
  return docxBuffer({ lang: d.lang, municipality: d.municipality, title: d.title, pages: d.pages, children });
}
