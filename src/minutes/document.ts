// The minutes (referat) of a meeting as a tagged PDF in the seed's form, as the reader may see it:
// closed items show their public title only, follow-ups only to those who may read them.
import { DateTime } from 'luxon';
import type { Viewer } from '../access/model.ts';
import type { Db } from '../db/connection.ts';
import { renderPdf } from '../documents/render.ts';
import { listFollowUps } from '../followups/operations.ts';
import { ZONE } from '../lib/time.ts';
import { getMeeting } from '../meetings/operations.ts';
import { attendance, voteEvents } from './operations.ts';
import { corrections } from './approval.ts';
import { outcomeLines } from './model.ts';

const handlingText = { moved: 'Flyttet til næste møde.', not_handled: 'Ikke behandlet.' } as const;
const statusText: Record<string, string> = {
  planned: 'Planlagt',
  agenda_published: 'Dagsorden udsendt',
  in_progress: 'Mødet er i gang – referatet er ikke færdigt',
  held: 'Afholdt – referatet er ikke godkendt',
  minutes_approved: 'Referatet er godkendt',
  cancelled: 'Aflyst',
};

export async function minutesPdf(ctx: { db: Db; viewer: Viewer }, id: string): Promise<{ pdf: Buffer; filename: string }> {
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
  const pdf = renderPdf('minutes', {
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
  });
  return { pdf, filename: `referat-${start.toISODate()}.pdf` };
}
