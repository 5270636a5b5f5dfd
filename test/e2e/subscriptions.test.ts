// Browser journey for e-mail subscriptions (issue 12): a visitor, not logged in, subscribes to a
// committee from its meeting list, confirms from the e-mail's link, gets one e-mail when the
// secretariat sends an agenda, and unsubscribes by that e-mail's link; the form and both pages are
// keyboard-operable and axe-clean, and the page announces the body's Atom feed.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import type { MeetingDetail } from '../../src/meetings/schemas.ts';
import { stopSubscriptions, workSubscriptions } from '../../src/publication/subscriptions/operations.ts';
import { assertNoViolations } from '../helpers/axe.ts';
import { IN_THE_DEMO_YEAR } from '../helpers/app.ts';
import { browserSkip, findMeeting, journeyHooks, openPage, type LiveServer } from '../helpers/browser.ts';
import { startSmtpSink } from '../helpers/smtp.ts';

const smtp = await startSmtpSink();
const mailer = createMailer({ smtpUrl: smtp.url, from: 'Rådslag <noreply@raadslag.test>' })!;
// The SMTP sink's socket kept the test process alive once: closed after the suite, whatever happened.
after(async () => {
  mailer.close();
  await smtp.close();
});

const EMAIL = 'borger@example.dk';

