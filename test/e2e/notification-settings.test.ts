// Browser journey of "Notifikationer" on Min konto: a member turns off the e-mail about sent agendas
// by keyboard, and it stays off after a reload (the server keeps it); axe's WCAG 2.1 A/AA rules on the section.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';

describe('notification settings journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('a member turns off "en dagsorden er udsendt" and it stays off', async () => {
    // The server's CSP (script-src 'self') rightly refuses the injected axe script.
    const page = await openPage(browser, { bypassCSP: true });
    await logIn(page, server, 'medlem');
    await page.goto(`${server.url}/min-konto`);
    const section = page.getByRole('region', { name: 'Notifikationer' });
    const sent = section.getByRole('checkbox', { name: 'en dagsorden er udsendt' });
    await sent.waitFor();
    assert.equal(await sent.isChecked(), true, 'on until changed');
    assert.equal(await section.getByRole('checkbox', { name: 'en udsendt dagsorden er ændret' }).isChecked(), true);
    assert.equal(await section.getByRole('checkbox', { name: 'nogen nævner mig i en delt kommentar' }).isChecked(), true);
    await assertNoViolations(page, 'the account page with notifications');
    await sent.focus();
    await page.keyboard.press('Space');
    await page.getByText('Notifikationer gemt.').waitFor({ state: 'attached' });
    await page.reload();
    await section.getByRole('checkbox', { name: 'en dagsorden er udsendt' }).waitFor();
    assert.equal(await section.getByRole('checkbox', { name: 'en dagsorden er udsendt' }).isChecked(), false, 'kept by the server');
    assert.equal(await section.getByRole('checkbox', { name: 'en udsendt dagsorden er ændret' }).isChecked(), true);
    await page.close();
  });
});
