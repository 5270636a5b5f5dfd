// Browser journeys of the calendar (issue 12): "Tilføj til kalender" on a meeting's page downloads
// the meeting as a .ics a calendar program reads, and the public feeds are offered as webcal://
// addresses next to their https ones; axe finds nothing on these pages.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { assertNoViolations } from '../helpers/axe.ts';
import { browserSkip, findMeeting, journeyHooks, type LiveServer, logIn, openPage, publishedCommitteeMeeting } from '../helpers/browser.ts';
import { parseFeed } from '../helpers/ical.ts';

describe('calendar in the browser', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  // The server's CSP (script-src 'self') rightly refuses the injected axe script.
  const newPage = () => openPage(browser, { bypassCSP: true });
  /** webcal:// and the server's host: what a calendar program is handed. */
  const webcal = (path: string) => `${server.url.replace(/^http:\/\//, 'webcal://')}${path}`;

  const downloadIcs = async (page: Page, name: RegExp) => {
    const link = page.getByRole('link', { name });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return { fileName: download.suggestedFilename(), text: fs.readFileSync((await download.path())!, 'utf8') };
  };

  test('anyone adds the meeting of 27 January 2026 to their calendar: a .ics with its one event, without the closed item', async () => {
    const id = await findMeeting(server, (m) => m.start.startsWith('2026-01-27'));
    const page = await newPage();
    await page.goto(`${server.url}/meetings/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Rådmandsmøde' }).waitFor();
    const link = page.getByRole('link', { name: 'Tilføj til kalender – Rådmandsmøde, tirsdag 27. januar 2026' });
    await link.waitFor(); // its name says which meeting
    await assertNoViolations(page, 'the meeting page with "Tilføj til kalender"');

    const { fileName, text } = await downloadIcs(page, /^Tilføj til kalender/);
    assert.equal(fileName, 'moede-2026-01-27-raadmandsmoede.ics');
    const { events } = parseFeed(text);
    assert.equal(events.length, 1);
    assert.equal(events[0].uid, `${id}@raadslag`);
    assert.equal(events[0].summary, 'Rådmandsmøde');
    assert.equal(events[0].start, '2026-01-27T07:30:00.000Z');
    assert.match(events[0].description!, /Personalesag \(lukket punkt\)/);
    assert.ok(!text.replace(/\r\n[ \t]/g, '').includes('Ansættelse af ny chef'));
    await page.close();
  });

  test('without JavaScript the public meeting page offers the same file', async () => {
    const id = await findMeeting(server, (m) => m.start.startsWith('2026-01-27'));
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/meetings/${id}`);
    const { fileName, text } = await downloadIcs(page, /^Tilføj til kalender – Rådmandsmøde, tirsdag 27\. januar 2026$/);
    assert.equal(fileName, 'moede-2026-01-27-raadmandsmoede.ics');
    assert.equal(parseFeed(text).events[0].uid, `${id}@raadslag`);
    await page.close();
  });

  test('a member adds the upcoming committee meeting, and finds it in the feed under the same UID', async () => {
    const id = await findMeeting(server, publishedCommitteeMeeting);
    const page = await newPage();
    await logIn(page, server, 'medlem');
    await page.goto(`${server.url}/meetings/${id}`);
    await page.getByTestId('agenda-item-1').waitFor();
    await assertNoViolations(page, 'the meeting page, logged in');
    const { text } = await downloadIcs(page, /^Tilføj til kalender – Social- og Beskæftigelsesudvalgsmøde/);
    const [event] = parseFeed(text).events;
    const feed = parseFeed(await (await page.request.get(`${server.url}/api/calendar/meetings.ics`)).text());
    const inFeed = feed.events.find((e) => e.uid === event.uid);
    assert.ok(inFeed, 'the same event is in the public feed');
    assert.equal(inFeed.sequence, event.sequence);
    await page.close();
  });

  test('the home page and a meeting plan offer their feed as webcal:// next to the https address', async () => {
    const page = await newPage();
    await page.goto(server.url);
    const home = page.getByRole('link', { name: 'Abonnér i kalenderprogram' });
    await home.waitFor();
    assert.equal(await home.getAttribute('href'), webcal('/api/calendar/meetings.ics'));
    assert.equal(await page.getByRole('link', { name: 'Abonnér på kalender' }).getAttribute('href'), '/api/calendar/meetings.ics');

    // The demo's plan is a draft: its committee's member reads it.
    await logIn(page, server, 'medlem');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mødeplaner' }).click();
    await page.getByRole('link', { name: 'Mødeplan 2026 for Social- og Beskæftigelsesudvalget (revideret)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mødeplan 2026 for Social- og Beskæftigelsesudvalget (revideret)' }).waitFor();
    const plan = page.getByRole('link', { name: 'Abonnér i kalenderprogram' });
    await plan.waitFor();
    const https = (await page.getByRole('link', { name: 'Abonnér på kalender' }).getAttribute('href'))!;
    assert.match(https, /^\/api\/calendar\/organizations\/[^/]+\.ics$/);
    assert.equal(await plan.getAttribute('href'), webcal(https));
    await page.close();
  });

  test('"Min kalender" lists every public feed by body, each as webcal:// and as an address that answers; the personal address is offered as webcal:// too', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/min-kalender`);
    await page.getByRole('heading', { level: 2, name: 'Offentlige kalendere' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Aarhus Kommune' }).waitFor();
    await assertNoViolations(page, '"Min kalender", anonymous');
    const all = page.getByRole('link', { name: 'Abonnér i kalenderprogram – Aarhus Kommune' });
    assert.equal(await all.getAttribute('href'), webcal('/api/calendar/meetings.ics'));
    const committee = page.getByRole('link', { name: 'Abonnér i kalenderprogram – Social- og Beskæftigelsesudvalget' });
    const href = (await committee.getAttribute('href'))!;
    assert.match(href, /^webcal:\/\/127\.0\.0\.1:\d+\/api\/calendar\/organizations\/[^/]+\.ics$/);
    const https = href.replace(/^webcal:\/\//, 'http://');
    assert.equal(await page.getByRole('link', { name: https }).count(), 1, 'the https address is shown beside it');
    const feed = await page.request.get(https);
    assert.equal(feed.status(), 200);
    assert.equal(parseFeed(await feed.text()).name, 'Social- og Beskæftigelsesudvalget');
    assert.equal(await page.getByRole('link', { name: /Abonnér i kalenderprogram – (Fagligt Sekretariat|MØB)/ }).count(), 0, 'no feed for a unit');

    await logIn(page, server, 'medlem');
    await page.goto(`${server.url}/min-kalender`);
    await page.getByRole('button', { name: 'Lav mit kalenderlink' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Offentlige kalendere' }).waitFor();
    await page.getByRole('button', { name: 'Lav mit kalenderlink' }).click();
    const personal = await page.getByLabel('Dit personlige kalenderlink').inputValue();
    assert.match(personal, /^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/personal\/[\w-]+\.ics$/);
    const mine = page.getByRole('link', { name: 'Abonnér i kalenderprogram – Dit personlige kalenderlink' });
    assert.equal(await mine.getAttribute('href'), personal.replace(/^http:/, 'webcal:'), 'the secret address as webcal://');
    await assertNoViolations(page, '"Min kalender", logged in, with the personal address');
    await page.close();
  });
});
