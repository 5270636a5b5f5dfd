// E-mail to members about their agendas, through a real SMTP sink and real jobs on both databases:
// one e-mail each when the agenda is sent, none to who turned it off or is no member, and changes
// after sending gathered into one e-mail that lists them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { startSmtpSink, type ReceivedMail } from '../../test/helpers/smtp.ts';
import { attachJobs, createJobs, type Jobs } from '../jobs/jobs.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { newId } from '../lib/ids.ts';
import { nowIso } from '../lib/time.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import { changeLines, itemLabel, type NoticeState } from './model.ts';
import { sendNotice, stopNotifications, workNotifications } from './operations.ts';

describe('what changed, as an e-mail may say it', () => {
  const item = (id: string, number: number, pub = true) => ({
    id,
    number,
    title: `Sag ${id}`,
    publicTitle: pub ? null : 'Personalesag',
    public: pub,
    plannedMinutes: 10,
  });
  test('items added, removed and moved; a new proposal version and a new file; a closed item only by its public title', () => {
    const before: NoticeState = {
      items: [item('a', 1), item('b', 2), item('c', 3, false)],
      proposals: [{ id: 'p', itemId: 'a', version: 1 }],
      files: [{ id: 'f', itemId: 'c', title: 'Fortroligt notat', public: false, sha256: 'x' }],
    };
    const now: NoticeState = {
      items: [item('b', 1), item('a', 2), item('c', 3, false), item('d', 4)],
      proposals: [{ id: 'p', itemId: 'a', version: 2 }],
      files: [{ id: 'f', itemId: 'c', title: 'Fortroligt notat', public: false, sha256: 'y' }],
    };
    const lines = changeLines(before, now);
    assert.ok(lines.includes('Nyt punkt – Punkt 4: Sag d'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('Flyttet fra punkt')));
    assert.ok(lines.includes('Ny version af indstillingen (version 2) – Punkt 2: Sag a'));
    assert.ok(lines.includes('Ny version af bilaget et bilag – Punkt 3: Personalesag (lukket punkt)'));
    assert.ok(!lines.join('\n').includes('Fortroligt') && !lines.join('\n').includes('Sag c'));
    assert.deepEqual(changeLines(now, now), []);
    assert.equal(itemLabel(item('z', 5, false)), 'Punkt 5: Personalesag (lukket punkt)');
  });
});

