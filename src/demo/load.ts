// Loads the demo municipality into an empty database: the seed's bodies, people and meetings,
// a few upcoming meetings relative to today, and three demo accounts.
import { rebuildIndex } from '../search/indexer.ts';
import { agendaAsSent } from '../meetings/store.ts';
import { DateTime } from 'luxon';
import type { Db, Tx } from '../db/connection.ts';
import type { OrganizationKind, Role } from '../db/schema.ts';
import { hashPassword } from '../access/passwords.ts';
import { PUBLISHED_STATES } from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { newId } from '../lib/ids.ts';
import { nowIso, nowMs, parseInstant, toStored, ZONE } from '../lib/time.ts';
import type { DemoProposal } from './seed-proposals.ts';
import { demoWheels } from './seed-wheels.ts';
import { committeePlanExceptions, committeePlanRule, committeePlanTitle } from './seed-plan.ts';
import {
  alderman20January,
  alderman27January,
  committee21January,
  committee4February,
  type DemoFollowUp,
  type DemoItem,
  type DemoMeeting,
} from './seed-meetings.ts';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_ACCOUNTS = [
  { username: 'sekretariat', name: 'Sofie Brøndt Jørgensen', what: 'secretariat (FAS): edits agendas of the committee and the rådmand meeting' },
  { username: 'medlem', name: 'Karen Holm', what: 'member of Social- og Beskæftigelsesudvalget (a fictional person): sees closed items' },
  { username: 'enhed', name: 'Daniel Færgemand Laursen', what: 'unit employee in FAS: sees what the public sees' },
  { username: 'admin', name: 'Ida Holt', what: 'administrator (a fictional person): users, memberships and the audit log; no seat in any body' },
] as const;

/** Upcoming meetings, dated from `now` so the lists always have a future. */
function upcomingMeetings(now: DateTime): DemoMeeting[] {
  const local = now.setZone(ZONE).startOf('day');
  const nextWeekday = (weekday: number, weeksAhead: number) => {
    const days = (weekday - local.weekday + 7) % 7 || 7;
    return local.plus({ days: days + 7 * weeksAhead });
  };
  const at = (d: DateTime, hm: string) => `${d.toISODate()}T${hm}`;
  const mondays = [0, 1, 2].map((w) => nextWeekday(1, w));
  const tuesday = nextWeekday(2, 0);
  const committee = (d: DateTime, state: DemoMeeting['state'], items: DemoMeeting['items']): DemoMeeting => ({
    org: 'committee',
    title: 'Social- og Beskæftigelsesudvalgsmøde',
    start: at(d, '16:30'),
    end: at(d, '18:00'),
    location: 'Rådhuset, lokale 398',
    state,
    items,
  });
  return [
    committee(mondays[0], 'agenda_published', [
      { title: 'Godkendelse af dagsorden', kind: 'agenda_approval', minutes: 3, responsible: 'Anna Thusgård', attachments: ['Dagsorden'] },
      { title: 'Referat fra udvalgets seneste møde', kind: 'minutes_approval', minutes: 2, responsible: 'Anna Thusgård', attachments: ['Referat'] },
      {
        title: 'Temadrøftelse: Beskæftigelsesreformen – unge i fokus',
        minutes: 40,
        purpose: 'Anden temadrøftelse om beskæftigelsesreformen med fokus på de unge uden job og uddannelse.',
        method: 'Mundtlig orientering og drøftelse',
        responsible: 'Jeanette Hoppe',
        attachments: ['Forklæde', 'Præsentation'],
      },
      {
        title: 'Klagesag vedrørende ansættelse i Job Aarhus',
        minutes: 15,
        purpose: 'Udvalget orienteres om en konkret klagesag.',
        method: 'Orientering',
        responsible: 'Organisation og Ledelse',
        attachments: ['Notat om klagesagen'],
        closed: { publicTitle: 'Personalesag', legalBasis: 'Offentlighedslovens § 21 og § 30, nr. 1 (oplysninger om private forhold)' },
      },
      { title: 'Kurser og konferencer samt sager på vej til byrådet', kind: 'information', minutes: 5, method: 'Orientering', responsible: 'Anna Thusgård' },
      { title: 'Kommende møder', minutes: 5, method: 'Orientering', responsible: 'Anna Thusgård' },
      { title: 'Evt.', kind: 'any_other', minutes: 5, method: 'Mundtlig drøftelse.', responsible: 'Anna Thusgård' },
    ]),
    committee(mondays[1], 'planned', [
      { title: 'Godkendelse af dagsorden', kind: 'agenda_approval', minutes: 3, responsible: 'Anna Thusgård' },
      { title: 'Referat fra udvalgets seneste møde', kind: 'minutes_approval', minutes: 2, responsible: 'Anna Thusgård' },
      { title: 'Evt.', kind: 'any_other', minutes: 5, responsible: 'Anna Thusgård' },
    ]),
    committee(mondays[2], 'planned', []),
    {
      org: 'alderman',
      title: 'Rådmandsmøde',
      start: at(tuesday, '08:30'),
      end: at(tuesday, '09:45'),
      state: 'agenda_published',
      items: [
        { title: 'Dagsorden', kind: 'agenda_approval', minutes: 2 },
        { title: 'Referat', kind: 'minutes_approval', minutes: 2 },
        {
          title: 'Status på arbejdet i MSB',
          minutes: 20,
          responsible: 'MØB',
          purpose: 'Rådmanden får en status på arbejdet i MSB (opfølgning fra rådmandsmødet den 20. januar 2026).',
        },
        { title: 'Orientering fra Magistraten', kind: 'information', minutes: 10 },
        { title: 'Bordet rundt', kind: 'round_table', minutes: 15 },
      ],
    },
  ];
}

