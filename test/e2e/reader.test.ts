// The reader: the meeting package opened in the browser from the meeting page, its outline
// (Punkt → Bilag) jumping to each part, "Læs punkt 3" opening at the item, find, zoom, keyboard
// page navigation, returning to the last page after a reload, a usable phone layout, no axe
// violations and no CSP error in the console.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, logIn, openPage, type LiveServer } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';
import type { PackageMap } from '../../src/packages/model.ts';

const on27January = (m: { start: string }) => m.start.startsWith('2026-01-27');

describe('the reader', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  /** The public package's map, as the reader's outline gets it. */
  const publicMap = async (id: string) => (await server.app.inject({ url: `/api/meetings/${id}/package/map?audience=public&lang=da` })).json() as PackageMap;

  /** A page that fails the test on a CSP violation or a page error. */
  const open = async (options: Parameters<typeof openPage>[1] = {}) => {
    const page = await openPage(browser, options);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    return { page, problems };
  };

  const pageField = (page: Page) => page.getByLabel('Side', { exact: true });
  const waitForText = (page: Page) => page.locator('.textLayer span').first().waitFor({ timeout: 30_000 });
  /** Waits until page n's text layer holds the text. */
  const textOn = (page: Page, n: number, text: RegExp) =>
    page.waitForFunction(
      ([n, source]) => new RegExp(source as string).test(document.querySelector(`.page[data-page-number="${n}"] .textLayer`)?.textContent ?? ''),
      [n, text.source] as const,
      { timeout: 15_000 },
    );
  const expectPage = async (page: Page, n: number) => {
    await page.waitForFunction((want) => (document.querySelector('#reader-page') as HTMLInputElement | null)?.value === String(want), n, { timeout: 10_000 });
  };

  test('from the meeting page: outline Punkt → Bilag jumps, find, zoom, keys, and a reload returns to the last page', async () => {
    const id = await findMeeting(server, on27January);
    const map = await publicMap(id);
    const { page, problems } = await open();
    await page.goto(`${server.url}/meetings/${id}`);
    await page.getByRole('link', { name: 'Læs mødepakken', exact: true }).click();
    await page.waitForURL(/\/laes$/);
    await waitForText(page);
    // The text is real text (selectable), drawn by pdf.js from our own origin.
    assert.match((await page.locator('.textLayer').first().textContent()) ?? '', /Mødepakke/);

    // The outline lists the items and their parts, and jumps to a part's first page.
    const outline = page.getByRole('navigation', { name: 'Mødepakkens indhold' });
    await outline.getByRole('button', { name: /^Punkt 3: Vision for Job Aarhus/ }).waitFor();
    const slides = map.parts.find((p) => p.itemNumber === 3 && /slideshow/.test(p.label))!;
    await outline.getByRole('button', { name: new RegExp(`^${slides.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
    await expectPage(page, slides.firstPage);
    await textOn(page, slides.firstPage, /Punkt 3, Bilag 2/);

    // Find a word of the Job Aarhus proposal: a count, and the match shown.
    await page.getByLabel('Søg i dokumentet').fill('visionspejlemærkerne');
    await page.getByLabel('Søg i dokumentet').press('Enter');
    await page
      .getByTestId('find-count')
      .filter({ hasText: /^\d+ af [1-9]\d* fund$/ })
      .waitFor();
    const proposal = map.parts.find((p) => p.target === 'proposal' && /Job Aarhus/.test(p.label))!;
    const shown = Number(await pageField(page).inputValue());
    assert.ok(shown >= proposal.firstPage && shown < proposal.firstPage + proposal.pageCount, `the match is on the proposal's pages (page ${shown})`);
    await page.locator('.textLayer .highlight.selected').first().waitFor();
    await page.getByRole('button', { name: 'Næste fund' }).click();
    await page
      .getByTestId('find-count')
      .filter({ hasText: /^2 af / })
      .waitFor();

    // Zoom: the buttons and Ctrl +/-.
    const width = async () => (await page.locator('.page').first().boundingBox())!.width;
    const before = await width();
    await page.getByRole('button', { name: 'Forstør' }).click();
    await page.waitForFunction((w) => document.querySelector('.page')!.getBoundingClientRect().width > w + 5, before);
    const zoomed = await width();
    await page.locator('.reader__container').focus();
    await page.keyboard.press('Control+-');
    await page.waitForFunction((w) => document.querySelector('.page')!.getBoundingClientRect().width < w - 5, zoomed);

    // Keys: End, Home, PageDown, arrows, and "g" for a page number.
    await page.locator('.reader__container').focus();
    await page.keyboard.press('End');
    await expectPage(page, map.pageCount);
    await page.keyboard.press('Home');
    await expectPage(page, 1);
    await page.keyboard.press('PageDown');
    await expectPage(page, 2);
    await page.keyboard.press('ArrowRight');
    await expectPage(page, 3);
    await page.keyboard.press('ArrowLeft');
    await expectPage(page, 2);
    await page.keyboard.press('g');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await expectPage(page, 7);

    // Thumbnails: drawn, and a click goes to the page.
    await page.getByRole('tab', { name: 'Sider' }).click();
    await page.getByRole('button', { name: 'Side 4', exact: true }).click();
    await expectPage(page, 4);

    // Back after a reload, where the reader left off (the server's position or, anonymously, this browser's).
    await page.waitForTimeout(1200);
    await page.reload();
    await waitForText(page);
    await expectPage(page, 4);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("signed in, the reader returns to the last page from the server's reading position (not this browser's)", async () => {
    const id = await findMeeting(server, on27January);
    const { page, problems } = await open();
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/${id}/laes`);
    await waitForText(page);
    await page.locator('.reader__container').focus();
    await page.keyboard.press('g');
    await page.keyboard.type('5');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/meetings/${id}/reading-position`) && r.request().method() === 'PUT' && r.ok());
    await page.keyboard.press('Enter');
    await expectPage(page, 5);
    await saved;
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitForText(page);
    await expectPage(page, 5);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('"Læs punkt 3" on the agenda opens the reader at that item\'s first page', async () => {
    const id = await findMeeting(server, on27January);
    const map = await publicMap(id);
    const { page } = await open({ bypassCSP: true });
    await page.goto(`${server.url}/meetings/${id}`);
    await page.getByRole('link', { name: 'Læs punkt 3' }).click();
    await page.waitForURL(/\/laes\?punkt=3$/);
    await waitForText(page);
    const first = map.parts.find((p) => p.itemNumber === 3)!.firstPage;
    await expectPage(page, first);
    await textOn(page, first, /Punkt 3, Bilag 1: Indstilling: Godkendelse af vision/);
    // axe injects its script: this page runs without the CSP (the first journey checks the CSP).
    await page.getByRole('tab', { name: 'Sider' }).click();
    await page.locator('.reader__thumbs canvas').first().waitFor();
    await assertNoViolations(page, 'the reader');
    await page.close();
  });

  test('on a 390 px phone: no sideways scrolling, the outline is a toggle laid over the pages', async () => {
    const id = await findMeeting(server, on27January);
    const map = await publicMap(id);
    const { page } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
    await page.goto(`${server.url}/meetings/${id}/laes?side=1`);
    await waitForText(page);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll of the page');
    const outline = page.getByRole('navigation', { name: 'Mødepakkens indhold' });
    assert.equal(await outline.isVisible(), false, 'the outline starts closed on a phone');
    await page.getByRole('button', { name: 'Vis indhold' }).click();
    const agenda = map.parts.find((p) => p.target === 'agenda')!;
    await outline.getByRole('button', { name: /^Dagsorden/ }).click();
    await expectPage(page, agenda.firstPage);
    assert.equal(await outline.isVisible(), false, 'a jump closes the panel');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await assertNoViolations(page, 'the reader on a phone');
    await page.close();
  });
});
