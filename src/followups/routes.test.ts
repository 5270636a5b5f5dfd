// Follow-ups through the API on both databases, and their e-mail reminders through a real SMTP server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { copenhagenDate, nowMs } from '../lib/time.ts';
import { startSmtpSink } from '../../test/helpers/smtp.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendReminders } from './reminders.ts';
import type { FollowUpView } from './schemas.ts';

for (const kind of backendKinds) {
  describe(`follow-ups on ${kind}`, () => {
    let t: TestApp;
    let units: Record<string, string>;
    before(async () => {
      t = await startTestApp(kind);
      const [body] = (await t.request({ method: 'GET', url: '/api/bodies' })).json;
      units = Object.fromEntries(
        body.organizations.filter((o: { kind: string }) => o.kind === 'unit').map((o: { shortName: string; id: string }) => [o.shortName, o.id]),
      );
    });
    after(() => t.close());

    const list = async (query: string, as = 'sekretariat') => (await t.request({ method: 'GET', url: `/api/followups${query}`, as })).json as FollowUpView[];

    test('the demo carries the seed’s follow-ups with their units; the overdue one is marked', async () => {
      const all = await list('');
      assert.equal(all.length, 5);
      const ol = all.find((f) => f.ownerUnit?.shortName === 'OL')!;
      assert.match(ol.text, /OL laver en plan/);
      assert.equal(ol.overdue, true);
      assert.equal(ol.meeting?.start.slice(0, 10), '2026-01-20');
      const done = all.filter((f) => f.status === 'done');
      assert.equal(done.length, 2);
      assert.ok(done.every((f) => !f.overdue));
      assert.ok(done.some((f) => f.notes.length === 1));
      assert.equal((await list('?unitId=' + units.FAS)).length, 3);
      assert.equal((await list('?overdue=1')).length, 1);
      assert.equal((await t.request({ method: 'GET', url: '/api/followups' })).status, 401, 'follow-ups are internal');
    });

    test('"mine" is what I own through my unit; "created by me" is apart from it', async () => {
      const mine = await list('?mine=1', 'enhed');
      assert.deepEqual([...new Set(mine.map((f) => f.ownerUnit?.shortName))], ['FAS']);
      assert.equal((await list('?createdByMe=1', 'enhed')).length, 0);
      assert.equal((await list('?createdByMe=1', 'sekretariat')).length, 5);
    });

    test('the secretariat creates a follow-up from a decision; the owner reports; others may not', async () => {
      const m = await t.meetingOn('2026-02-04', 'sekretariat');
      const payload = {
        meetingId: m.id,
        agendaItemId: m.items[4].id,
        text: 'MØB følger op på økonomien i reformen.',
        ownerUnitId: units.MØB,
        dueDate: '2026-03-01',
        focusArea: 'Unge i fokus',
      };
      assert.equal((await t.request({ method: 'POST', url: '/api/followups', payload, as: 'medlem' })).status, 403);
      const r = await t.request({ method: 'POST', url: '/api/followups', payload, as: 'sekretariat' });
      assert.equal(r.status, 201);
      const f = r.json as FollowUpView;
      assert.equal(f.ownerUnit?.shortName, 'MØB');
      assert.equal(f.createdBy?.name, 'Sofie Brøndt Jørgensen');
      // A FAS employee does not own it and cannot report on it.
      assert.equal((await t.request({ method: 'POST', url: `/api/followups/${f.id}/notes`, payload: { text: 'x' }, as: 'enhed' })).status, 404);
      const fas = (await list('?unitId=' + units.FAS)).find((x) => x.status === 'open')!;
      const note = await t.request({ method: 'POST', url: `/api/followups/${fas.id}/notes`, payload: { text: 'Vi er i gang.' }, as: 'enhed' });
      assert.equal(note.status, 201);
      assert.equal(note.json.notes.at(-1).author, 'Daniel Færgemand Laursen');
      const status = await t.request({ method: 'PATCH', url: `/api/followups/${fas.id}`, payload: { status: 'in_progress' }, as: 'enhed' });
      assert.equal(status.status, 200);
      const owner = await t.request({ method: 'PATCH', url: `/api/followups/${fas.id}`, payload: { ownerUnitId: units.OL }, as: 'enhed' });
      assert.equal(owner.status, 403, 'only the secretariat moves a follow-up to another owner');
      assert.equal((await t.request({ method: 'PATCH', url: `/api/followups/${fas.id}`, payload: {}, as: 'enhed' })).status, 400, 'an empty change is refused');
    });

    test('bad input: a due date before the meeting, an unknown unit, an empty text — nothing saved', async () => {
      const m = await t.meetingOn('2026-02-04', 'sekretariat');
      const before = (await list('')).length;
      const cases: [object, string][] = [
        [{ meetingId: m.id, text: 'x', dueDate: '2026-01-01' }, 'dueDate'],
        [{ meetingId: m.id, text: 'x', ownerUnitId: 'no-such-unit' }, 'ownerUnitId'],
        [{ meetingId: m.id, text: '   ' }, 'text'],
        [{ meetingId: 'nope', text: 'x' }, 'meetingId'],
        [{ meetingId: m.id, text: 'x', dueDate: '2026-13-40' }, 'dueDate'],
      ];
      for (const [payload, field] of cases) {
        const r = await t.request({ method: 'POST', url: '/api/followups', payload, as: 'sekretariat' });
        assert.equal(r.status, 400, JSON.stringify(payload));
        assert.equal(r.json.error.field, field);
      }
      assert.equal((await list('')).length, before);
    });

    test('bulk close is all or nothing, and the list exports to CSV without running formulas', async () => {
      const open = (await list('?unitId=' + units.FAS)).filter((f) => f.status !== 'done');
      const done = await t.request({ method: 'POST', url: '/api/followups/bulk', payload: { ids: open.map((f) => f.id), status: 'done' }, as: 'sekretariat' });
      assert.equal(done.status, 200);
      assert.ok((done.json as FollowUpView[]).every((f) => f.status === 'done'));
      const refused = await t.request({
        method: 'POST',
        url: '/api/followups/bulk',
        payload: { ids: [open[0].id, 'nope'], status: 'open' },
        as: 'sekretariat',
      });
      assert.equal(refused.status, 404);
      assert.equal((await t.request({ method: 'GET', url: `/api/followups/${open[0].id}`, as: 'sekretariat' })).json.status, 'done', 'nothing half-done');

      const m = await t.meetingOn('2026-02-04', 'sekretariat');
      await t.request({ method: 'POST', url: '/api/followups', payload: { meetingId: m.id, text: '=HYPERLINK("http://x";"klik")' }, as: 'sekretariat' });
      const csv = await t.app.inject({ url: '/api/followups.csv', headers: { cookie: await t.login('sekretariat') } });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.ok(csv.body.startsWith('\ufeffOpfølgning;Status;Ansvarlig enhed'));
      assert.match(csv.body, /OL laver en plan/);
      assert.match(csv.body, /"'=HYPERLINK\(""http:\/\/x"";""klik""\)"/);
    });

    test('"FAS følger op" in a remark is proposed as a follow-up for FAS', async () => {
      const r = await t.request({
        method: 'POST',
        url: '/api/followups/suggest',
        payload: { text: 'Rådmanden bestilte et overblik over visitationslisten. FAS følger op.' },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.json.map((s: { unit: { shortName: string }; text: string }) => [s.unit.shortName, s.text]),
        [['FAS', 'Rådmanden bestilte et overblik over visitationslisten. FAS følger op.']],
      );
    });

    test("the chair's overview says what each unit owes and what is overdue", async () => {
      const list0 = (await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' })).json;
      const alderman = list0.canCreateIn.find((o: { name: string }) => o.name.startsWith('Rådmandsmøde')).id;
      const d = (await t.request({ method: 'GET', url: `/api/followups/dashboard?organizationId=${alderman}`, as: 'sekretariat' })).json;
      const ol = d.units.find((u: { unit: string }) => u.unit === 'OL');
      assert.deepEqual(ol, { unit: 'OL', open: 1, overdue: 1, doneSinceLastMeeting: 0 });
      assert.ok(d.overdue.some((f: FollowUpView) => f.ownerUnit?.shortName === 'OL'));
    });

    test('reminders reach the owner by e-mail once: due soon, then overdue', async () => {
      const smtp = await startSmtpSink();
      const mailer = createMailer({ smtpUrl: smtp.url, from: 'Rådslag <noreply@raadslag.invalid>' })!;
      try {
        const soon = (await list('?unitId=' + units.MØB)).find((f) => f.status === 'in_progress')!;
        const first = await sendReminders({ db: t.db.handle.db, mailer, publicUrl: 'http://localhost:3000', daysBefore: 7 });
        assert.equal(first.withoutAddress, 0);
        assert.ok(first.sent >= 2, JSON.stringify(first));
        const again = await sendReminders({ db: t.db.handle.db, mailer, publicUrl: 'http://localhost:3000', daysBefore: 7 });
        assert.equal(again.sent, 0, 'each reminder once');
        const olMail = smtp.mails.find((m) => m.text.includes('OL laver en plan'))!;
        assert.equal(olMail.subject, 'Frist overskredet: opfølgning med frist 2026-02-10');
        assert.deepEqual(olMail.to, ['ol@raadslag.invalid']);
        assert.match(olMail.text, /Fra mødet: Rådmandsmøde, 2026-01-20/);
        const mob = smtp.mails.find((m) => m.text.includes(soon.id));
        assert.ok(mob, 'the MØB follow-up due soon was reminded');
        assert.equal(mob.subject, `Påmindelse: opfølgning med frist ${soon.dueDate}`);
        // A new due date earns a new reminder.
        const tomorrow = new Date(nowMs() + 86_400_000).toISOString().slice(0, 10);
        await t.request({ method: 'PATCH', url: `/api/followups/${soon.id}`, payload: { dueDate: tomorrow }, as: 'sekretariat' });
        const third = await sendReminders({ db: t.db.handle.db, mailer, publicUrl: 'http://localhost:3000', daysBefore: 7 });
        assert.equal(third.sent, 1);
        assert.deepEqual(smtp.mails.at(-1)!.to, ['moeb@raadslag.invalid']);
      } finally {
        mailer.close();
        await smtp.close();
      }
    });

    test('a unit without an address of its own: its members today are reminded, one who left is not', async () => {
      const db = t.db.handle.db;
      const unitId = units.MØB;
      await db.updateTable('organizations').set({ email: null }).where('id', '=', unitId).execute();
      const body = await db.selectFrom('organizations').select('bodyId').where('id', '=', unitId).executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      const yesterday = copenhagenDate(-1);
      for (const [name, validTo] of [
        ['Nu Ansat', null],
        ['Tidligere Ansat', yesterday],
      ] as const) {
        const personId = `p-${name.replace(' ', '-')}`;
        const email = `${name.replace(' ', '.').toLowerCase()}@raadslag.invalid`;
        await db
          .insertInto('persons')
          .values({ id: personId, bodyId: body.bodyId, name, initials: null, email, created: now, modified: now, deleted: null })
          .execute();
        await db
          .insertInto('memberships')
          .values({
            id: `m-${personId}`,
            personId,
            organizationId: unitId,
            role: 'employee',
            validFrom: '2025-01-01',
            validTo,
            created: now,
            modified: now,
            deleted: null,
          })
          .execute();
      }
      const meeting = await t.meetingOn('2026-01-20', 'sekretariat');
      const created = await t.request({
        method: 'POST',
        url: '/api/followups',
        as: 'sekretariat',
        payload: { meetingId: meeting.id, text: 'MØB skriver til de berørte borgere', ownerUnitId: unitId, dueDate: copenhagenDate(1) },
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const smtp = await startSmtpSink();
      const mailer = createMailer({ smtpUrl: smtp.url, from: 'Rådslag <noreply@raadslag.invalid>' })!;
      try {
        await sendReminders({ db, mailer, publicUrl: 'http://localhost:3000', daysBefore: 7 });
        const mail = smtp.mails.find((m) => m.text.includes(created.json.id));
        assert.ok(mail, 'the unit is reminded through its members');
        assert.ok(mail.to.includes('nu.ansat@raadslag.invalid'));
        assert.ok(!mail.to.includes('tidligere.ansat@raadslag.invalid'), 'a member who left is not reminded');
      } finally {
        mailer.close();
        await smtp.close();
      }
    });
  });
}
