// E-mail subscriptions and Atom feeds for the public, on both databases, through a real SMTP sink
// and real jobs: double opt-in (nothing before confirming), one e-mail per publication per
// subscriber with List-Unsubscribe (RFC 8058's one-click POST works), a closed item's canary never
// in a mail or feed, bad input refused with nothing stored, and the limits per IP and per address.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import { backendKinds } from '../../../test/helpers/backends.ts';
import { startTestApp, IN_THE_DEMO_YEAR, type TestApp } from '../../../test/helpers/app.ts';
import { startSmtpSink, type ReceivedMail } from '../../../test/helpers/smtp.ts';
import { attachJobs, createJobs, type Jobs } from '../../jobs/jobs.ts';
import { createMailer, type Mailer } from '../../mail/mailer.ts';
import type { MeetingDetail, MeetingSummary } from '../../meetings/schemas.ts';
import { expirePending, sendPublication, stopSubscriptions, workSubscriptions } from './operations.ts';

const CANARY = 'KANARIEFUGL-personsag';
const BASE = 'https://raadslag.test';

for (const kind of backendKinds) {
  describe(`subscriptions and feeds on ${kind}`, () => {
    let t: TestApp;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let jobs: Jobs;
    let mailer: Mailer;
    let committee: { id: string; name: string };
    let meeting: MeetingDetail;
    let ip = 0;
    let seekerUnsubscribe = '';
    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, { env: { ...IN_THE_DEMO_YEAR, SMTP_URL: sink.url, PUBLIC_URL: BASE, SUBSCRIBE_RATE_PER_HOUR: '5' } });
      const db = t.db.handle.db;
      jobs = await createJobs(t.db.handle, { pollMs: 100, superviseSeconds: 1, pgSchema: t.db.pgSchema });
      attachJobs(db, jobs);
      mailer = createMailer({ smtpUrl: sink.url, from: 'Rådslag <noreply@raadslag.test>' })!;
      workSubscriptions({ db, mailer, publicUrl: BASE }, jobs);
      await jobs.start();
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings as MeetingSummary[];
      const planned = list.find((m) => m.state === 'planned' && m.title.startsWith('Social'))!;
      assert.ok(planned, 'a planned committee meeting');
      committee = planned.organization;
      for (const payload of [
        { title: 'Orientering om ungdomsuddannelse', plannedMinutes: 10 },
        { title: CANARY, plannedMinutes: 10, public: false, publicTitle: 'Personalesag', legalBasis: 'Offentlighedslovens § 30' },
      ]) {
        const r = await t.request({ method: 'POST', url: `/api/meetings/${planned.id}/items`, payload, as: 'sekretariat' });
        assert.equal(r.status, 201, JSON.stringify(r.json));
      }
      meeting = (await t.request({ method: 'GET', url: `/api/meetings/${planned.id}`, as: 'sekretariat' })).json;
    });
    after(async () => {
      stopSubscriptions(t.db.handle.db);
      await jobs.stop(2000);
      mailer.close();
      await t.close();
      await sink.close();
    });

    /** Each request from its own address, so the limit per IP is only met where a test means it. */
    const subscribe = (payload: Record<string, unknown>, remoteAddress = `10.0.0.${++ip}`) =>
      t.request({ method: 'POST', url: '/api/subscriptions', payload, remoteAddress });
    const waitFor = async (what: string, ok: () => boolean, ms = 15_000) => {
      const end = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(sink.mails.map((m) => [m.to, m.subject]))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const mailsTo = (address: string) => sink.mails.filter((m) => m.to.includes(address));
    const tokenIn = (mail: ReceivedMail, path: string) => new RegExp(`${BASE}${path}\\?token=([A-Za-z0-9_-]{43})`).exec(mail.text)?.[1];
    /** Subscribes and confirms from the link in the e-mail, as a visitor would. */
    const subscribed = async (email: string, topic: Record<string, unknown>) => {
      assert.equal((await subscribe({ email, ...topic })).status, 202);
      await waitFor(`the confirmation to ${email}`, () => mailsTo(email).length > 0);
      const token = tokenIn(mailsTo(email).at(-1)!, '/abonnement/bekraeft');
      assert.ok(token, mailsTo(email).at(-1)!.text);
      const r = await t.request({ method: 'POST', url: '/api/subscriptions/confirm', payload: { token } });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json as { label: string };
    };
    const count = async (table: 'subscriptions' | 'subscriptionDeliveries') =>
      Number(
        (
          await t.db.handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('bad input is refused with a reason, and nothing is stored or sent', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ email: '', kind: 'organization', organizationId: committee.id }, 'email', 'subscription.email_missing'],
        [{ email: 'ikke-en-adresse', kind: 'organization', organizationId: committee.id }, 'email', 'subscription.email_invalid'],
        [{ email: 'a@example.dk, b@example.dk', kind: 'organization', organizationId: committee.id }, 'email', 'subscription.email_invalid'],
        [{ email: 'a@example.dk\r\nBcc: b@example.dk', kind: 'organization', organizationId: committee.id }, 'email', 'subscription.email_invalid'],
        [{ email: 'a@example.dk', kind: 'organization', organizationId: 'no-such-body' }, 'organizationId', 'subscription.unknown_body'],
        [{ email: 'a@example.dk', kind: 'search', query: '   ' }, 'query', 'subscription.query_empty'],
        [{ email: 'a@example.dk', kind: 'case', caseNumber: '<b>' }, 'caseNumber', 'subscription.case_invalid'],
        [{ email: 'a@example.dk', kind: 'everything' }, 'kind', 'subscription.topic_invalid'],
      ];
      for (const [payload, field, reason] of cases) {
        const r = await subscribe(payload);
        assert.equal(r.status, 400, JSON.stringify(payload));
        assert.equal(r.json.error.reason, reason, JSON.stringify(r.json));
        assert.equal(r.json.error.field, field);
      }
      // A unit is no political body: nobody subscribes to its meetings.
      const unit = await t.db.handle.db.selectFrom('organizations').select('id').where('kind', '=', 'unit').executeTakeFirstOrThrow();
      assert.equal((await subscribe({ email: 'a@example.dk', kind: 'organization', organizationId: unit.id })).json.error.reason, 'subscription.unknown_body');
      assert.equal(await count('subscriptions'), 0);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(sink.mails.length, 0);
    });

    test('double opt-in: a confirmation e-mail, the same answer the second time, confirmed by its link; an unknown link is 404', async () => {
      const first = await subscribe({ email: 'Borger@Example.dk', kind: 'organization', organizationId: committee.id });
      assert.equal(first.status, 202);
      await waitFor('the confirmation', () => mailsTo('borger@example.dk').length === 1);
      const mail = mailsTo('borger@example.dk')[0];
      assert.equal(mail.subject, `Bekræft dit abonnement: ${committee.name}`);
      assert.ok(mail.html.includes('/abonnement/bekraeft?token='), 'an HTML part with the link');
      const again = await subscribe({ email: 'borger@example.dk', kind: 'organization', organizationId: committee.id });
      assert.deepEqual([again.status, again.json], [first.status, first.json], 'no telling whether the address was known');
      assert.equal(await count('subscriptions'), 1, 'one subscription for one address and topic');
      await waitFor('the second confirmation', () => mailsTo('borger@example.dk').length === 2);
      const token = tokenIn(mailsTo('borger@example.dk')[0], '/abonnement/bekraeft')!;
      const ok = await t.request({ method: 'POST', url: '/api/subscriptions/confirm', payload: { token } });
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      assert.equal(ok.json.label, committee.name);
      assert.equal((await t.request({ method: 'POST', url: '/api/subscriptions/confirm', payload: { token } })).status, 200, 'a second click is fine');
      const confirmedAgain = await subscribe({ email: 'borger@example.dk', kind: 'organization', organizationId: committee.id });
      assert.deepEqual([confirmedAgain.status, confirmedAgain.json], [first.status, first.json], 'nor whether it was confirmed');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(mailsTo('borger@example.dk').length, 2, 'a confirmed subscription is sent no confirmation');
      const unknown = await t.request({ method: 'POST', url: '/api/subscriptions/confirm', payload: { token: 'A'.repeat(43) } });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.error.reason, 'subscription.link_unknown');
    });

    test('sending the agenda: one e-mail per subscriber (body, search), none before confirming, none for a search that only a closed item matches', async () => {
      await subscribed('soeger@example.dk', { kind: 'search', query: 'Ungdomsuddannelse' });
      await subscribed('nysgerrig@example.dk', { kind: 'search', query: 'kanariefugl' });
      assert.equal((await subscribe({ email: 'tidlig@example.dk', kind: 'organization', organizationId: committee.id })).status, 202);
      await waitFor('the unconfirmed confirmation', () => mailsTo('tidlig@example.dk').length === 1);
      sink.mails.length = 0;
      const sent = await t.request({ method: 'POST', url: `/api/meetings/${meeting.id}/state`, payload: { state: 'agenda_published' }, as: 'sekretariat' });
      assert.equal(sent.status, 200, JSON.stringify(sent.json));
      await waitFor('the e-mails', () => sink.mails.length >= 2);
      await new Promise((r) => setTimeout(r, 800));
      assert.deepEqual(sink.mails.flatMap((m) => m.to).sort(), ['borger@example.dk', 'soeger@example.dk']);
      for (const mail of sink.mails) {
        assert.match(mail.subject, /^Dagsorden offentliggjort: Social- og Beskæftigelsesudvalget \d+\. \w+ 2026$/);
        assert.ok(mail.text.includes(`${BASE}/meetings/${meeting.id}`) && mail.text.includes(`${BASE}/api/meetings/${meeting.id}/agenda.pdf`), mail.text);
        assert.ok(mail.text.includes('Orientering om ungdomsuddannelse') && mail.text.includes('Personalesag (lukket punkt)'), mail.text);
        const unsubscribe = tokenIn(mail, '/abonnement/afmeld');
        assert.ok(unsubscribe && mail.text.includes('Afmeld abonnementet'), mail.text);
        assert.equal(mail.headers['list-unsubscribe'], `<${BASE}/abonnement/afmeld?token=${unsubscribe}>`);
        assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
        assert.ok(mail.html.includes(`href="${BASE}/meetings/${meeting.id}"`));
      }
      // The PDF the e-mail links to is the public's: anyone may open it, and the closed item is only its public title.
      const pdf = await t.app.inject({ url: `/api/meetings/${meeting.id}/agenda.pdf` });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.ok(mailsTo('soeger@example.dk')[0].text.includes('søgningen «ungdomsuddannelse»'));
      seekerUnsubscribe = tokenIn(mailsTo('soeger@example.dk')[0], '/abonnement/afmeld')!;
      // A second run of the publication's job (a retry, another server) sends nobody anything again.
      const db = t.db.handle.db;
      const pub = await db.selectFrom('subscriptionPublications').select('id').where('meetingId', '=', meeting.id).executeTakeFirstOrThrow();
      assert.deepEqual(await sendPublication({ db, mailer, publicUrl: BASE }, pub.id), { sent: 0, failed: 0 });
      // An agenda change after sending is no new publication.
      const change = await t.request({
        method: 'POST',
        url: `/api/meetings/${meeting.id}/items`,
        payload: { title: 'Eventuelt', plannedMinutes: 5 },
        as: 'sekretariat',
      });
      assert.equal(change.status, 201);
      await new Promise((r) => setTimeout(r, 800));
      assert.equal(sink.mails.length, 2);
      for (const m of sink.mails) assert.ok(!m.text.includes(CANARY) && !m.html.includes(CANARY) && !m.subject.includes(CANARY));
    });

    test('an SMTP failure: the retry sends only to those not yet sent', async () => {
      const db = t.db.handle.db;
      await subscribed('senere@example.dk', { kind: 'organization', organizationId: committee.id });
      sink.mails.length = 0;
      const pub = await db.selectFrom('subscriptionPublications').select('id').where('meetingId', '=', meeting.id).executeTakeFirstOrThrow();
      const broken: Mailer = { send: () => Promise.reject(new Error('421 try later')), close: () => undefined };
      await assert.rejects(sendPublication({ db, mailer: broken, publicUrl: BASE }, pub.id), /1 of 1 e-mails/);
      assert.deepEqual(await sendPublication({ db, mailer, publicUrl: BASE }, pub.id), { sent: 1, failed: 0 });
      assert.deepEqual(
        sink.mails.flatMap((m) => m.to),
        ['senere@example.dk'],
      );
    });

    test('one-click unsubscribe (RFC 8058): the POST from the header ends it; without its body it is refused; the API link too', async () => {
      const mail = mailsTo('senere@example.dk')[0];
      const token = tokenIn(mail, '/abonnement/afmeld')!;
      const db = t.db.handle.db;
      const before = await count('subscriptions');
      const bare = await t.app.inject({
        method: 'POST',
        url: `/abonnement/afmeld?token=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'x=1',
      });
      assert.equal(bare.statusCode, 400);
      assert.equal(JSON.parse(bare.body).error.reason, 'subscription.one_click');
      const r = await t.app.inject({
        method: 'POST',
        url: `/abonnement/afmeld?token=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(await count('subscriptions'), before - 1);
      assert.equal((await db.selectFrom('subscriptions').select('id').where('email', '=', 'senere@example.dk').execute()).length, 0);
      const other = { token: seekerUnsubscribe };
      assert.deepEqual((await t.request({ method: 'POST', url: '/api/subscriptions/unsubscribe', payload: other })).json, { removed: true });
      assert.deepEqual((await t.request({ method: 'POST', url: '/api/subscriptions/unsubscribe', payload: other })).json, { removed: false });
    });

    test('approved minutes: one e-mail to the case’s subscriber; the case’s feed lists them', async () => {
      const db = t.db.handle.db;
      // A held meeting with a proposal on an open item (the demo's Job Aarhus proposal, at the rådmand's meeting).
      const open = await db
        .selectFrom('proposals as p')
        .innerJoin('agendaItems as i', 'i.id', 'p.agendaItemId')
        .innerJoin('meetings as m', 'm.id', 'i.meetingId')
        .select(['p.id', 'm.id as meetingId'])
        .where('m.state', '=', 'held')
        .where('i.isPublic', '=', 1)
        .executeTakeFirstOrThrow();
      const held = (await t.request({ method: 'GET', url: `/api/meetings/${open.meetingId}`, as: 'sekretariat' })).json as MeetingDetail;
      await db.updateTable('proposals').set({ caseNumber: 'EMN-2025-00982' }).where('id', '=', open.id).execute();
      // Its agenda was sent before the meeting (the demo stamps it with the time it was loaded): history, not news.
      await db.updateTable('meetings').set({ publishedAt: '2026-01-20T09:00:00.000Z' }).where('id', '=', open.meetingId).execute();
      await subscribed('sag@example.dk', { kind: 'case', caseNumber: 'emn-2025-00982' });
      sink.mails.length = 0;
      const r = await t.request({
        method: 'POST',
        url: `/api/meetings/${held.id}/minutes/approve`,
        payload: { overrideReason: 'Godkendt på mødet.' },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      await waitFor('the minutes e-mail', () => sink.mails.length >= 1);
      await new Promise((r) => setTimeout(r, 800));
      assert.deepEqual(
        sink.mails.flatMap((m) => m.to),
        ['sag@example.dk'],
        'not the committee’s subscriber: another body',
      );
      const mail = mailsTo('sag@example.dk')[0];
      assert.match(mail.subject, /^Referat offentliggjort: Rådmandsmøde – Sociale Forhold og Beskæftigelse 27\. januar 2026$/);
      assert.ok(mail.text.includes(`${BASE}/meetings/${held.id}/referat`) && mail.text.includes('sagen EMN-2025-00982'), mail.text);

      const feed = await t.app.inject({ url: '/api/feeds/cases/EMN-2025-00982.atom' });
      assert.equal(feed.statusCode, 200);
      const entries = atomEntries(feed.body);
      assert.ok(
        entries.some((e) => e.id.endsWith(`meeting/${held.id}/minutes`) && e.title.startsWith('Referat:')),
        feed.body,
      );
    });

    test('Atom feeds: RFC 4287 shape, public data only, ETag/Last-Modified with 304, 404 and 400 for what is none', async () => {
      const r = await t.app.inject({ url: `/api/feeds/organizations/${committee.id}.atom` });
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /^application\/atom\+xml/);
      assert.ok(!r.body.includes(CANARY), 'the closed item only by its public title');
      const entries = atomEntries(r.body);
      const agenda = entries.find((e) => e.id.endsWith(`meeting/${meeting.id}/agenda`));
      assert.ok(agenda, 'the sent agenda is an entry');
      assert.equal(agenda.link, `${BASE}/meetings/${meeting.id}`);
      assert.ok(agenda.summary.includes('Personalesag (lukket punkt)'));
      assert.ok(!entries.some((e) => e.id.includes('planned')), 'entries are publications');
      const etag = String(r.headers.etag);
      assert.equal((await t.app.inject({ url: `/api/feeds/organizations/${committee.id}.atom`, headers: { 'if-none-match': etag } })).statusCode, 304);
      const since = String(r.headers['last-modified']);
      assert.equal((await t.app.inject({ url: `/api/feeds/organizations/${committee.id}.atom`, headers: { 'if-modified-since': since } })).statusCode, 304);

      const found = await t.app.inject({ url: '/api/feeds/search.atom?q=ungdomsuddannelse' });
      assert.equal(found.statusCode, 200);
      assert.ok(atomEntries(found.body).some((e) => e.id.endsWith(`meeting/${meeting.id}/agenda`)));
      const secret = await t.app.inject({ url: `/api/feeds/search.atom?q=${encodeURIComponent('kanariefugl')}` });
      assert.equal(atomEntries(secret.body).length, 0, 'a closed item’s title finds nothing for anyone');
      assert.ok(!secret.body.includes(CANARY));
      assert.equal((await t.app.inject({ url: '/api/feeds/organizations/no-such-body.atom' })).statusCode, 404);
      const bad = await t.app.inject({ url: '/api/feeds/cases/%3Cb%3E.atom' });
      assert.equal(bad.statusCode, 400);
      assert.equal(JSON.parse(bad.body).error.reason, 'subscription.case_invalid');
      assert.equal((await t.app.inject({ url: '/api/feeds/search.atom?q=%20' })).statusCode, 400);
    });

    test('limits: a sixth request an hour from one IP is 429; a fourth confirmation a day to one address is 429, and not sent', async () => {
      for (let i = 1; i <= 5; i++) assert.equal((await subscribe({ email: `ip${i}@example.dk`, kind: 'search', query: `ord${i}` }, '10.9.9.9')).status, 202);
      const over = await subscribe({ email: 'ip6@example.dk', kind: 'search', query: 'ord6' }, '10.9.9.9');
      assert.equal(over.status, 429);
      assert.equal(over.json.error.reason, 'request.rate_limited');
      assert.equal((await t.db.handle.db.selectFrom('subscriptions').select('id').where('email', '=', 'ip6@example.dk').execute()).length, 0);
      sink.mails.length = 0;
      for (const q of ['a', 'b', 'c']) assert.equal((await subscribe({ email: 'fremmed@example.dk', kind: 'search', query: q })).status, 202);
      const spam = await subscribe({ email: 'fremmed@example.dk', kind: 'search', query: 'd' });
      assert.equal(spam.status, 429);
      assert.equal(spam.json.error.reason, 'subscription.address_limit');
      await waitFor('three confirmations', () => mailsTo('fremmed@example.dk').length === 3);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(mailsTo('fremmed@example.dk').length, 3);
    });

    test('a confirmation not used within 7 days: the link is unknown, and the pending subscription is deleted', async () => {
      const db = t.db.handle.db;
      const mail = mailsTo('fremmed@example.dk')[0];
      const token = tokenIn(mail, '/abonnement/bekraeft')!;
      await db.updateTable('subscriptions').set({ expires: '2020-01-01T00:00:00.000Z' }).where('email', '=', 'fremmed@example.dk').execute();
      const r = await t.request({ method: 'POST', url: '/api/subscriptions/confirm', payload: { token } });
      assert.equal(r.status, 404);
      assert.equal(r.json.error.reason, 'subscription.link_unknown');
      assert.ok((await expirePending(db)) >= 3);
      assert.equal((await db.selectFrom('subscriptions').select('id').where('email', '=', 'fremmed@example.dk').execute()).length, 0);
      assert.equal((await db.selectFrom('subscriptions').select('id').where('email', '=', 'borger@example.dk').execute()).length, 1, 'a confirmed one stays');
    });
  });
}

