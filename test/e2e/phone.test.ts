// The public site on a 390 × 844 phone, as an anonymous visitor: the menu folds behind a disclosure button
// (keyboard and screen reader), no page scrolls sideways, the header stays small, a running meeting's
// live panel stays on screen and takes the visitor to the current item, a public attachment downloads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { MeetingDetail, MeetingList } from '../../src/meetings/schemas.ts';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import { assertNoViolations } from '../helpers/axe.ts';
import { browserSkip, findMeeting, journeyHooks, openPage, publishedCommitteeMeeting, type LiveServer } from '../helpers/browser.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };

describe('the public site on a phone', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  const phone = () => openPage(browser, PHONE);

  async function fits(page: Page, what: string) {
    const m = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      header: document.querySelector('.site-header')!.getBoundingClientRect().height,
    }));
    assert.ok(m.scrollWidth <= 390, `${what} scrolls sideways: ${m.scrollWidth} px wide`);
    assert.ok(m.header <= 0.15 * 844, `${what}: the header takes ${m.header} px of 844`);
  }

  async function secretaryCookie(): Promise<string> {
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
    const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
    return `${c.name}=${c.value}`;
  }

  test('the menu opens and closes by keyboard, and every public page fits the screen', async () => {
    const page = await phone();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Kommende møder' }).waitFor();
    await fits(page, 'the list of meetings');
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await nav.isVisible(), false, 'the menu starts folded');
    await assertNoViolations(page, 'the list of meetings on a phone');

    // Tab from the skip link and the app's name to the button; Enter opens, Escape closes and keeps focus.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await menu.evaluate((el) => el === document.activeElement), true, 'the menu button is reached by Tab');
    await page.keyboard.press('Enter');
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await nav.getByRole('link', { name: 'Organisation' }).waitFor();
    await assertNoViolations(page, 'the open menu on a phone');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Møder', 'Tab goes into the open menu');
    await page.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await nav.isVisible(), false);
    assert.equal(await menu.evaluate((el) => el === document.activeElement), true, 'Escape returns to the button');
    // Space opens it too; following a link closes it.
    await menu.focus();
    await page.keyboard.press('Space');
    await nav.getByRole('link', { name: 'Mødeplaner' }).click();
    await page.getByRole('heading', { name: 'Mødeplaner', level: 1 }).waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await fits(page, 'the meeting plans');

    // Each meeting, and the minutes of those held, fit.
    const list = (await (await page.request.get(`${server.url}/api/meetings?when=all`)).json()) as MeetingList;
    assert.ok(list.meetings.length >= 3);
    for (const m of list.meetings) {
      await page.goto(`${server.url}/meetings/${m.id}`);
      await page.getByTestId('agenda-item-1').waitFor();
      await fits(page, `the meeting "${m.title}" (${m.state})`);
      // The date says the weekday.
      await page
        .getByText(/(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) \d+\. \w+ \d{4}/)
        .first()
        .waitFor();
      if (m.state === 'held' || m.state === 'minutes_approved') {
        await page.goto(`${server.url}/meetings/${m.id}/referat`);
        await page.getByRole('heading', { level: 1, name: /Referat/ }).waitFor();
        await fits(page, `the minutes of "${m.title}"`);
      }
    }
    await assertNoViolations(page, 'minutes on a phone');
    await page.screenshot({ path: 'test-results/phone-minutes.png' });
  });

  test('a public attachment is a link that downloads', async () => {
    const page = await phone();
    const list = (await (await page.request.get(`${server.url}/api/meetings?when=all`)).json()) as MeetingList;
    let found: { meetingId: string; title: string; url: string } | null = null;
    for (const m of list.meetings) {
      const detail = (await (await page.request.get(`${server.url}/api/meetings/${m.id}`)).json()) as MeetingDetail;
      for (const item of detail.items)
        for (const part of item.parts)
          if (part.kind === 'attachment' && part.attachment.file) found ??= { meetingId: m.id, title: part.attachment.title, url: part.attachment.file.url };
    }
    assert.ok(found, 'the demo has a public attachment with a file');
    await page.goto(`${server.url}/meetings/${found.meetingId}`);
    const link = page.getByRole('link', { name: new RegExp(found.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first();
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), found.url);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.ok(download.suggestedFilename().length > 0);
    const file = await page.request.get(`${server.url}${found.url}`);
    assert.equal(file.status(), 200);
    assert.ok((await file.body()).length > 100);
    await assertNoViolations(page, 'a meeting with attachments on a phone');
  });

  test('a running meeting: the live panel stays on screen and takes the visitor to the current item', async () => {
    const id = await findMeeting(server, publishedCommitteeMeeting);
    const cookie = await secretaryCookie();
    const headers = { cookie, origin: server.url };
    const started = await server.app.inject({ method: 'POST', url: `/api/meetings/${id}/live/start`, headers, payload: { early: true } });
    assert.equal(started.statusCode, 200, started.body);
    for (let i = 0; i < 4; i++) {
      const r = await server.app.inject({ method: 'POST', url: `/api/meetings/${id}/live/active`, headers, payload: { step: 'next' } });
      assert.equal(r.statusCode, 200, r.body);
    }
    const page = await phone();
    await page.goto(`${server.url}/meetings/${id}`);
    const panel = page.getByTestId('live-panel');
    await panel.getByText(/Nu: punkt 5\./).waitFor();
    await fits(page, 'the running meeting');
    await page.screenshot({ path: 'test-results/phone-live.png' });

    // Scrolled far down, the panel is still at the top of the screen.
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
    const box = (await panel.boundingBox())!;
    assert.ok(box.y >= -1 && box.y < 5, `the live panel sits at the top (y = ${box.y})`);
    assert.ok(box.height < 0.35 * 844, `the live panel leaves the page room (${box.height} px)`);

    await panel.getByRole('link', { name: 'Gå til det aktuelle punkt' }).click();
    const item = page.getByTestId('agenda-item-5');
    assert.equal(await item.evaluate((el) => el === document.activeElement), true, 'focus moves to the current item');
    const itemBox = (await item.boundingBox())!;
    const panelBox = (await panel.boundingBox())!;
    assert.ok(itemBox.y >= panelBox.y + panelBox.height - 1, `the item's start is below the panel (${itemBox.y} vs ${panelBox.y + panelBox.height})`);
    assert.ok(itemBox.y < 844 / 2, `the item's start is on screen (y = ${itemBox.y})`);
    await assertNoViolations(page, 'a running meeting on a phone');
  });
});