async function insertMeeting(tx: Tx, organizationId: string, m: DemoMeeting, now: string): Promise<{ id: string; items: { id: string; item: DemoItem }[] }> {
  const inserted: { id: string; item: DemoItem }[] = [];
  const id = newId();
  const start = toStored(parseInstant(m.start)!);
  const end = toStored(parseInstant(m.end)!);
  await tx
    .insertInto('meetings')
    .values({
      id,
      organizationId,
      title: m.title,
      start,
      end,
      location: m.location ?? null,
      state: m.state,
      agendaVersion: 0,
      publishedAt: PUBLISHED_STATES.includes(m.state) ? now : null,
      created: now,
      modified: now,
      deleted: null,
    })
    .execute();
  for (const [i, item] of m.items.entries()) {
    const itemId = newId();
    inserted.push({ id: itemId, item });
    await tx
      .insertInto('agendaItems')
      .values({
        id: itemId,
        meetingId: id,
        position: i + 1,
        title: item.title,
        plannedMinutes: item.minutes,
        kind: item.kind ?? 'regular',
        // "Evt." closes the agenda: items added later go before it.
        closing: item.kind === 'any_other' ? 1 : 0,
        isPublic: item.closed ? 0 : 1,
        subheading: item.subheading ?? null,
        responsible: item.responsible ?? null,
        purpose: item.purpose ?? null,
        method: item.method ?? null,
        publicTitle: item.closed?.publicTitle ?? null,
        legalBasis: item.closed?.legalBasis ?? null,
        decision: item.decision ?? null,
        publicDecision: item.closed?.publicDecision ?? null,
        remarks: item.remarks ? JSON.stringify(item.remarks) : null,
        outcomes: item.outcomes ? JSON.stringify(item.outcomes) : null,
        created: now,
        modified: now,
        deleted: null,
      })
      .execute();
    for (const [n, title] of (item.attachments ?? []).entries()) {
      await tx
        .insertInto('attachments')
        .values({ id: newId(), agendaItemId: itemId, position: n + 1, title, isPublic: item.closed ? 0 : 1, created: now, modified: now, deleted: null })
        .execute();
    }
  }
  // A sent agenda remembers how it was sent, so later changes are shown to members.
  if (PUBLISHED_STATES.includes(m.state)) {
    await tx
      .updateTable('meetings')
      .set({ sentAgenda: JSON.stringify(await agendaAsSent(tx, id)) })
      .where('id', '=', id)
      .execute();
  }
  return { id, items: inserted };
}

async function insertFollowUp(
  tx: Tx,
  at: { organizationId: string; meetingId: string; itemId: string; unitId: string; userId: string },
  f: DemoFollowUp,
  now: DateTime,
) {
  const ts = nowIso();
  const id = newId();
  const due = typeof f.due === 'number' ? now.setZone(ZONE).plus({ days: f.due }).toISODate()! : f.due;
  await tx
    .insertInto('followUps')
    .values({
      id,
      organizationId: at.organizationId,
      meetingId: at.meetingId,
      agendaItemId: at.itemId,
      text: f.text,
      ownerUnitId: at.unitId,
      ownerPersonId: null,
      dueDate: due,
      focusArea: f.focusArea ?? null,
      status: f.status,
      // Done by its due date (the demo's assumption).
      doneAt: f.status === 'done' ? toStored(parseInstant(`${due}T12:00`)!) : null,
      createdByUserId: at.userId,
      remindedSoon: null,
      remindedOverdue: null,
      created: ts,
      modified: ts,
      deleted: null,
    })
    .execute();
  if (f.note) await tx.insertInto('followUpNotes').values({ id: newId(), followUpId: id, authorUserId: at.userId, text: f.note, created: ts }).execute();
}