/** The entries of an Atom feed, checked for what RFC 4287 requires of the feed and of each entry. */
function atomEntries(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const ns = 'http://www.w3.org/2005/Atom';
  const feed = doc.documentElement!;
  assert.equal(feed.localName, 'feed');
  assert.equal(feed.namespaceURI, ns);
  const child = (el: Element, name: string) => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name);
  const text = (el: Element, name: string) => {
    const [c] = child(el, name);
    assert.ok(c, `<${el.localName}> has <${name}>`);
    return c.textContent ?? '';
  };
  assert.ok(text(feed, 'id').startsWith('tag:raadslag.test,2026:'));
  assert.ok(text(feed, 'title'));
  assert.ok(!Number.isNaN(Date.parse(text(feed, 'updated'))));
  assert.ok(text(child(feed, 'author')[0], 'name'), 'the feed has an author');
  assert.ok(child(feed, 'link').some((l) => l.getAttribute('rel') === 'self'));
  return child(feed, 'entry').map((e) => {
    const alternate = child(e, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    assert.ok(alternate, 'an entry links to its page');
    assert.match(text(e, 'updated'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    return { id: text(e, 'id'), title: text(e, 'title'), link: alternate.getAttribute('href'), summary: child(e, 'summary')[0]?.textContent ?? '' };
  });
}
