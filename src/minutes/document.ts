// The minutes (referat) of a meeting as a tagged PDF in the seed's form, as the reader may see it:
// closed items show their public title only, follow-ups only to those who may read them.
import { DateTime } from 'luxon';
import type { Viewer } from '../access/model.ts';
import type { Db } from '../db/connection.ts';
import { TextRun, type FileChild } from 'docx';
import { bulletList, docxBuffer, heading, para, textLines } from '../documents/docx.ts';
import { renderPdf } from '../documents/render.ts';
import { allFollowUps } from '../followups/operations.ts';
import { municipalityOf } from '../organizations/store.ts';
import { ZONE } from '../lib/time.ts';
import { getMeeting } from '../meetings/operations.ts';
import { attendance, voteEvents } from './operations.ts';
import { corrections } from './approval.ts';
import { minutesTexts, type Lang } from './texts.ts';
import type { MinutesView } from './schemas.ts';

/** "FAS følger op …" already names its owner FAS: the minutes then do not put "FAS:" before it. */
const startsWithName = (text: string, name: string) => text.startsWith(name) && !/[\p{L}\p{N}]/u.test(text.charAt(name.length));

/** The minutes as data, as the reader may see them: what the web page, the PDF and the DOCX all show. */
export async function minutesData(ctx: { db: Db; viewer: Viewer }, id: string, lang: Lang = 'da'): Promise<MinutesView> {
  const w = minutesTexts[lang];
  const m = await getMeeting(ctx, id);
  const followUps = ctx.viewer ? await allFollowUps(ctx, { meetingId: id }) : [];
  const municipality = await municipalityOf(ctx.db, m.organization.id);
  const [present, votes, fixes] = await Promise.all([attendance(ctx, id), voteEvents(ctx, id), corrections(ctx, id)]);
  const start = DateTime.fromISO(m.start, { setZone: true })
    .setZone(ZONE)
    .setLocale(lang === 'da' ? 'da' : 'en-GB');
  const end = DateTime.fromISO(m.end, { setZone: true }).setZone(ZONE);
  const localDate = (date: string) => DateTime.fromISO(date, { zone: ZONE }).setLocale(lang === 'da' ? 'da' : 'en-GB');
  return {
    meetingId: m.id,
    lang,
    labels: w.labels,
    municipality,
    title: w.title(m.title),
    organization: m.organization.name,
    date: start.toFormat(w.dateFormat),
    time: w.time(start.toFormat(w.clock), end.toFormat(w.clock)),
    location: m.location,
    status: m.state === 'minutes_approved' && m.minutesOverrideReason ? w.overridden(m.minutesOverrideReason) : (w.status[m.state] ?? m.state),
    present: present
      .filter((a) => a.present)
      .map((a) => `${a.person.name}${a.group ? ` (${a.group})` : ''}${a.leftAfterNumber !== null ? ` – ${w.leftAfter(a.leftAfterNumber)}` : ''}`),
    absent: present.filter((a) => a.present === false).map((a) => `${a.person.name}${a.reason ? ` (${a.reason})` : ''}`),
    items: m.items.map((i) => ({
      number: i.number,
      title: i.title,
      minutes: i.plannedMinutes,
      closed: !i.public,
      legalBasis: i.legalBasis,
      decision: i.decision,
      outcomes: [...i.outcomes].sort((a, b) => a.point - b.point).map((o) => w.outcome(o.point, o.outcome)),
      remarks: i.remarks,
      handling: i.handling ? w.handling[i.handling] : null,
      corrections: fixes
        .filter((c) => c.agendaItemId === i.id)
        .map((c) =>
          w.corrected(
            DateTime.fromISO(c.created, { setZone: true })
              .setZone(ZONE)
              .setLocale(lang === 'da' ? 'da' : 'en-GB')
              .toFormat(w.dateFormat),
            c.reason,
          ),
        ),
      votes: votes
        .filter((v) => v.agendaItemId === i.id)
        .map((v) => ({
          motion: v.motion,
          counts: w.counts(v.counts, v.result),
          dissents: v.votes.filter((x) => x.dissent).map((x) => `${x.person?.name ?? x.group}: ${x.dissent}`),
        })),
      followUps: i.restricted
        ? []
        : followUps
            .filter((f) => f.agendaItemId === i.id)
            .map((f) => {
              const owner = f.ownerUnit?.shortName ?? f.ownerUnit?.name ?? f.ownerPerson?.name ?? '—';
              return { owner: startsWithName(f.text, owner) ? null : owner, text: f.text, due: f.dueDate ? localDate(f.dueDate).toFormat(w.dateFormat) : null };
            }),
    })),
    fileName: `${w.fileName}-${start.toISODate()}`,
  };
}

