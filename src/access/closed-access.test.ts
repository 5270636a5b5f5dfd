// Who reads a closed item's proposal and follow-ups, on every channel, on both databases: the case
// officers who wrote the proposal, the secretariat and the body's members — not every employee of
// the writing or owning unit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import { startSmtpSink } from '../../test/helpers/smtp.ts';
import { openSse } from '../../test/helpers/sse.ts';
import { sendReminders } from '../followups/reminders.ts';
import type { FollowUpView } from '../followups/schemas.ts';
import { nowMs } from '../lib/time.ts';
import { createMailer } from '../mail/mailer.ts';
import type { MeetingDetail, MeetingList } from '../meetings/schemas.ts';
import type { BodyView } from '../organizations/schemas.ts';
import type { ProposalSummary, ProposalView } from '../proposals/schemas.ts';
import { addUser } from './operations.ts';

const PASSWORD = 'Fortrolig-Sag-Aarhus-9471';
const CLOSED_TITLE = 'Afskedigelse af leder i Jobcenter Syd';
const CLOSED_TEXT = 'Den fortrolige sagsfremstilling om lederens forhold.';
const OPEN_TITLE = 'Handleplan for unge i Jobcenter Nord';
const CLOSED_FOLLOWUP = 'FAS følger op med den fortrolige fratrædelsesaftale.';
const PERSON_FOLLOWUP = 'Kollegaen følger op med en fortrolig samtale.';
const CLOSED_FILE = 'Fortroligt notat om lederen';