async function insertProposal(
  tx: Tx,
  at: { organizationId: string; meetingId: string; itemId: string; unitId: string; userId: string; held: boolean },
  p: DemoProposal,
  now: string,
) {
  const id = newId();
  await tx
    .insertInto('proposals')
    .values({
      id,
      organizationId: at.organizationId,
      unitId: at.unitId,
      meetingId: at.meetingId,
      agendaItemId: at.itemId,
      state: at.held ? 'decided' : 'scheduled',
      title: p.content.title,
      caseNumber: null,
      caseOfficerName: p.caseOfficer.name,
      caseOfficerPhone: p.caseOfficer.phone,
      caseOfficerEmail: p.caseOfficer.email,
      proposalDate: p.proposalDate,
      plannedMinutes: p.plannedMinutes,
      authorUserId: at.userId,
      submittedAt: toStored(parseInstant(`${p.proposalDate}T10:00`)!),
      lateAcceptedAt: null,
      created: now,
      modified: now,
      deleted: null,
    })
    .execute();
  await tx
    .insertInto('proposalVersions')
    .values({
      id: newId(),
      proposalId: id,
      number: 1,
      content: JSON.stringify(p.content),
      changeNote: null,
      authorUserId: at.userId,
      created: now,
      modified: now,
    })
    .execute();
}

export async function isEmpty(db: Db): Promise<boolean> {
  return !(await db.selectFrom('bodies').select('id').limit(1).executeTakeFirst());
}

/** Loads the demo data; refuses a database that already holds a body. */
/**
 * The sender's column of the agendas of the committee and the rådmand, from the seed's letterhead
 * (4 February agenda). The seed gives only its case officers' direct e-mail addresses: the shared
 * address is ours (FAS's demo mailbox).
 */
const letterhead = {
  senderDepartment: 'Sociale Forhold og Beskæftigelse',
  senderUnit: 'Fagligt Sekretariat',
  senderAddress: 'FAS Ledelse og Sundhed\nJægergården,\nVærkmestergade 15 B\n8000 Aarhus C',
  senderPhone: '89 40 20 00',
  senderEmail: 'fas@raadslag.invalid',
};