async function waitForMail(match: (m: (typeof smtp.mails)[number]) => boolean, what: string) {
  const end = Date.now() + 20_000;
  for (;;) {
    const found = smtp.mails.find(match);
    if (found) return found;
    if (Date.now() > end) throw new Error(`no e-mail: ${what} (${JSON.stringify(smtp.mails.map((m) => m.subject))})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('subscriptions journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks(
    (s, b) => {
      server = s;
      browser = b;
      // Publications e-mail subscribers in this process (the CLI's server does it through its jobs).
      workSubscriptions({ db: s.db.handle.db, mailer, publicUrl: s.url });
    },
    'sqlite',
    { ...IN_THE_DEMO_YEAR, SMTP_URL: smtp.url },
  );
  after(() => server && stopSubscriptions(server.db.handle.db));

  test('a visitor subscribes to a committee, confirms by the e-mail, gets the sent agenda, and unsubscribes by its link', async () => {
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
    const session = login.cookies.find((c) => c.name === 'raadslag_session')!;
    const cookie = `${session.name}=${session.value}`;
    const meetingId = await findMeeting(server, (m) => m.state === 'planned' && m.organization.shortName === 'SBU');
    const meeting = (await server.app.inject({ method: 'GET', url: `/api/meetings/${meetingId}`, headers: { cookie } })).json() as MeetingDetail;
    const committee = meeting.organization;

    // bypassCSP: axe is injected as a script the app's policy would refuse.
    const page = await openPage(browser, { bypassCSP: true });
    await page.goto(`${server.url}/?organisation=${committee.id}`);
    const subscribe = page.getByRole('button', { name: `Abonnér – ${committee.name}` });
    await subscribe.waitFor();
    const feed = page.getByRole('link', { name: `Atom-feed – ${committee.name}` });
    assert.equal(await feed.getAttribute('href'), `/api/feeds/organizations/${committee.id}.atom`);
    assert.equal(
      await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'),
      `/api/feeds/organizations/${committee.id}.atom`,
    );
    await subscribe.focus();
    await page.keyboard.press('Enter');
    const field = page.getByLabel('Din e-postadresse');
    await field.waitFor();
    assert.equal(await subscribe.getAttribute('aria-expanded'), 'true');
    await assertNoViolations(page, 'the subscription form');
    await field.fill('ikke en adresse');
    await page.getByRole('button', { name: 'Send bekræftelse' }).click();
    await page.getByText('Skriv én e-postadresse, fx navn@eksempel.dk.').waitFor();
    await field.fill(EMAIL);
    await field.press('Enter');
    await page
      .getByRole('status')
      .getByText(/Tjek din e-mail/)
      .waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'status', 'the focus is on the answer');
    await assertNoViolations(page, 'the form, answered');

    const confirmation = await waitForMail((m) => m.to.includes(EMAIL) && m.subject.startsWith('Bekræft'), 'the confirmation');
    const confirmLink = /(http\S+\/abonnement\/bekraeft\?token=\S+)/.exec(confirmation.text)?.[1];
    assert.ok(confirmLink?.startsWith(server.url), confirmation.text);
    await page.goto(confirmLink!);
    await page.getByText('Dit abonnement er bekræftet.').waitFor();
    await assertNoViolations(page, 'the confirmation page');

    // The secretariat sends the agenda (through the API): the subscriber is told, once.
    if (meeting.items.length === 0) {
      const r = await server.app.inject({
        method: 'POST',
        url: `/api/meetings/${meetingId}/items`,
        headers: { cookie },
        payload: { title: 'Orientering om budget', plannedMinutes: 10 },
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    const sent = await server.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/state`,
      headers: { cookie },
      payload: { state: 'agenda_published' },
    });
    assert.equal(sent.statusCode, 200, sent.body);
    const news = await waitForMail((m) => m.to.includes(EMAIL) && m.subject.startsWith('Dagsorden offentliggjort'), 'the agenda');
    assert.ok(news.text.includes(`${server.url}/meetings/${meetingId}`), news.text);
    assert.match(news.headers['list-unsubscribe'] ?? '', /^<http:\/\/127\.0\.0\.1:\d+\/abonnement\/afmeld\?token=[\w-]{43}>$/);

    const unsubscribeLink = /(http\S+\/abonnement\/afmeld\?token=\S+)/.exec(news.text)?.[1];
    assert.ok(unsubscribeLink, news.text);
    await page.goto(unsubscribeLink);
    const button = page.getByRole('button', { name: 'Afmeld' });
    await button.waitFor();
    await assertNoViolations(page, 'the unsubscribe page');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Du er afmeldt.', { exact: false }).waitFor();
    const left = await server.db.handle.db.selectFrom('subscriptions').select('id').where('email', '=', EMAIL).execute();
    assert.equal(left.length, 0, 'the subscription is gone');
    assert.equal(smtp.mails.filter((m) => m.to.includes(EMAIL)).length, 2, 'the confirmation and one e-mail about the agenda');
  });

  test('a visitor reading a proposal subscribes to its case and is told, once, when the minutes are approved', async () => {
    const CASE = 'EMN-2025-00982';
    const ADDRESS = 'sag@example.dk';
    const db = server.db.handle.db;
    // The demo's Job Aarhus proposal, on an open item of the rådmand's held meeting; the case officer has given it its case number.
    const open = await db
      .selectFrom('proposals as p')
      .innerJoin('agendaItems as i', 'i.id', 'p.agendaItemId')
      .innerJoin('meetings as m', 'm.id', 'i.meetingId')
      .select(['p.id', 'p.title', 'm.id as meetingId', 'i.position'])
      .where('m.state', '=', 'held')
      .where('i.isPublic', '=', 1)
      .executeTakeFirstOrThrow();
    await db.updateTable('proposals').set({ caseNumber: CASE }).where('id', '=', open.id).execute();
    // Its agenda was sent before the meeting: history, not news (the demo stamps it with the time it was loaded).
    await db.updateTable('meetings').set({ publishedAt: '2026-01-20T09:00:00.000Z' }).where('id', '=', open.meetingId).execute();

    const page = await openPage(browser, { bypassCSP: true });
    await page.goto(`${server.url}/meetings/${open.meetingId}`);
    // From the meeting page to the proposal, as a visitor clicks.
    await page.locator(`a[href="/indstillinger/${open.id}"]`).first().click();
    await page.getByRole('heading', { name: open.title }).first().waitFor();
    await page.getByText(`Sagsnummer: ${CASE}`).waitFor();
    const subscribe = page.getByRole('button', { name: `Abonnér – sagen ${CASE}` });
    const feed = page.getByRole('link', { name: `Atom-feed – sagen ${CASE}` });
    assert.equal(await feed.getAttribute('href'), `/api/feeds/cases/${CASE}.atom`);
    await subscribe.click();
    const field = page.getByLabel('Din e-postadresse');
    await field.fill(ADDRESS);
    await field.press('Enter');
    await page
      .getByRole('status')
      .getByText(/Tjek din e-mail/)
      .waitFor();
    await assertNoViolations(page, 'the proposal with the case subscription form');

    const confirmation = await waitForMail((m) => m.to.includes(ADDRESS) && m.subject.startsWith('Bekræft'), 'the case confirmation');
    assert.ok(confirmation.text.includes(`sagen ${CASE}`), confirmation.text);
    await page.goto(/(http\S+\/abonnement\/bekraeft\?token=\S+)/.exec(confirmation.text)![1]);
    await page.getByText('Dit abonnement er bekræftet.').waitFor();

    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
    const session = login.cookies.find((c) => c.name === 'raadslag_session')!;
    const approved = await server.app.inject({
      method: 'POST',
      url: `/api/meetings/${open.meetingId}/minutes/approve`,
      headers: { cookie: `${session.name}=${session.value}` },
      payload: { overrideReason: 'Godkendt på mødet.' },
    });
    assert.equal(approved.statusCode, 200, approved.body);
    const news = await waitForMail((m) => m.to.includes(ADDRESS) && m.subject.startsWith('Referat offentliggjort'), 'the minutes');
    assert.ok(news.text.includes(`${server.url}/meetings/${open.meetingId}/referat`) && news.text.includes(`sagen ${CASE}`), news.text);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(smtp.mails.filter((m) => m.to.includes(ADDRESS)).length, 2, 'the confirmation and one e-mail about the minutes');
  });

  test("on a phone the search page's Abonnér box and its form fit the screen, axe-clean", async () => {
    const page = await openPage(browser, { bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/soeg?q=${encodeURIComponent('Job Aarhus')}`);
    const subscribe = page.getByRole('button', { name: 'Abonnér – søgningen «Job Aarhus»' });
    await subscribe.click();
    await page.getByLabel('Din e-postadresse').waitFor();
    const feed = page.getByRole('link', { name: 'Atom-feed – søgningen «Job Aarhus»' });
    assert.equal(await feed.getAttribute('href'), '/api/feeds/search.atom?q=Job%20Aarhus');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling');
    await assertNoViolations(page, 'the search page with the subscription form, on a phone');
  });
});