for (const kind of backendKinds) {
  describe(`closed proposals and follow-ups on ${kind}`, () => {
    let t: TestApp;
    let base: string;
    let committeeId: string;
    let fasId: string;
    let meeting: MeetingDetail;
    let closed: ProposalView;
    let open: ProposalView;
    let draft: ProposalView;
    let closedFileId: string;
    let unitFollowUp: FollowUpView;
    let personFollowUp: FollowUpView;
    const cookies = new Map<string, string>();

    /** As a demo user (by name) or a user made here (same password for all of them). */
    const as = async (who: string, url: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' = 'GET', payload?: object) => {
      const demo = ['sekretariat', 'medlem', 'enhed'].includes(who);
      if (!cookies.has(who)) cookies.set(who, demo ? await t.login(who) : await t.login(who, PASSWORD));
      const r = await t.app.inject({ method, url, payload, headers: { cookie: cookies.get(who)! } });
      return { status: r.statusCode, body: r.body, json: (r.headers['content-type'] ?? '').toString().includes('json') ? r.json() : undefined };
    };
    const step = async (id: string, event: string, who = 'sekretariat', extra: object = {}) => {
      const r = await as(who, `/api/proposals/${id}/transitions`, 'POST', { event, ...extra });
      assert.equal(r.status, 200, r.body);
      return r.json as ProposalView;
    };
    const write = async (title: string, extra: object = {}) => {
      const r = await as('enhed', '/api/proposals', 'POST', {
        organizationId: committeeId,
        unitId: fasId,
        meetingId: meeting.id,
        title,
        atPoints: ['udvalget godkender indstillingen.'],
        sections: [{ key: 'caseDescription', text: title === CLOSED_TITLE ? CLOSED_TEXT : 'Planen har tre spor.' }],
        plannedMinutes: 10,
        caseOfficer: { name: 'Daniel Færgemand Laursen', phone: '41 85 91 46', email: 'daniel@raadslag.invalid' },
        ...extra,
      });
      assert.equal(r.status, 201, r.body);
      return r.json as ProposalView;
    };

    before(async () => {
      t = await startTestApp(kind);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const db = t.db.handle.db;
      // Another employee of the writing unit (FAS), a case officer named on a proposal she did not
      // start, and the unit's head.
      await addUser({ db, username: 'kollega', password: PASSWORD, name: 'Anne Kollega', organizationShortNameOrName: 'FAS', role: 'employee' });
      const officer = await addUser({
        db,
        username: 'sagsbehandler',
        password: PASSWORD,
        name: 'Sune Sagsbehandler',
        organizationShortNameOrName: 'FAS',
        role: 'employee',
      });
      await addUser({ db, username: 'enhedschef', password: PASSWORD, name: 'Hanne Chef', organizationShortNameOrName: 'FAS', role: 'chair' });
      const officerPerson = (await db.selectFrom('users').select('personId').where('id', '=', officer).executeTakeFirstOrThrow()).personId;
      await db.updateTable('persons').set({ email: 'sune@raadslag.invalid' }).where('id', '=', officerPerson).execute();

      const list = (await as('sekretariat', '/api/meetings')).json as MeetingList;
      committeeId = list.canCreateIn.find((o) => o.name.startsWith('Social'))!.id;
      const bodies = (await as('enhed', '/api/bodies')).json as BodyView[];
      fasId = bodies[0].organizations.find((o) => o.shortName === 'FAS')!.id;
      const day = DateTime.fromMillis(nowMs()).setZone('Europe/Copenhagen').plus({ days: 30 }).toISODate();
      const m = await as('sekretariat', '/api/meetings', 'POST', {
        organizationId: committeeId,
        title: 'Udvalgsmøde',
        start: `${day}T16:30`,
        end: `${day}T18:00`,
      });
      assert.equal(m.status, 201, m.body);
      meeting = m.json as MeetingDetail;

      closed = await write(CLOSED_TITLE);
      closedFileId = await uploadTo(closed.id);
      await step(closed.id, 'submit', 'enhed');
      await step(closed.id, 'accept');
      closed = await step(closed.id, 'schedule', 'sekretariat', {
        item: { public: false, publicTitle: 'Personalesag', legalBasis: 'Offentlighedslovens § 21 (oplysninger om private forhold)' },
      });
      open = await write(OPEN_TITLE);
      await step(open.id, 'submit', 'enhed');
      await step(open.id, 'accept');
      open = await step(open.id, 'schedule', 'sekretariat', { item: { public: true } });
      draft = await write('Kladde skrevet af sagsbehandleren', { caseOfficer: { name: 'Sune Sagsbehandler', phone: '', email: 'SUNE@raadslag.invalid' } });
      const sent = await as('sekretariat', `/api/meetings/${meeting.id}/state`, 'POST', { state: 'agenda_published' });
      assert.equal(sent.status, 200, sent.body);

      const followUp = async (text: string, owner: object) => {
        const r = await as('sekretariat', '/api/followups', 'POST', { meetingId: meeting.id, agendaItemId: closed.agendaItemId, text, dueDate: day, ...owner });
        assert.equal(r.status, 201, r.body);
        return r.json as FollowUpView;
      };
      unitFollowUp = await followUp(CLOSED_FOLLOWUP, { ownerUnitId: fasId });
      const kollega = await db.selectFrom('users').select('personId').where('username', '=', 'kollega').executeTakeFirstOrThrow();
      personFollowUp = await followUp(PERSON_FOLLOWUP, { ownerPersonId: kollega.personId });
    });
    after(() => t.close());

    /** Uploads a closed file to the proposal as its author; answers with the attachment's id. */
    async function uploadTo(proposalId: string): Promise<string> {
      const form = multipart({ name: 'notat.pdf', data: await pdf([{ text: 'Fortroligt' }]) }, { title: CLOSED_FILE, public: 'false' });
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/proposals/${proposalId}/attachments`,
        ...form,
        headers: { ...form.headers, cookie: cookies.get('enhed')! },
      });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().id as string;
    }

    const leaks = (body: string | undefined) => !!body && (body.includes(CLOSED_TITLE) || body.includes(CLOSED_TEXT) || body.includes(CLOSED_FILE));

    test('a unit employee who did not write it: the closed proposal is 404 through the API, its versions, lists, documents and files', async () => {
      for (const url of [
        `/api/proposals/${closed.id}`,
        `/api/proposals/${closed.id}/versions/1`,
        `/api/proposals/${closed.id}/document.pdf`,
        `/api/proposals/${closed.id}/document.docx`,
        `/api/proposals/${closed.id}/attachments`,
        `/api/attachments/${closedFileId}/file`,
      ]) {
        const r = await as('kollega', url);
        assert.equal(r.status, 404, `${url}: ${r.status}`);
        assert.ok(!leaks(r.body), url);
      }
      for (const query of ['?mine=true', `?meetingId=${meeting.id}`, `?organizationId=${committeeId}`]) {
        const r = await as('kollega', `/api/proposals${query}`);
        assert.equal(r.status, 200);
        assert.ok(!leaks(r.body), query);
        assert.ok(!(r.json as ProposalSummary[]).some((p) => p.id === closed.id || p.id === draft.id), query);
      }
      // Nor may she change it or move it along.
      assert.equal((await as('kollega', `/api/proposals/${closed.id}`, 'PUT', { version: closed.version, title: 'Ændret' })).status, 404);
      assert.equal((await as('kollega', `/api/proposals/${closed.id}/transitions`, 'POST', { event: 'withdraw' })).status, 404);
      // Not someone else's draft either: a draft is its writers' and the secretariat's.
      assert.equal((await as('kollega', `/api/proposals/${draft.id}`)).status, 404);
    });

    test('the meeting, its package and the calendar show her the closed item only by its public title', async () => {
      const m = await as('kollega', `/api/meetings/${meeting.id}`);
      assert.equal(m.status, 200);
      assert.ok(!leaks(m.body));
      assert.ok(m.body.includes(OPEN_TITLE), 'the open item is there');
      assert.equal((await as('kollega', `/api/meetings/${meeting.id}/package?audience=member`, 'POST', {})).status, 403);
      assert.equal((await as('kollega', `/api/meetings/${meeting.id}/package.zip?audience=member`)).status, 403);
      const personal = await as('kollega', '/api/calendar/personal', 'POST', {});
      assert.equal(personal.status, 200, personal.body);
      const feedPath = new URL(personal.json.url as string).pathname;
      for (const url of [feedPath, '/api/calendar/meetings.ics']) {
        const r = await t.app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 200, url);
        assert.ok(!leaks(r.body), url);
      }
    });

    test('her live stream of the meeting carries ids and states, never the closed title', async () => {
      const stream = openSse(`${base}/api/meetings/${meeting.id}/live/events`, { cookie: cookies.get('kollega')! });
      try {
        await stream.ready;
        const item = closed.agendaItemId!;
        const r = await as('sekretariat', `/api/meetings/${meeting.id}/items/${item}`, 'PATCH', { plannedMinutes: 12 });
        assert.equal(r.status, 200, r.body);
        await stream.waitFor((e) => e.event === 'agenda', 5000);
        assert.ok(!stream.events.some((e) => leaks(JSON.stringify(e.data))));
      } finally {
        stream.close();
      }
    });

    test('the author, the named case officer, the secretariat and the members still read the closed proposal in full', async () => {
      for (const who of ['enhed', 'sekretariat', 'medlem']) {
        const r = await as(who, `/api/proposals/${closed.id}`);
        assert.equal(r.status, 200, who);
        assert.equal((r.json as ProposalView).title, CLOSED_TITLE, who);
        assert.ok(r.body.includes(CLOSED_TEXT), who);
        assert.equal((await as(who, `/api/proposals/${closed.id}/document.pdf`)).status, 200, who);
        const files = await as(who, `/api/proposals/${closed.id}/attachments`);
        assert.ok(files.body.includes(CLOSED_FILE), who);
        assert.equal((await as(who, `/api/attachments/${closedFileId}/file`)).status, 200, who);
      }
      const listed = (await as('enhed', '/api/proposals?mine=true')).json as ProposalSummary[];
      assert.ok(
        listed.some((p) => p.title === CLOSED_TITLE),
        'the author finds it among her own',
      );
      // The case officer named on a proposal (by e-mail, in the writing unit) is one of its writers.
      const named = await as('sagsbehandler', `/api/proposals/${draft.id}`);
      assert.equal(named.status, 200);
      assert.equal((named.json as ProposalView).abilities.edit, true);
      assert.equal((await as('sagsbehandler', `/api/proposals/${closed.id}`)).status, 404, 'not named on the closed one');
    });

    test('an open proposal, once sent, is read by the unit’s other employees as before', async () => {
      const r = await as('kollega', `/api/proposals/${open.id}`);
      assert.equal(r.status, 200);
      assert.equal((r.json as ProposalView).title, OPEN_TITLE);
      assert.deepEqual((r.json as ProposalView).abilities, { edit: false, events: [] });
      assert.equal((await as('kollega', `/api/proposals/${open.id}/document.pdf`)).status, 200);
      const listed = (await as('kollega', `/api/proposals?meetingId=${meeting.id}`)).json as ProposalSummary[];
      assert.deepEqual(
        listed.map((p) => p.title),
        [OPEN_TITLE],
      );
    });

    test('a closed item’s follow-up owned by the unit: not for its employees on any channel', async () => {
      const one = await as('kollega', `/api/followups/${unitFollowUp.id}`);
      assert.equal(one.status, 404);
      assert.ok(!one.body.includes(CLOSED_FOLLOWUP));
      for (const query of ['', '?mine=1', `?unitId=${fasId}`, `?organizationId=${committeeId}`]) {
        const r = await as('kollega', `/api/followups${query}`);
        assert.equal(r.status, 200);
        assert.ok(!r.body.includes(CLOSED_FOLLOWUP), query);
        const csv = await as('kollega', `/api/followups.csv${query}`);
        assert.equal(csv.status, 200);
        assert.ok(!csv.body.includes(CLOSED_FOLLOWUP), `csv ${query}`);
      }
      assert.equal((await as('kollega', `/api/followups/${unitFollowUp.id}/notes`, 'POST', { text: 'Set.' })).status, 404);
      assert.equal((await as('kollega', `/api/followups/${unitFollowUp.id}`, 'PATCH', { status: 'in_progress' })).status, 404);
      // The dashboard counts only what she may read.
      const fas = async (who: string) => {
        const d = await as(who, `/api/followups/dashboard?organizationId=${committeeId}`);
        assert.equal(d.status, 200, d.body);
        assert.ok(!(who === 'kollega' && d.body.includes(CLOSED_FOLLOWUP)));
        return (d.json.units as { unit: string; open: number }[]).find((u) => u.unit === 'FAS')?.open ?? 0;
      };
      assert.equal((await fas('sekretariat')) - (await fas('kollega')), 1);
    });

    test('the closed follow-up is read by its owner person, the unit’s head, the secretariat and the members', async () => {
      for (const who of ['enhedschef', 'sekretariat', 'medlem']) {
        const r = await as(who, `/api/followups/${unitFollowUp.id}`);
        assert.equal(r.status, 200, who);
        assert.equal((r.json as FollowUpView).text, CLOSED_FOLLOWUP, who);
      }
      const head = await as('enhedschef', `/api/followups/${unitFollowUp.id}/notes`, 'POST', { text: 'Aftalen er sendt.' });
      assert.equal(head.status, 201, 'the unit’s head reports on it');
      const own = await as('kollega', `/api/followups/${personFollowUp.id}`);
      assert.equal(own.status, 200, 'the person who owns it reads it');
      assert.equal((own.json as FollowUpView).abilities.report, true);
      assert.ok((await as('kollega', '/api/followups?mine=1')).body.includes(PERSON_FOLLOWUP));
    });

    test('the reminder e-mail about a closed item’s follow-up names no content', async () => {
      const smtp = await startSmtpSink();
      const mailer = createMailer({ smtpUrl: smtp.url, from: 'Rådslag <noreply@raadslag.invalid>' })!;
      try {
        const twoDaysBefore = DateTime.fromISO(meeting.start).minus({ days: 2 }).toMillis();
        await sendReminders({ db: t.db.handle.db, mailer, publicUrl: 'http://localhost:3000', daysBefore: 7, now: twoDaysBefore });
        const mail = smtp.mails.find((m) => m.text.includes(unitFollowUp.id));
        assert.ok(mail, 'the unit is reminded');
        assert.deepEqual(mail.to, ['fas@raadslag.invalid']);
        assert.ok(!mail.text.includes(CLOSED_FOLLOWUP));
        assert.match(mail.text, /lukket punkt/);
      } finally {
        mailer.close();
        await smtp.close();
      }
    });
  });
}
