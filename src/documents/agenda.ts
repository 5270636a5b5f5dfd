// The agenda (dagsorden) of a meeting as a tagged PDF and as DOCX, in the seed's form: the short
// agenda, then "1. Title" with Baggrund/formål, Metode, Ansvarlig, "Tid: 20.00 – 20.03 (3 min.)"
// and Bilag. The meeting arrives as its viewer may see it (the server's view): a restricted closed
// item prints its public title and nothing else of it, whatever the fields hold.
import { TextRun, type FileChild } from 'docx';
import type { AgendaItemView, MeetingDetail } from '../meetings/schemas.ts';
import { bulletList, docxBuffer, heading, numberedLists, para, textLines } from './docx.ts';
import { clock, meetingWhen, type Lang } from './format.ts';
import { renderPdf } from './render.ts';

const texts = {
  da: {
    agenda: 'Dagsorden',
    when: 'Mødetid',
    place: 'Mødested',
    short: 'Dagsorden kort',
    purpose: 'Baggrund/formål:',
    method: 'Metode:',
    responsible: 'Ansvarlig:',
    time: 'Tid:',
    attachments: 'Bilag:',
    closed: 'Lukket punkt',
    publicTitle: 'offentlig titel',
    legalBasis: 'Hjemmel:',
    cancelled: 'Mødet er aflyst.',
    empty: 'Dagsordenen har endnu ingen punkter.',
    minutes: 'min.',
    pages: ['side', 'af'] as [string, string],
  },
  en: {
    agenda: 'Agenda',
    when: 'Time',
    place: 'Place',
    short: 'Agenda at a glance',
    purpose: 'Background/purpose:',
    method: 'Method:',
    responsible: 'Responsible:',
    time: 'Time:',
    attachments: 'Attachments:',
    closed: 'Closed item',
    publicTitle: 'public title',
    legalBasis: 'Legal basis:',
    cancelled: 'The meeting is cancelled.',
    empty: 'The agenda has no items yet.',
    minutes: 'min.',
    pages: ['page', 'of'] as [string, string],
  },
} as const;

export interface AgendaOptions {
  /** The body's name (Aarhus Kommune): the header and the document's author. */
  municipality: string;
  lang: Lang;
  /** Print "side x af y" (default); off inside the meeting package, which numbers its pages. */
  numbered?: boolean;
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
  /** "20.00 – 20.03 (3 min.)" */
  time: string;
  attachments: string[];
}

interface AgendaData {
  lang: Lang;
  municipality: string;
  title: string;
  organization: string;
  meetingTitle: string;
  when: string;
  location: string | null;
  cancelled: string | null;
  empty: string | null;
  labels: Omit<(typeof texts)[Lang], 'pages' | 'minutes' | 'cancelled' | 'empty'>;
  pages: [string, string];
  numbered: boolean;
  items: AgendaItemData[];
}

function itemData(i: AgendaItemView, t: (typeof texts)[Lang], lang: Lang): AgendaItemData {
  const time =
    i.plannedMinutes > 0 ? `${clock(i.plannedStart, lang)} – ${clock(i.plannedEnd, lang)} (${i.plannedMinutes} ${t.minutes})` : clock(i.plannedStart, lang);
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
      time,
      attachments: [],
    };
  }
  return {
    number: i.number,
    title: i.title,
    closed: i.public ? null : i.publicTitle ? `${t.closed} (${t.publicTitle}: ${i.publicTitle})` : t.closed,
    legalBasis: i.public ? null : i.legalBasis,
    subheading: i.subheading,
    purpose: i.purpose,
    method: i.method,
    responsible: i.responsible,
    time,
    attachments: i.attachments.map((a) => a.title),
  };
}

function agendaData(m: MeetingDetail, opts: AgendaOptions): AgendaData {
  const t = texts[opts.lang];
  return {
    lang: opts.lang,
    municipality: opts.municipality,
    title: `${t.agenda}: ${m.title}`,
    organization: m.organization.name,
    meetingTitle: m.title,
    when: meetingWhen(m.start, m.end, opts.lang),
    location: m.location,
    cancelled: m.state === 'cancelled' ? t.cancelled : null,
    empty: m.items.length === 0 ? t.empty : null,
    labels: {
      agenda: t.agenda,
      when: t.when,
      place: t.place,
      short: t.short,
      purpose: t.purpose,
      method: t.method,
      responsible: t.responsible,
      time: t.time,
      attachments: t.attachments,
      closed: t.closed,
      publicTitle: t.publicTitle,
      legalBasis: t.legalBasis,
    },
    pages: t.pages,
    // Inside the meeting package the package numbers every page itself.
    numbered: opts.numbered ?? true,
    items: m.items.map((i) => itemData(i, t, opts.lang)),
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
  const children: FileChild[] = [
    para([new TextRun({ text: d.organization, color: '444444' })]),
    heading(1, d.title),
    para([bold(`${l.when}: `), new TextRun(d.when)], { spaceAfter: 0 }),
    ...(d.location ? [para([bold(`${l.place}: `), new TextRun(d.location)])] : []),
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
    children.push(para([bold(`${l.time} `), new TextRun(i.time)]));
    if (i.attachments.length) children.push(para([bold(l.attachments)], { spaceAfter: 0 }), ...bulletList(i.attachments.map((a) => [new TextRun(a)])));
  }
  return docxBuffer({ lang: d.lang, municipality: d.municipality, title: d.title, pages: d.pages, children });
}
