// Accessibility journeys: axe-core's WCAG 2.1 A/AA rules on the pages people use most, and the
// home page by keyboard alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type * as Axe from 'axe-core';
import { browserSkip, findMeeting, launchBrowser, logIn, publishedCommitteeMeeting, startLiveServer, type LiveServer } from '../helpers/browser.ts';

const AXE = 'node_modules/axe-core/axe.min.js';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function assertNoViolations(page: Page, what: string) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof Axe };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, TAGS);
  const report = violations.map((v) => `  ${v.id} (${v.impact}): ${v.targets.join(' | ')}`).join('\n');
  assert.equal(violations.length, 0, `axe found on ${what}:\n${report}`);
}

describe('accessibility', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  before(async () => {
    server = await startLiveServer('sqlite');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = async () => {
    // The server's CSP (script-src 'self') rightly refuses the injected axe script.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    return page;
  };

  test('the home page, anonymous', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Afholdte møder' }).waitFor();
    await assertNoViolations(page, 'the home page');
    await page.close();
  });

  test('the committee meeting of 4 February 2026, anonymous', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/meetings/${await findMeeting(server, (m) => m.start.startsWith('2026-02-04'))}`);
    await page.getByTestId('agenda-item-1').waitFor();
    await assertNoViolations(page, 'the meeting of 4 February 2026');
    await page.close();
  });

  test('the login page with its errors shown', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: 'Log ind' }).last().click();
    await page.getByText('Ret fejlene i formularen.').waitFor();
    await assertNoViolations(page, 'the login page with empty fields');
    await page.getByLabel('Brugernavn').fill('sekretariat');
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).last().click();
    await page.getByText('Forkert brugernavn eller adgangskode.').waitFor();
    await assertNoViolations(page, 'the login page after a wrong password');
    await page.close();
  });

  test('the upcoming committee meeting with the secretariat’s editing controls', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/${await findMeeting(server, publishedCommitteeMeeting)}`);
    await page.getByRole('button', { name: 'Flyt punkt 1', exact: true }).waitFor();
    await assertNoViolations(page, 'the meeting page, logged in as the secretariat');
    await page.close();
  });

  test('the organisation page', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/organisation`);
    await page.getByRole('heading', { name: 'Forvaltningens enheder' }).waitFor();
    await assertNoViolations(page, 'the organisation page');
    await page.close();
  });

  test('the home page in English', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Past meetings' }).waitFor();
    await assertNoViolations(page, 'the home page in English');
    await page.close();
  });

  test('by keyboard alone: the skip link comes first, and a meeting opens with Enter', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Afholdte møder' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Spring til indhold' });
    assert.ok(await skip.evaluate((el) => el === document.activeElement), 'the first Tab reaches the skip link');
    assert.ok((await skip.boundingBox())!.y >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    let title = '';
    for (let i = 0; i < 5 && !title; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const meeting = el instanceof HTMLAnchorElement && el.pathname.startsWith('/meetings/');
        return { inMain: !!el?.closest('main'), title: meeting ? (el.textContent ?? '') : '' };
      });
      assert.ok(focused.inMain, 'after the skip link, Tab stays in the page content');
      title = focused.title;
    }
    assert.ok(title, 'a few Tabs after the skip link reach a meeting');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.match(page.url(), /\/meetings\/[^/]+$/);
    await page.close();
  });
});