for (const kind of backendKinds) {
  describe(`agenda e-mail to members on ${kind}`, () => {
    let t: TestApp;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let jobs: Jobs;
    let mailer: Mailer;
    let publishedId: string;
    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind);
      const db = t.db.handle.db;
      jobs = await createJobs(t.db.handle, { pollMs: 100, superviseSeconds: 1, pgSchema: t.db.pgSchema });
      attachJobs(db, jobs);
      mailer = createMailer({ smtpUrl: sink.url, from: 'Rådslag <noreply@raadslag.test>' })!;
      workNotifications({ db, mailer, publicUrl: 'https://raadslag.test', changesDelayMs: 1500 }, jobs);
      await jobs.start();
      // The committee's chair and two members get a login and an address; the demo gives them none.
      const hash = (await db.selectFrom('users').select('passwordHash').where('username', '=', 'medlem').executeTakeFirstOrThrow()).passwordHash;
      const person = (name: string) => db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      const now = nowIso();
      for (const [name, username, email] of [
        ['Anders Ravn', 'formand', 'anders@raadslag.test'],
        ['Mads Lund', 'mads', 'mads@raadslag.test'],
        ['Karen Holm', null, 'karen@raadslag.test'],
      ] as const) {
        const { id } = await person(name);
        await db.updateTable('persons').set({ email }).where('id', '=', id).execute();
        if (username)
          await db
            .insertInto('users')
            .values({
              id: newId(),
              personId: id,
              username,
              passwordHash: hash,
              isAdmin: 0,
              created: now,
              modified: now,
              deleted: null,
              disabled: null,
              oidcIssuer: null,
              oidcSubject: null,
              lockedUntil: null,
            })
            .execute();
      }
    });
    after(async () => {
      stopNotifications(t.db.handle.db);
      await jobs.stop(2000);
      mailer.close();
      await t.close();
      await sink.close();
    });

    const waitFor = async (what: string, ok: () => boolean, ms = 15_000) => {
      const end = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(sink.mails.map((m) => [m.to, m.subject]))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const to = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();

    test('settings: all on until changed; a member turns "agenda sent" off (anonymous: 401)', async () => {
      assert.deepEqual((await t.request({ method: 'GET', url: '/api/my/notification-settings', as: 'mads' })).json, {
        agendaSent: true,
        agendaChanged: true,
        mentions: true,
      });
      const put = await t.request({
        method: 'PUT',
        url: '/api/my/notification-settings',
        payload: { agendaSent: false, agendaChanged: true, mentions: true },
        as: 'mads',
      });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      assert.equal((await t.request({ method: 'GET', url: '/api/my/notification-settings', as: 'mads' })).json.agendaSent, false);
      assert.equal((await t.request({ method: 'GET', url: '/api/my/notification-settings' })).status, 401);
    });

    test('sending an agenda mails each member once (not who turned it off, not the secretariat); three changes after make one "ændret" e-mail', async () => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings as {
        id: string;
        state: string;
        title: string;
      }[];
      const planned = list.find((m) => m.state === 'planned' && m.title.startsWith('Social'))!;
      assert.ok(planned, 'a planned committee meeting');
      let m = (await t.request({ method: 'GET', url: `/api/meetings/${planned.id}`, as: 'sekretariat' })).json as MeetingDetail;
      if (m.items.length === 0) {
        const r = await t.request({
          method: 'POST',
          url: `/api/meetings/${m.id}/items`,
          payload: { title: 'Orientering om budget', plannedMinutes: 10 },
          as: 'sekretariat',
        });
        assert.equal(r.status, 201, JSON.stringify(r.json));
      }
      sink.mails.length = 0;
      const sent = await t.request({ method: 'POST', url: `/api/meetings/${m.id}/state`, payload: { state: 'agenda_published' }, as: 'sekretariat' });
      assert.equal(sent.status, 200, JSON.stringify(sent.json));
      publishedId = m.id;
      await waitFor('the sent e-mails', () => sink.mails.length >= 2);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(
        to(sink.mails),
        ['anders@raadslag.test', 'karen@raadslag.test'].sort(),
        'chair and member; not Mads (off), not Karen twice, not Sofie (secretariat)',
      );
      assert.match(sink.mails[0].subject, /^Dagsorden udsendt: Social- og Beskæftigelsesudvalget \d+\. \w+ \d{4}$/);
      assert.ok(sink.mails[0].text.includes(`https://raadslag.test/meetings/${m.id}`));

      sink.mails.length = 0;
      m = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      const add = (title: string) =>
        t.request({ method: 'POST', url: `/api/meetings/${m.id}/items`, payload: { title, plannedMinutes: 5 }, as: 'sekretariat' });
      assert.equal((await add('Nyt punkt om ungdomsuddannelse')).status, 201);
      assert.equal((await add('Lukket sag')).status, 201);
      m = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      const first = m.items[0];
      const del = await t.request({ method: 'DELETE', url: `/api/meetings/${m.id}/items/${first.id}?version=${m.agendaVersion}`, as: 'sekretariat' });
      assert.equal(del.status, 200, JSON.stringify(del.json));
      await waitFor('the changed e-mails', () => sink.mails.length >= 3);
      await new Promise((r) => setTimeout(r, 2500));
      assert.deepEqual(to(sink.mails), ['anders@raadslag.test', 'karen@raadslag.test', 'mads@raadslag.test'].sort(), 'one e-mail each for three changes');
      const mail = sink.mails[0];
      assert.match(mail.subject, /^Dagsorden ændret: Social- og Beskæftigelsesudvalget/);
      assert.ok(mail.text.includes('Nyt punkt – ') && mail.text.includes('Nyt punkt om ungdomsuddannelse'), mail.text);
      assert.ok(mail.text.includes('Lukket sag'), mail.text);
      assert.ok(mail.text.includes(`Punkt taget af – Punkt ${first.number}`), mail.text);
    });

    test('a new version of a proposal on a sent agenda is listed', async () => {
      const db = t.db.handle.db;
      const m = (await t.request({ method: 'GET', url: `/api/meetings/${publishedId}`, as: 'sekretariat' })).json as MeetingDetail;
      // The demo's proposals are on held meetings: one like them is put on this sent agenda's first item.
      const demo = await db.selectFrom('proposals').selectAll().executeTakeFirstOrThrow();
      const content = (await db.selectFrom('proposalVersions').select('content').where('proposalId', '=', demo.id).executeTakeFirstOrThrow()).content;
      const id = newId();
      const now = nowIso();
      const org = (await db.selectFrom('meetings').select('organizationId').where('id', '=', m.id).executeTakeFirstOrThrow()).organizationId;
      const { version: _v, ...rest } = demo;
      await db
        .insertInto('proposals')
        .values({ ...rest, id, organizationId: org, meetingId: m.id, agendaItemId: m.items[0].id, state: 'scheduled', created: now, modified: now })
        .execute();
      await db
        .insertInto('proposalVersions')
        .values({ id: newId(), proposalId: id, number: 1, content, changeNote: null, authorUserId: null, created: now, modified: now })
        .execute();
      await sendNotice({ db, mailer, publicUrl: 'https://raadslag.test', changesDelayMs: 0 }, m.id);
      sink.mails.length = 0;
      const p = (await t.request({ method: 'GET', url: `/api/proposals/${id}`, as: 'sekretariat' })).json;
      const r = await t.request({
        method: 'PUT',
        url: `/api/proposals/${id}`,
        payload: { version: p.version, title: 'Ny titel på indstillingen', changeNote: 'Titlen præciseret' },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      await waitFor('the changed e-mail', () => sink.mails.length >= 3);
      assert.match(sink.mails[0].subject, /^Dagsorden ændret: /);
      assert.ok(sink.mails[0].text.includes(`Ny version af indstillingen (version 2) – Punkt ${m.items[0].number}`), sink.mails[0].text);
    });
  });
}
