// The secretariat drags an agenda item by its handle with the mouse, as a user would: press on
// "Flyt", move in steps, release over another item. Playwright's one-step dragTo would start the
// drag over the target, where no handle was pressed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, type LiveServer, logIn, publishedCommitteeMeeting } from '../helpers/browser.ts';

/** The items' titles as printed ("2. Referat …"), top to bottom. */
const headings = (page: Page) => page.locator('article[data-testid^="agenda-item-"] h3').allInnerTexts();
const unnumbered = (headings: string[]) => headings.map((h) => h.replace(/^\d+\. /, ''));
/** The "Tid:" lines top to bottom, e.g. "16.33 – 16.35 (2 min.)". */
const slots = (page: Page) => page.locator('[data-testid^="agenda-item-"] [data-testid="slot"]').allInnerTexts();
const minutesOf = (slot: string) => Number(/\((\d+) min/.exec(slot)![1]);
/** [start, end] in minutes after midnight. */
const span = (slot: string) => [...slot.matchAll(/(\d{2})\.(\d{2})/g)].slice(0, 2).map((m) => Number(m[1]) * 60 + Number(m[2]));
const moveSecondToFourth = <T>(list: T[]) => {
  const out = [...list];
  out.splice(3, 0, ...out.splice(1, 1));
  return out;
};

/** Press on `from`, move in steps, release over the lower half of `onto`. */
async function drag(page: Page, from: Locator, onto: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await onto.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height * 0.75, { steps: 12 });
  await page.mouse.up();
}

describe('reordering by drag and drop', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('the secretariat drags item 2 by its handle onto item 4; the slots follow and the order is saved', async () => {
    // Tall enough for items 2 to 4 with the secretariat's attachment controls.
    const page = await browser.newPage({ viewport: { width: 1280, height: 2200 } });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    let reorders = 0;
    page.on('request', (r) => void (r.method() === 'PUT' && r.url().endsWith('/order') && reorders++));
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/${await findMeeting(server, publishedCommitteeMeeting)}`);
    const handle = page.getByRole('button', { name: 'Flyt punkt 2', exact: true });
    await handle.waitFor();
    const before = await headings(page);
    const slotsBefore = await slots(page);
    // Both the handle and the drop target on screen: the drag does not scroll the page.
    await page.getByTestId('agenda-item-2').evaluate((el) => el.scrollIntoView({ block: 'start' }));

    // Pressing on the item's text (to select it, say) and moving does not move the item.
    await drag(page, page.getByTestId('agenda-item-2').getByText('Ansvarlig:'), page.getByTestId('agenda-item-4'));
    await page.evaluate(() => new Promise(requestAnimationFrame));
    assert.equal(reorders, 0, 'a drag not started on the handle sends no new order');
    assert.deepEqual(await headings(page), before);

    await drag(page, handle, page.getByTestId('agenda-item-4'));
    await page.getByTestId('announcer').getByText('Punkt 2 flyttet til plads 4').waitFor();
    const expected = moveSecondToFourth(unnumbered(before));
    const now = await headings(page);
    assert.deepEqual(unnumbered(now), expected, 'the titles read in the new order');
    assert.deepEqual(
      now.map((h) => h.split('.')[0]),
      before.map((_, i) => String(i + 1)),
      'the items are numbered 1, 2, 3 … again',
    );
    const short = page.getByRole('navigation', { name: 'Dagsorden kort:' }).getByRole('link');
    assert.deepEqual(await short.allInnerTexts(), expected, 'the short agenda follows');

    // Each slot keeps its item's minutes and starts where the one before it ends.
    const slotsAfter = await slots(page);
    assert.deepEqual(slotsAfter.map(minutesOf), moveSecondToFourth(slotsBefore.map(minutesOf)));
    assert.equal(span(slotsAfter[0])[0], span(slotsBefore[0])[0], 'the agenda still starts at the same time');
    for (let i = 1; i < slotsAfter.length; i++) assert.equal(span(slotsAfter[i])[0], span(slotsAfter[i - 1])[1], `slot ${i + 1} follows slot ${i}`);
    assert.notDeepEqual(slotsAfter, slotsBefore);

    await page.reload();
    await page.getByTestId('agenda-item-1').waitFor();
    assert.deepEqual(unnumbered(await headings(page)), expected, 'the new order survives a reload');
    assert.deepEqual(await slots(page), slotsAfter);
    await page.close();
  });
});
