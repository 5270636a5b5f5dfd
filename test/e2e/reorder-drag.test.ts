// The secretariat drags an agenda item by its handle with the mouse, as a user would: press on
// "Flyt", move in steps, release over another item. Playwright's one-step dragTo would start the
// drag over the target, where no handle was pressed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, findMeeting, launchBrowser, logIn, publishedCommitteeMeeting, startLiveServer, type LiveServer } from '../helpers/browser.ts';

const titles = (page: Page) => page.locator('article[data-testid^="agenda-item-"] h3').allInnerTexts();
const slots = (page: Page) => page.locator('article[data-testid^="agenda-item-"] [data-testid="slot"]').allInnerTexts();
/** "16.33 – 16.35 (2 min.)" → [start, end] in minutes after midnight. */
const span = (slot: string) => [...slot.matchAll(/(\d{2})\.(\d{2})/g)].slice(0, 2).map((m) => Number(m[1]) * 60 + Number(m[2]));

describe('reordering by drag and drop', { skip: browserSkip }, () => {
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

  test('the secretariat drags item 2 by its handle onto item 4; the slots follow and the order is saved', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/${await findMeeting(server, publishedCommitteeMeeting)}`);
    const handle = page.getByRole('button', { name: 'Flyt punkt 2', exact: true });
    await handle.waitFor();
    const before = await titles(page);
    const minutesBefore = (await slots(page)).map((s) => /\((\d+) min/.exec(s)![1]);

    await page.getByTestId('agenda-item-1').scrollIntoViewIfNeeded();
    const from = (await handle.boundingBox())!;
    const onto = (await page.getByTestId('agenda-item-4').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Over the lower half of item 4: item 2 lands after it, in its place as number 4.
    await page.mouse.move(onto.x + onto.width / 2, onto.y + onto.height * 0.75, { steps: 12 });
    await page.mouse.up();
    await page.getByTestId('announcer').getByText('Punkt 2 flyttet til plads 4').waitFor();

    const moved = (t: string[]) => t.map((s) => s.replace(/^\d+\. /, ''));
    const expected = moved(before);
    expected.splice(3, 0, ...expected.splice(1, 1));
    assert.deepEqual(moved(await titles(page)), expected, 'the titles read in the new order');
    assert.deepEqual(
      (await titles(page)).map((s) => Number(s.split('.')[0])),
      before.map((_, i) => i + 1),
      'the items are numbered 1, 2, 3 … again',
    );

    // Each slot keeps its item's minutes and starts where the one before it ends.
    const after = await slots(page);
    const minutesExpected = [...minutesBefore];
    minutesExpected.splice(3, 0, ...minutesExpected.splice(1, 1));
    assert.deepEqual(
      after.map((s) => /\((\d+) min/.exec(s)![1]),
      minutesExpected,
    );
    for (let i = 1; i < after.length; i++) assert.equal(span(after[i])[0], span(after[i - 1])[1], `slot ${i + 1} follows slot ${i}`);
    assert.match(after[3], / \(2 min\.\)$/, 'item 4 is now the 2-minute item that was number 2');

    await page.reload();
    await page.getByTestId('agenda-item-1').waitFor();
    assert.deepEqual(moved(await titles(page)), expected, 'the new order survives a reload');
    assert.deepEqual(await slots(page), after);
    await page.close();
  });
});
