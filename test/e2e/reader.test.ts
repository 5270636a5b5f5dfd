// The reader: the meeting package opened in the browser from the meeting page, its outline
// (Punkt → Bilag) jumping to each part, "Læs punkt 3" opening at the item, find, zoom, keyboard
// page navigation, returning to the last page after a reload, a usable phone layout, a proposal and
// an attachment read on their own (/indstillinger/:id/laes, /bilag/:id/laes), no axe violations and
// no CSP error in the console.
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
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
    // Notes are a signed-in reader's: no Noter tab for a visitor (and no refused requests for them).
    assert.deepEqual(await page.getByRole('tab').allTextContents(), ['Indhold', 'Sider']);

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
    await page.getByRole('tab', { name: 'Noter' }).waitFor();
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

  /** Pages of the PDF the server answers at this address (counted by pdf-lib, not by the reader). */
  const pagesOf = async (url: string) => {
    const r = await server.app.inject({ url });
    assert.equal(r.statusCode, 200, `${url}: ${r.statusCode}`);
    return (await PDFDocument.load(r.rawPayload)).getPageCount();
  };
  /** Waits until page n is drawn (its canvas painted) and its text layer holds the text. */
  const shown = async (page: Page, n: number, text: RegExp) => {
    await page.locator(`.page[data-page-number="${n}"][data-loaded="true"] canvas`).waitFor({ timeout: 30_000 });
    await textOn(page, n, text);
  };
  /** Finds a word: the count of matches, and the page of the first shown. */
  const findWord = async (page: Page, word: string, count: RegExp) => {
    await page.getByLabel('Søg i dokumentet').fill(word);
    await page.getByLabel('Søg i dokumentet').press('Enter');
    await page.getByTestId('find-count').filter({ hasText: count }).waitFor();
    await page.locator('.textLayer .highlight.selected').first().waitFor();
    return Number(await pageField(page).inputValue());
  };

  test('a proposal on its own (/indstillinger/:id/laes): its first page, find, the page count; axe', async () => {
    const id = await findMeeting(server, on27January);
    const proposalId = (await publicMap(id)).parts.find((p) => p.target === 'proposal' && /Job Aarhus/.test(p.label))!.documentId!;
    const facts = (await server.app.inject({ url: `/api/proposals/${proposalId}` })).json() as { title: string; shownVersion: number };
    const pages = await pagesOf(`/api/proposals/${proposalId}/document.pdf?version=${facts.shownVersion}&lang=da`);
    assert.ok(pages >= 2, `the proposal has ${pages} pages`);

    const { page, problems } = await open();
    await page.goto(`${server.url}/indstillinger/${proposalId}/laes`);
    await page.getByRole('heading', { level: 1, name: `Indstilling: ${facts.title}` }).waitFor();
    await shown(page, 1, /Indstilling til Rådmanden/);
    assert.equal(await pageField(page).inputValue(), '1');
    await page.locator('.reader__page').getByText(`af ${pages}`, { exact: true }).waitFor();
    assert.equal(await page.locator('.pdfViewer .page').count(), pages);

    // A word of the proposal: found, and its page shown.
    const at = await findWord(page, 'visionspejlemærkerne', /^1 af 3 fund$/);
    assert.ok(at >= 1 && at <= pages, `the match is on one of the proposal's pages (page ${at})`);
    await textOn(page, at, /visionspejlemærkerne/i);
    // A word it does not hold: none.
    await page.getByLabel('Søg i dokumentet').fill('xylofonkvartet');
    await page.getByLabel('Søg i dokumentet').press('Enter');
    await page
      .getByTestId('find-count')
      .filter({ hasText: /^Ingen fund$/ })
      .waitFor();
    assert.deepEqual(problems, []);
    await page.close();

    // axe injects its script: this page runs without the CSP (checked above).
    const checked = await openPage(browser, { bypassCSP: true });
    await checked.goto(`${server.url}/indstillinger/${proposalId}/laes`);
    await shown(checked, 1, /Indstilling til Rådmanden/);
    await assertNoViolations(checked, 'a proposal in the reader');
    await checked.close();
  });

  test('an attachment on its own (/bilag/:id/laes, as the search links it): its first page, find, the page count, a missing one said so; axe', async () => {
    const id = await findMeeting(server, on27January);
    const slides = (await publicMap(id)).parts.find((p) => p.target === 'attachment' && /slideshow/.test(p.label))!;
    const pages = await pagesOf(`/api/attachments/${slides.documentId}/pdf`);
    assert.equal(pages, 3, 'the demo slideshow has three slides');
    const title = 'Bilag 1: Vision for Job Aarhus - slideshow.pdf';
    const address = `${server.url}/bilag/${slides.documentId}/laes?${new URLSearchParams({ moede: id, titel: title })}`;

    const { page, problems } = await open();
    await page.goto(address);
    await page.getByRole('heading', { level: 1, name: `Bilag: ${title}` }).waitFor();
    await shown(page, 1, /Vision, strategi og omdømme/);
    assert.equal(await pageField(page).inputValue(), '1');
    await page.locator('.reader__page').getByText(`af ${pages}`, { exact: true }).waitFor();
    assert.equal(await page.locator('.pdfViewer .page').count(), pages);

    // "Kunden i centrum" is on the second slide only.
    assert.equal(await findWord(page, 'Kunden i centrum', /^1 af 1 fund$/), 2);
    await textOn(page, 2, /Kunden i centrum/);
    // The thumbnails: one per page.
    await page.getByRole('tab', { name: 'Sider' }).click();
    await page
      .locator('.reader__thumbs canvas')
      .nth(pages - 1)
      .waitFor();
    assert.equal(await page.locator('.reader__thumbs canvas').count(), pages);
    assert.deepEqual(problems, []);
    await page.close();

    // An attachment that does not exist: said so, no pages.
    const missing = await openPage(browser);
    await missing.goto(`${server.url}/bilag/${randomUUID()}/laes`);
    await missing
      .locator('.notice--error')
      .filter({ hasText: /^Dokumentet kunne ikke åbnes: .*404/ })
      .waitFor();
    assert.equal(await missing.locator('.pdfViewer .page').count(), 0);
    await missing.close();

    const checked = await openPage(browser, { bypassCSP: true });
    await checked.goto(address);
    await shown(checked, 1, /Vision, strategi og omdømme/);
    await assertNoViolations(checked, 'an attachment in the reader');
    await checked.close();
  });
});
