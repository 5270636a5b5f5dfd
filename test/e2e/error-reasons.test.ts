// A refusal only the server makes reads in Danish in the form, worded from its reason: a meeting of
// two days passes the browser's checks and is refused by the server, and the form says why in Danish.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, journeyHooks, logIn, openPage, type LiveServer } from '../helpers/browser.ts';

const nextYear = new Date().getUTCFullYear() + 1;

describe("the server's reasons, in the browser", { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('a meeting longer than a day is refused by the server, and the form says so in Danish', async () => {
    const page = await openPage(browser);
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/new`);
    await page.getByLabel('Udvalg').selectOption({ label: 'Social- og Beskæftigelsesudvalget' });
    await page.getByLabel('Titel').fill('Seminar over to dage');
    await page.getByLabel('Starttidspunkt').fill(`${nextYear}-03-02T08:00`);
    await page.getByLabel('Sluttidspunkt').fill(`${nextYear}-03-04T08:00`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/meetings') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Opret møde' }).click();
    const body = await (await answer).json();
    assert.deepEqual([body.error.reason, body.error.params], ['meeting.too_long', { hours: 24 }], 'the server refused it, not the browser');
    await page.getByText('et møde må højst vare 24 timer').waitFor();
    assert.equal(await page.getByText('a meeting may last at most 24 hours').count(), 0, 'no English in the Danish form');
    assert.match(page.url(), /\/meetings\/new$/, 'nothing was created');
    await page.close();
  });
});
