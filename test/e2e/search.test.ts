// Browser journey for search: a visitor searches from the header, narrows to decisions, opens a
// result on its meeting page; a hit in an attachment opens the reader at the page of the words; the
// search page is keyboard-operable and axe-clean.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, type LiveServer, openPage, publishedCommitteeMeeting } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';
import { multipart, pdf } from '../helpers/files.ts';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import type { MeetingDetail } from '../../src/meetings/schemas.ts';

describe('search journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  }, 'sqlite');

  test('a visitor searches from the header, filters to decisions and opens the item', async () => {
    // bypassCSP: axe is injected as a script the app's policy would refuse.
    const page = await openPage(browser, { bypassCSP: true });
    await page.goto(server.url);
    const field = page.getByRole('searchbox', { name: 'Søg i møder og dokumenter' });
    await field.fill('visionen for Job Aarhus');
    await field.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Søg' }).waitFor();
    const results = page.locator('.search-result');
    await results.first().waitFor();
    assert.ok((await results.count()) >= 1);
    assert.ok(await page.locator('.search-result mark', { hasText: 'Job' }).first().isVisible(), 'the words found are marked');
    await assertNoViolations(page, 'the search results');

    await page.getByLabel('Slags').selectOption({ label: 'Beslutning' });
    await page.getByRole('search', { name: 'Søg', exact: true }).getByRole('button', { name: 'Søg' }).click();
    await page.waitForURL(/kind=minutes/);
    await page
      .getByRole('status')
      .getByText(/resultat/)
      .waitFor();
    const first = results.first();
    assert.match(await first.innerText(), /Beslutning/);
    assert.match(await first.locator('.search-result__snippet').innerText(), /godkendte visionen/);

    await first.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/meetings\/[^/]+#item-/);
    await page
      .getByRole('heading', { name: /Vision for Job Aarhus/ })
      .first()
      .waitFor();
  });

  test('a hit in an attachment says its page, and opens the reader at that page', async () => {
    // The secretariat has uploaded a five-page file to an open item of a sent agenda; the word is on page 3 only.
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
    const session = login.cookies.find((c) => c.name === 'raadslag_session')!;
    const cookie = `${session.name}=${session.value}`;
    const meetingId = await findMeeting(server, publishedCommitteeMeeting);
    const meeting = (await server.app.inject({ method: 'GET', url: `/api/meetings/${meetingId}`, headers: { cookie } })).json() as MeetingDetail;
    const item = meeting.items.find((i) => i.public)!;
    const file = await pdf([1, 2, 3, 4, 5].map((n) => ({ text: n === 3 ? 'Side tre: trafiksikkerhedskanarie ved skolevejen' : `Side ${n}: indledning` })));
    const upload = multipart({ name: 'Trafikplan.pdf', data: file, type: 'application/pdf' }, { title: 'Trafikplan' });
    const r = await server.app.inject({
      method: 'POST',
      url: `/api/items/${item.id}/attachments`,
      headers: { cookie, ...upload.headers },
      payload: upload.payload,
    });
    assert.equal(r.statusCode, 201, r.body);

    const page = await openPage(browser);
    await page.goto(`${server.url}/soeg?q=trafiksikkerhedskanarie`);
    const hit = page.locator('.search-result').first();
    await hit.waitFor();
    assert.match(await hit.locator('.search-result__where').innerText(), /Bilag · .* · side 3$/);
    await hit.getByRole('link', { name: 'Trafikplan' }).click();
    await page.waitForURL(/\/bilag\/[^/]+\/laes\?.*side=3/);
    await page.waitForFunction(() => (document.querySelector('#reader-page') as HTMLInputElement | null)?.value === '3', null, { timeout: 30_000 });
    await page.waitForFunction(
      () => /trafiksikkerhedskanarie/.test(document.querySelector('.page[data-page-number="3"] .textLayer')?.textContent ?? ''),
      null,
      { timeout: 30_000 },
    );
  });
});
