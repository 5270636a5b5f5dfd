// The meeting form on the nights Copenhagen's clock changes: a start in the hour that happens twice,
// or an end in the hour that never happens, is refused with the reason in Danish before anything is saved.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import { browserSkip, journeyHooks, logIn, openPage, type LiveServer } from '../helpers/browser.ts';

const lastSunday = (year: number, month: number) => {
  const last = DateTime.utc(year, month, 1).endOf('month');
  return last.minus({ days: last.weekday % 7 }).toISODate()!;
};
const year = DateTime.utc().year + 1;

describe('meeting times the night the clock changes, in the browser', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('the new-meeting form says in Danish that 02.30 happens twice, or not at all, that night', async () => {
    const page = await openPage(browser);
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/new`);
    await page.getByLabel('Udvalg').selectOption({ label: 'Social- og Beskæftigelsesudvalget' });
    await page.getByLabel('Titel').fill('Nattemøde');
    await page.getByLabel('Starttidspunkt').fill(`${lastSunday(year, 10)}T02:30`);
    await page.getByLabel('Sluttidspunkt').fill(`${lastSunday(year, 10)}T04:00`);
    await page.getByRole('button', { name: 'Opret møde' }).click();
    await page.getByText('klokken 02.30 kommer to gange den nat (sommertiden slutter): vælg et andet tidspunkt').waitFor();

    await page.getByLabel('Starttidspunkt').fill(`${lastSunday(year, 3)}T01:00`);
    await page.getByLabel('Sluttidspunkt').fill(`${lastSunday(year, 3)}T02:30`);
    await page.getByRole('button', { name: 'Opret møde' }).click();
    await page.getByText('klokken 02.30 findes ikke den nat (sommertiden begynder: uret springer fra 02.00 til 03.00): vælg et andet tidspunkt').waitFor();
    assert.match(page.url(), /\/meetings\/new$/, 'nothing was created');
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
    const session = login.cookies.find((c) => c.name === 'raadslag_session')!;
    const list = await server.app.inject({ url: '/api/meetings', headers: { cookie: `${session.name}=${session.value}` } });
    assert.ok(list.json().meetings.length > 5);
    assert.ok(!list.json().meetings.some((m: { title: string }) => m.title === 'Nattemøde'));
    await page.close();
  });
});
