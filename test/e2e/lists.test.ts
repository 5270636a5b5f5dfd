// Browser journey for lists read a page at a time: the home page's past meetings, the meeting plans,
// the annual wheels and the audit log show their first page, and "Vis flere" (by keyboard) adds the
// next, moves the focus to the first new row and announces it; a meeting not sent yet or a draft plan
// is never listed to a visitor; axe-clean.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';
import { newId } from '../../src/lib/ids.ts';
import { nowMs } from '../../src/lib/time.ts';
import { PAGE_SIZE } from '../../src/shared/paging.ts';
import type { MeetingList } from '../../src/meetings/schemas.ts';
import type { AuditPage } from '../../src/admin/schemas.ts';

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

  for (const list of [
    { name: 'meeting plans', path: '/moedeplan', api: '/api/plans', table: 'meetingPlans', title: 'Mødeplaner', row: '.plan-row', link: '.plan-row__title' },
    { name: 'annual wheels', path: '/aarshjul', api: '/api/wheels', table: 'annualWheels', title: 'Årshjul', row: '.wheel-row', link: '.wheel-row__title' },
  ] as const)
    test(`"Vis flere" on the ${list.name} adds the next page, focuses the first new one and announces it; no draft to a visitor`, async () => {
      const db = server.db.handle.db;
      const orgs = (await db.selectFrom('organizations').select('id').where('kind', '!=', 'unit').where('deleted', 'is', null).execute()).map((o) => o.id);
      const ts = new Date(nowMs()).toISOString();
      // 60 approved ones over the bodies and years before 2020, and a draft among them: more than a page.
      const rows = Array.from({ length: 61 }, (_, i) => ({
        id: newId(),
        organizationId: orgs[i % orgs.length],
        year: 2019 - Math.floor(i / orgs.length),
        title: i === 30 ? `Kladde ${CLOSED}` : `Arkiv ${list.name} ${String(i).padStart(2, '0')}`,
        status: i === 30 ? 'draft' : 'approved',
        approved: i === 30 ? null : ts,
        created: ts,
        modified: ts,
        deleted: null,
      }));
      if (list.table === 'meetingPlans')
        await db
          .insertInto('meetingPlans')
          .values(rows.map((r) => ({ ...r, revisesId: null, rule: '{}', exceptions: '[]' })))
          .execute();
      else await db.insertInto('annualWheels').values(rows).execute();
      const all = (await server.app.inject({ url: `${list.api}?limit=200` })).json() as { title: string }[];
      assert.ok(all.length > PAGE_SIZE && all.length < 200);
      const titles = all.map((r) => r.title);

      const page = await openPage(browser, { bypassCSP: true });
      await page.goto(`${server.url}${list.path}`);
      await page.getByRole('heading', { level: 1, name: list.title }).waitFor();
      const shown = page.locator(list.row);
      await shown.first().waitFor();
      assert.equal(await shown.count(), PAGE_SIZE);
      const more = page.getByRole('button', { name: `Vis flere ${list.title}` });
      await more.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [list.row, titles.length] as const);
      assert.deepEqual(await shown.locator(list.link).allInnerTexts(), titles, 'every one once, in the order of the list');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), titles[PAGE_SIZE], 'the focus is on the first new one');
      await page
        .getByTestId('announcer')
        .getByText(`${titles.length - PAGE_SIZE} flere vist, ${titles.length} i alt. Der er ikke flere.`)
        .waitFor();
      assert.equal(await more.count(), 0, 'no button once all are shown');
      assert.equal(await page.getByText(CLOSED).count(), 0, 'a draft is not listed to a visitor');
      await assertNoViolations(page, `the ${list.name} after "Vis flere"`);
      await page.close();
    });

  test('"Vis flere" on the audit log adds the older entries after the first 50, focuses the first of them and announces it', async () => {
    const db = server.db.handle.db;
    const ts = new Date(nowMs()).toISOString();
    await db
      .insertInto('auditEntries')
      .values(
        Array.from({ length: 70 }, (_, i) => ({
          at: ts,
          actorUserId: null,
          action: 'user.sessions_revoke',
          objectType: 'user',
          objectId: `arkiv-${i}`,
          before: null,
          after: null,
        })),
      )
      .execute();
    const page = await openPage(browser, { bypassCSP: true });
    await logIn(page, server, 'admin');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const first = (await server.app.inject({ url: '/api/admin/audit?limit=200', headers: { cookie } })).json() as AuditPage;
    const ids = first.entries.map((e) => e.objectId);
    const expected = Math.min(ids.length, 2 * PAGE_SIZE);

    await page.goto(`${server.url}/admin/log`);
    await page.getByRole('heading', { level: 1, name: 'Revisionslog' }).waitFor();
    await page.getByText(`${PAGE_SIZE} hændelser. Der er flere.`).waitFor();
    const rows = page.locator('table tbody tr');
    assert.equal(await rows.count(), PAGE_SIZE);
    const more = page.getByRole('button', { name: 'Vis flere Revisionslog' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length === n, expected);
    const objects = await rows.locator('td:nth-child(4) code').allInnerTexts();
    assert.deepEqual(objects, ids.slice(0, expected), 'newest first, each once');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TR');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLTableRowElement).rowIndex), PAGE_SIZE + 1, 'the focus is on the first new entry');
    await page
      .getByTestId('announcer')
      .getByText(new RegExp(`^${expected - PAGE_SIZE} flere vist, ${expected} i alt\\.`))
      .waitFor();
    await assertNoViolations(page, 'the audit log after "Vis flere"');
    await page.close();
  });
});
