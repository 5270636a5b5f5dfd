// The public meeting and minutes pages for a visitor whose browser runs no JavaScript (a crawler, a
// text browser, a phone before the app arrives): the agenda and the minutes are there to read, axe-clean;
// with JavaScript the app takes the page over and works as before.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, type LiveServer, openPage } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';
import type { MeetingDetail } from '../../src/meetings/schemas.ts';

describe('public pages without JavaScript', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });
  const feb4 = () => findMeeting(server, (m) => m.start.startsWith('2026-02-04'));
  const jan21 = () => findMeeting(server, (m) => m.start.startsWith('2026-01-21'));

  test('the agenda of 4 February 2026 reads without JavaScript: the head, item 5 with its time and file, the way to the minutes', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/meetings/${await feb4()}`);
    assert.equal(await page.title(), 'Social- og Beskæftigelsesudvalgsmøde – Rådslag');
    await page.getByRole('heading', { level: 1, name: 'Social- og Beskæftigelsesudvalgsmøde' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 3 }).count(), 13);
    const five = page.locator('article', { has: page.getByRole('heading', { name: '5. Introduktion til beskæftigelsesreformen' }) });
    assert.match(await five.innerText(), /Ansvarlig:\s*Jeanette Hoppe/);
    assert.match(await five.innerText(), /Tid:\s*20\.25 – 20\.55 \(30 min\.\)/);
    assert.match(await five.innerText(), /Bilag 1: Forklæde/);
    assert.match(await page.locator('main').innerText(), /Dagsordenen slutter kl\. 21\.50 – 20 min\./);
    // A plain link leads on to the minutes, which read without JavaScript too.
    await page.getByRole('link', { name: 'Læs referatet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referat: Social- og Beskæftigelsesudvalgsmøde' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: /^Punkt \d+:/ }).count(), 13);
    await page.close();
  });

  test("the minutes of 21 January 2026 without JavaScript: each decision under its item's heading", async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/meetings/${await jan21()}/referat`);
    const decision = page.getByRole('heading', { level: 3, name: 'Beslutning for Punkt 1: Godkendelse af dagsorden' });
    await decision.waitFor();
    assert.equal(await decision.locator('xpath=following-sibling::p[1]').innerText(), 'Godkendt.');
    await page.close();
  });

  test('the server-rendered agenda and minutes have no axe violations (phone and desktop)', async () => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 900 },
    ]) {
      // The app's script is held back (as on a browser without it), so axe reads the server's page; the
      // CSP rightly refuses the injected axe script, hence bypassCSP.
      const page = await openPage(browser, { bypassCSP: true, viewport });
      await page.route('**/assets/*.js', (route) => route.abort());
      for (const path of [`/meetings/${await feb4()}`, `/meetings/${await jan21()}/referat`]) {
        await page.goto(server.url + path);
        await page.locator('[data-server-page] h1').waitFor();
        await assertNoViolations(page, `${path} as the server renders it, ${viewport.width} px wide`);
      }
      await page.close();
    }
  });

  test('on a phone without JavaScript the menu opens from its button', async () => {
    const page = await openPage(browser, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/meetings/${await feb4()}`);
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.equal(await nav.isVisible(), false);
    await page.getByRole('link', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: 'Organisation' }).waitFor();
    await page.close();
  });

  test("nothing moves when the app takes over: every heading of the agenda and the minutes where the server's page had it, in the first frame and once settled (phone and desktop, CPU slowed 4×)", async () => {
    // Every heading in <main> as "text @ top".
    const headings = () =>
      [...document.querySelectorAll('main h1, main h2, main h3')].map((h) => `${h.textContent} @ ${Math.round(h.getBoundingClientRect().top)}`);
    const served = async (path: string, width: number) => {
      const page = await openPage(browser, { javaScriptEnabled: false, viewport: { width, height: 844 } });
      await page.goto(server.url + path);
      const found = await page.evaluate(headings);
      await page.close();
      return found;
    };
    const app = async (path: string, width: number) => {
      const page = await openPage(browser, { viewport: { width, height: 844 } });
      // As on a phone (bench:public's CPU ÷4): the app's pieces arrive further apart, so one laid out after the swap would show.
      await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
      // The headings in the first frame the app is seen in: read when the server's page is gone, before that frame is painted.
      await page.addInitScript(`new MutationObserver((_, observer) => {
        if (!document.getElementById('root')?.hasChildNodes() || document.querySelector('[data-server-page]')) return;
        observer.disconnect();
        requestAnimationFrame(() => { window.__firstFrame = (${headings})(); });
      }).observe(document, { childList: true, subtree: true });`);
      await page.goto(server.url + path);
      const firstFrame = (await (await page.waitForFunction(() => (window as { __firstFrame?: string[] }).__firstFrame)).jsonValue()) as string[];
      // And once the app has settled: its requests answered, its fonts in.
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const settled = await page.evaluate(headings);
      await page.close();
      return { firstFrame, settled };
    };
    for (const path of [`/meetings/${await feb4()}`, `/meetings/${await jan21()}`, `/meetings/${await feb4()}/referat`]) {
      for (const width of [390, 1280]) {
        const before = await served(path, width);
        const after = await app(path, width);
        // The app may add sections after the server's (the package, the minutes' forms): the server's headings come first, in place.
        assert.deepEqual(after.firstFrame.slice(0, before.length), before, `${path} at ${width} px, the first frame`);
        assert.deepEqual(after.settled.slice(0, before.length), before, `${path} at ${width} px, settled`);
      }
    }
  });

  test("with JavaScript the app takes over the same page: its own agenda, the server page gone, one main, the body's feed announced once", async () => {
    const id = await feb4();
    const organizationId = ((await server.app.inject({ url: `/api/meetings/${id}` })).json() as MeetingDetail).organization.id;
    const page = await openPage(browser);
    await page.goto(`${server.url}/meetings/${id}`);
    await page.getByTestId('agenda-item-5').waitFor();
    assert.equal(await page.locator('[data-server-page]').count(), 0);
    assert.equal(await page.locator('main').count(), 1);
    assert.equal(await page.title(), 'Social- og Beskæftigelsesudvalgsmøde – Rådslag');
    // The body's feed the server's page announced is announced once, with the app settled: the app adds no second one.
    await page.waitForLoadState('networkidle');
    const feeds = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="alternate"][type="application/atom+xml"]')].map((l) => `${l.title} ${l.getAttribute('href')}`),
    );
    assert.deepEqual(feeds, [`Dagsordener og referater: Social- og Beskæftigelsesudvalget /api/feeds/organizations/${organizationId}.atom`]);
    // The app's own controls work: the language switch is the app's, not the server page's inert one.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Agenda', exact: true }).waitFor();
    await page.close();
  });
});
