// The minutes (referat) of a meeting as a tagged PDF in the seed's form, as the reader may see it:
// closed items show their public title only, follow-ups only to those who may read them.
import { DateTime } from 'luxon';
import type { Viewer } from '../access/model.ts';
import type { Db } from '../db/connection.ts';
import { TextRun, type FileChild } from 'docx';
import { bulletList, docxBuffer, heading, para, textLines } from '../documents/docx.ts';
import { renderPdf } from '../documents/render.ts';
import { listFollowUps } from '../followups/operations.ts';
import { ZONE } from '../lib/time.ts';
import { getMeeting } from '../meetings/operations.ts';
import { attendance, voteEvents } from './operations.ts';
import { corrections } from './approval.ts';
import { outcomeLines } from './model.ts';
import type { MinutesView } from './schemas.ts';

const handlingText = { moved: 'Flyttet til næste møde.', not_handled: 'Ikke behandlet.' } as const;
const statusText: Record<string, string> = {
  planned: 'Planlagt',
  agenda_published: 'Dagsorden udsendt',
  in_progress: 'Mødet er i gang – referatet er ikke færdigt',
  held: 'Afholdt – referatet er ikke godkendt',
  minutes_approved: 'Referatet er godkendt',
  cancelled: 'Aflyst',
};

/** The minutes as data, as the reader may see them: what the web page, the PDF and the DOCX all show. */
export async function minutesData(ctx: { db: Db; viewer: Viewer }, id: string): Promise<MinutesView> {
  const m = await getMeeting(ctx, id);
  const followUps = ctx.viewer ? await listFollowUps(ctx, {}).then((all) => all.filter((f) => f.meeting?.id === id)) : [];
  const body = await ctx.db
    .selectFrom('organizations')
    .innerJoin('bodies', 'bodies.id', 'organizations.bodyId')
    .select('bodies.name')
    .where('organizations.id', '=', m.organization.id)
    .executeTakeFirst();
  const [present, votes, fixes] = await Promise.all([attendance(ctx, id), voteEvents(ctx, id), corrections(ctx, id)]);
  const resultText = { adopted: 'vedtaget', rejected: 'forkastet', tied: 'stemmelighed' } as const;
  const start = DateTime.fromISO(m.start, { setZone: true }).setZone(ZONE).setLocale('da');
  const end = DateTime.fromISO(m.end, { setZone: true }).setZone(ZONE);
  return {
    meetingId: m.id,
    municipality: body?.name ?? '',
    title: `Referat: ${m.title}`,
    organization: m.organization.name,
    date: start.toFormat('d. MMMM yyyy'),
    time: `kl. ${start.toFormat('HH.mm')} – ${end.toFormat('HH.mm')}`,
    location: m.location,
    status: statusText[m.state] ?? m.state,
    present: present.filter((a) => a.present).map((a) => `${a.person.name}${a.group ? ` (${a.group})` : ''}`),
    absent: present.filter((a) => a.present === false).map((a) => `${a.person.name}${a.reason ? ` (${a.reason})` : ''}`),
    items: m.items.map((i) => ({
      number: i.number,
      title: i.title,
      minutes: i.plannedMinutes,
      closed: !i.public,
      legalBasis: i.legalBasis,
      decision: i.decision,
      outcomes: outcomeLines(i.outcomes),
      remarks: i.remarks,
      handling: i.handling ? handlingText[i.handling] : null,
      corrections: fixes
        .filter((c) => c.agendaItemId === i.id)
        .map((c) => `Rettet ${DateTime.fromISO(c.created, { setZone: true }).setLocale('da').toFormat('d. MMMM yyyy')}: ${c.reason}`),
      votes: votes
        .filter((v) => v.agendaItemId === i.id)
        .map((v) => ({
          motion: v.motion,
          counts: `For ${v.counts.for}, imod ${v.counts.against}, blankt ${v.counts.blank}, fraværende ${v.counts.absent}: ${resultText[v.result]}`,
          dissents: v.votes.filter((x) => x.dissent).map((x) => `${x.person?.name ?? x.group}: ${x.dissent}`),
        })),
      followUps: i.restricted
        ? []
        : followUps
            .filter((f) => f.agendaItemId === i.id)
            .map((f) => ({ owner: f.ownerUnit?.shortName ?? f.ownerUnit?.name ?? f.ownerPerson?.name ?? '—', text: f.text, due: f.dueDate })),
    })),
    fileName: `referat-${start.toISODate()}`,
  };
}

export async function minutesPdf(ctx: { db: Db; viewer: Viewer }, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const data = await minutesData(ctx, id);
  return { pdf: renderPdf('minutes', data), filename: `${data.fileName}.pdf` };
}

/** The minutes as a Word document, in the same form as the PDF. */
export async function minutesDocx(ctx: { db: Db; viewer: Viewer }, id: string): Promise<{ docx: Buffer; filename: string }> {
  const d = await minutesData(ctx, id);
  const children: FileChild[] = [
    heading(1, d.title),
    para([new TextRun(d.organization)]),
    para([new TextRun(`${d.date}, ${d.time}${d.location ? `, ${d.location}` : ''}`)]),
    para([new TextRun(d.status)]),
  ];
  if (d.present.length) children.push(para([new TextRun({ text: 'Til stede: ', bold: true }), new TextRun(d.present.join(', '))]));
  if (d.absent.length) children.push(para([new TextRun({ text: 'Fraværende: ', bold: true }), new TextRun(d.absent.join(', '))]));
  for (const item of d.items) {
    children.push(heading(2, `Punkt ${item.number}: ${item.title}${item.minutes > 0 ? ` (${item.minutes} min)` : ''}`));
    if (item.closed) children.push(para([new TextRun({ text: `Lukket punkt${item.legalBasis ? ` (${item.legalBasis})` : ''}`, italics: true })]));
    if (item.decision !== null || item.outcomes.length) {
      children.push(para([new TextRun({ text: `Beslutning for Punkt ${item.number}: ${item.title}`, bold: true })]));
      if (item.decision !== null) children.push(...textLines(item.decision));
      for (const o of item.outcomes) children.push(para([new TextRun(o)]));
      for (const c of item.corrections) children.push(para([new TextRun({ text: c, italics: true })]));
    } else if (item.handling) children.push(para([new TextRun({ text: item.handling, italics: true })]));
    if (item.remarks.length) {
      children.push(para([new TextRun({ text: 'Øvrige bemærkninger:', bold: true })]));
      children.push(...bulletList(item.remarks.map((r) => [new TextRun(r)])));
    }
    for (const v of item.votes) {
      children.push(para([new TextRun({ text: 'Afstemning: ', bold: true }), new TextRun(`${v.motion} – ${v.counts}`)]));
      for (const x of v.dissents) children.push(para([new TextRun({ text: 'Afvigende mening: ', italics: true }), new TextRun(x)]));
    }
    if (item.followUps.length) {
      children.push(para([new TextRun({ text: 'Opfølgning:', bold: true })]));
      children.push(...bulletList(item.followUps.map((f) => [new TextRun(`${f.owner}: ${f.text}${f.due ? ` (frist ${f.due})` : ''}`)])));
    }
  }
  const docx = await docxBuffer({ lang: 'da', municipality: d.municipality, title: d.title, pages: ['side', 'af'], children });
  return { docx, filename: `${d.fileName}.docx` };
}