export async function loadDemo(db: Db, now: DateTime = DateTime.fromMillis(nowMs())): Promise<{ meetings: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('bodies').select('id').limit(1).executeTakeFirst()) {
      throw new Error('the database is not empty: the demo data goes only into an empty database');
    }
    const ts = nowIso();
    const life = { created: ts, modified: ts, deleted: null };
    const bodyId = newId();
    await tx
      .insertInto('bodies')
      .values({ id: bodyId, name: 'Aarhus Kommune', ...life })
      .execute();

    const orgs: Record<
      string,
      { name: string; shortName: string | null; kind: OrganizationKind; email?: string; digitalApproval?: number } & Partial<typeof letterhead>
    > = {
      council: { name: 'Aarhus Byråd', shortName: null, kind: 'council' },
      executive: { name: 'Magistraten', shortName: null, kind: 'executive' },
      // Ours: the committee approves its minutes digitally, item by item (the seed does not say).
      committee: { name: 'Social- og Beskæftigelsesudvalget', shortName: 'SBU', kind: 'committee', digitalApproval: 1, ...letterhead },
      alderman: { name: 'Rådmandsmøde – Sociale Forhold og Beskæftigelse', shortName: 'RMM', kind: 'alderman', ...letterhead },
      fas: { name: 'Fagligt Sekretariat', shortName: 'FAS', kind: 'unit', email: 'fas@raadslag.invalid' },
      mob: { name: 'MØB', shortName: 'MØB', kind: 'unit', email: 'moeb@raadslag.invalid' },
      ol: { name: 'Organisation og Ledelse', shortName: 'OL', kind: 'unit', email: 'ol@raadslag.invalid' },
    };
    const orgId: Record<string, string> = {};
    const userIds: Record<string, string> = {};
    for (const [key, o] of Object.entries(orgs)) {
      orgId[key] = newId();
      await tx
        .insertInto('organizations')
        .values({ id: orgId[key], bodyId, parentId: null, ...o, ...life })
        .execute();
    }

    const people: { name: string; initials?: string; email?: string; username?: string; isAdmin?: boolean; roles: [string, Role, string?][] }[] = [
      {
        name: 'Sofie Brøndt Jørgensen',
        email: 'sofie@raadslag.invalid',
        username: 'sekretariat',
        roles: [
          ['committee', 'secretary'],
          ['alderman', 'secretary'],
          ['fas', 'employee'],
        ],
      },
      // The committee's members are fictional; the seed names none. Karen Holm is the demo member.
      { name: 'Anders Ravn', roles: [['committee', 'chair', 'Socialdemokratiet']] },
      { name: 'Karen Holm', username: 'medlem', roles: [['committee', 'member', 'Venstre']] },
      { name: 'Mads Lund', roles: [['committee', 'member', 'Enhedslisten']] },
      { name: 'Sara Ali', roles: [['committee', 'member', 'SF']] },
      { name: 'Peter Berg', roles: [['committee', 'member', 'Det Konservative Folkeparti']] },
      { name: 'Daniel Færgemand Laursen', email: 'daniel@raadslag.invalid', username: 'enhed', roles: [['fas', 'employee']] },
      { name: 'Anna Thusgård', roles: [['fas', 'employee']] },
      { name: 'Jeanette Hoppe', initials: 'JLH', roles: [['fas', 'employee']] },
      { name: 'Lotte Henriksen', initials: 'LH', roles: [['fas', 'employee']] },
      { name: 'Erik Kaastrup-Hansen', roles: [['fas', 'employee']] },
      // The municipality's IT administrator (ours): manages users and reads the audit log, sits in no body.
      { name: 'Ida Holt', username: 'admin', isAdmin: true, roles: [] },
    ];
    for (const p of people) {
      const personId = newId();
      await tx
        .insertInto('persons')
        .values({ id: personId, bodyId, name: p.name, initials: p.initials ?? null, email: p.email ?? null, ...life })
        .execute();
      for (const [org, role, groupName] of p.roles) {
        await tx
          .insertInto('memberships')
          .values({ id: newId(), personId, organizationId: orgId[org], role, groupName: groupName ?? null, ...life })
          .execute();
      }
      if (p.username) {
        const userId = newId();
        userIds[p.username] = userId;
        await tx
          .insertInto('users')
          .values({ id: userId, personId, username: p.username, passwordHash, isAdmin: p.isAdmin ? 1 : 0, ...life })
          .execute();
      }
    }

    // The revised plan awaits the committee's approval (Punkt 3 of 4 February).
    await tx
      .insertInto('meetingPlans')
      .values({
        id: newId(),
        organizationId: orgId.committee,
        year: 2026,
        title: committeePlanTitle,
        status: 'draft',
        revisesId: null,
        rule: JSON.stringify(committeePlanRule),
        exceptions: JSON.stringify(committeePlanExceptions),
        approved: null,
        ...life,
      })
      .execute();

    const meetings = [committee21January, alderman20January, alderman27January, committee4February, ...upcomingMeetings(now)];
    const unitIds = { FAS: orgId.fas, MØB: orgId.mob, OL: orgId.ol };
    for (const w of demoWheels) {
      const wheelId = newId();
      const approved = toStored(parseInstant(w.approved)!);
      await tx
        .insertInto('annualWheels')
        .values({ id: wheelId, organizationId: orgId[w.org], year: 2026, title: w.title, status: 'approved', approved, ...life })
        .execute();
      for (const e of w.entries) {
        await tx
          .insertInto('wheelEntries')
          .values({
            id: newId(),
            wheelId,
            title: e.title,
            month: e.month ?? null,
            afterDate: e.afterDate ?? null,
            kind: e.kind,
            reason: e.reason,
            unitId: unitIds[e.unit],
            responsible: null,
            minutes: e.minutes,
            method: e.method,
            ...life,
          })
          .execute();
      }
    }
    const insertedIds = new Map<DemoMeeting, string>();
    for (const m of meetings) {
      const inserted = await insertMeeting(tx, orgId[m.org], m, ts);
      insertedIds.set(m, inserted.id);
      for (const { id: itemId, item } of inserted.items) {
        if (item.proposal) {
          const at = {
            organizationId: orgId[m.org],
            meetingId: inserted.id,
            itemId,
            unitId: unitIds[item.proposal.unit],
            userId: userIds.enhed,
            held: m.state !== 'planned' && m.state !== 'agenda_published',
          };
          await insertProposal(tx, at, item.proposal, ts);
        }
        for (const f of item.followUps ?? []) {
          const at = { organizationId: orgId[m.org], meetingId: inserted.id, itemId, unitId: unitIds[f.unit], userId: userIds.sekretariat };
          await insertFollowUp(tx, at, f, now);
        }
      }
    }
    // "Godkendelse af referat" items point at the minutes they approve.
    for (const m of meetings) {
      for (const [n, item] of m.items.entries()) {
        if (!item.approves) continue;
        await tx
          .updateTable('agendaItems')
          .set({ approvesMeetingId: insertedIds.get(item.approves)! })
          .where('meetingId', '=', insertedIds.get(m)!)
          .where('position', '=', n + 1)
          .execute();
      }
    }
    await writeAudit(tx, { actorUserId: null, action: 'demo.load', objectType: 'body', objectId: bodyId, after: { meetings: meetings.length } });
    // Written row by row, not through the operations: indexed for search as a whole.
    await rebuildIndex(tx);
    return { meetings: meetings.length };
  });
}