export async function minutesPdf(ctx: { db: Db; viewer: Viewer }, id: string, lang: Lang = 'da'): Promise<{ pdf: Buffer; filename: string }> {
  const data = await minutesData(ctx, id, lang);
  return { pdf: renderPdf('minutes', data), filename: `${data.fileName}.pdf` };
}

/** The minutes as a Word document, in the same form as the PDF. */
export async function minutesDocx(ctx: { db: Db; viewer: Viewer }, id: string, lang: Lang = 'da'): Promise<{ docx: Buffer; filename: string }> {
  const d = await minutesData(ctx, id, lang);
  const l = d.labels;
  const children: FileChild[] = [
    heading(1, d.title),
    para([new TextRun(d.organization)]),
    para([new TextRun(`${d.date}, ${d.time}${d.location ? `, ${d.location}` : ''}`)]),
    para([new TextRun(d.status)]),
  ];
  if (d.present.length) children.push(para([new TextRun({ text: `${l.present} `, bold: true }), new TextRun(d.present.join(', '))]));
  if (d.absent.length) children.push(para([new TextRun({ text: `${l.absent} `, bold: true }), new TextRun(d.absent.join(', '))]));
  for (const item of d.items) {
    children.push(heading(2, `${l.item} ${item.number}: ${item.title}${item.minutes > 0 ? ` (${item.minutes} min)` : ''}`));
    if (item.closed) children.push(para([new TextRun({ text: `${l.closed}${item.legalBasis ? ` (${item.legalBasis})` : ''}`, italics: true })]));
    if (item.decision !== null || item.outcomes.length) {
      children.push(para([new TextRun({ text: `${l.decisionFor} ${item.number}: ${item.title}`, bold: true })]));
      if (item.decision !== null) children.push(...textLines(item.decision));
      for (const o of item.outcomes) children.push(para([new TextRun(o)]));
      for (const c of item.corrections) children.push(para([new TextRun({ text: c, italics: true })]));
    } else if (item.handling) children.push(para([new TextRun({ text: item.handling, italics: true })]));
    if (item.remarks.length) {
      children.push(para([new TextRun({ text: l.remarks, bold: true })]));
      children.push(...bulletList(item.remarks.map((r) => [new TextRun(r)])));
    }
    for (const v of item.votes) {
      children.push(para([new TextRun({ text: `${l.vote} `, bold: true }), new TextRun(`${v.motion} – ${v.counts}`)]));
      for (const x of v.dissents) children.push(para([new TextRun({ text: `${l.dissent} `, italics: true }), new TextRun(x)]));
    }
    if (item.followUps.length) {
      children.push(para([new TextRun({ text: l.followUp, bold: true })]));
      children.push(...bulletList(item.followUps.map((f) => [new TextRun(`${f.owner ? `${f.owner}: ` : ''}${f.text}${f.due ? ` (${l.due} ${f.due})` : ''}`)])));
    }
  }
  const docx = await docxBuffer({ lang, municipality: d.municipality, title: d.title, pages: l.pages, children });
  return { docx, filename: `${d.fileName}.docx` };
}
