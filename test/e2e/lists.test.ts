// Browser journey for lists read a page at a time: the home page's past meetings show their first
// page, and "Vis flere" (by keyboard) adds the next, moves the focus to the first new meeting and
// announces it; a meeting not sent yet is never listed to a visitor; axe-clean.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, journeyHooks, type LiveServer, openPage } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';
import { newId } from '../../src/lib/ids.ts';
import { nowMs } from '../../src/lib/time.ts';
import { PAGE_SIZE } from '../../src/shared/paging.ts';
import type { MeetingList } from '../../src/meetings/schemas.ts';

const CLOSED = 'Ikke udsendt arkivmøde';

describe('paged lists journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  }, 'sqlite');

  test('"Vis flere" on the home page loads the next page of past meetings, focuses the first new one and announces it', async () => {
    const db = server.db.handle.db;
    const council = (await db.selectFrom('organizations').select('id').where('name', '=', 'Aarhus Byråd').executeTakeFirstOrThrow()).id;
    const ts = new Date(nowMs()).toISOString();
    // 60 held meetings in the past, one a day, and one never sent: more than a page.
    await db
      .insertInto('meetings')
      .values(
        Array.from({ length: 61 }, (_, i) => {
          const start = new Date(nowMs() - (400 + i) * 86_400_000).toISOString();
          return {
            id: newId(),
            organizationId: council,
            title: i === 30 ? CLOSED : `Arkivmøde ${i + 1}`,
            start,
            end: new Date(Date.parse(start) + 3_600_000).toISOString(),
            location: null,
            state: i === 30 ? 'planned' : 'held',
            agendaVersion: 0,
            created: ts,
            modified: ts,
            deleted: null,
          };
        }),
      )
      .execute();
    const past = (await server.app.inject({ url: '/api/meetings?when=past&limit=200' })).json() as MeetingList;
    assert.equal(past.next, null);
    assert.ok(past.meetings.length > PAGE_SIZE);
    const titles = past.meetings.map((m) => m.title);

    const page = await openPage(browser, { bypassCSP: true });
    await page.goto(server.url);
    const section = page.getByRole('region', { name: 'Afholdte møder' });
    const rows = section.locator('.meeting-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), PAGE_SIZE);
    const more = section.getByRole('button', { name: 'Vis flere Afholdte møder' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[aria-labelledby="past-heading"] .meeting-row').length === n, titles.length);
    assert.deepEqual(await rows.locator('.meeting-row__title').allInnerTexts(), titles, 'every past meeting once, latest first');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), titles[PAGE_SIZE], 'the focus is on the first new meeting');
    await page
      .getByTestId('announcer')
      .getByText(`${titles.length - PAGE_SIZE} flere vist, ${titles.length} i alt. Der er ikke flere.`)
      .waitFor();
    assert.equal(await more.count(), 0, 'no button once all are shown');
    assert.equal(await page.getByText(CLOSED).count(), 0, 'a meeting not sent yet is not listed to a visitor');
    await assertNoViolations(page, 'the home page after "Vis flere"');
  });
});
