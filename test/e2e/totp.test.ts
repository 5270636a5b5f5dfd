// Browser journey of two-step login: a secretary, whose role requires TOTP (TOTP_REQUIRED_FOR),
// is sent to set it up right after the password, scans nothing but reads the key, confirms with a
// code the same library computes, sees the recovery codes once; then logs in again with a code,
// and once with a recovery code. axe's WCAG 2.1 A/AA rules on the account page and the code step.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import { nowMs, setClock } from '../../src/lib/time.ts';
import { browserSkip, journeyHooks, type LiveServer, openPage } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';

/** The code the app would show now, by the server's clock (the server runs in this process). */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(nowMs() / 1000) });
/** On to the next 30-second step: a code is accepted once. */
const nextStep = () => setClock(new Date(nowMs() + 30_000).toISOString());

describe('two-step login journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks(
    (s, b) => {
      server = s;
      browser = b;
    },
    'sqlite',
    { TOTP_REQUIRED_FOR: 'secretary' },
  );

  const passwordStep = async (page: Page) => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Brugernavn').fill('sekretariat');
    await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
    await page.getByLabel('Adgangskode').press('Enter');
  };

  test('a secretary sets up two-step login after the password, then logs in with a code and with a recovery code', async () => {
    // The server's CSP (script-src 'self') rightly refuses the injected axe script.
    const page = await openPage(browser, { bypassCSP: true });
    await passwordStep(page);
    // Sent to set it up, whatever page they asked for.
    await page.getByText('Din rolle kræver totrinslogin').waitFor();
    await page.goto(`${server.url}/moedeplan`);
    await page.getByText('Din rolle kræver totrinslogin').waitFor();
    await page.getByRole('button', { name: 'Sæt totrinslogin op' }).click();
    const qr = page.getByRole('img', { name: 'QR-kode til godkendelses-appen' });
    await qr.waitFor();
    assert.ok(((await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)) as number) > 0, 'the QR code is shown');
    const csp = String((await server.app.inject({ url: '/' })).headers['content-security-policy']);
    assert.match(csp, /img-src[^;]*data:/, 'the CSP lets the page show the data: URL');
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('Kode fra appen (6 cifre)').fill('000000');
    await page.getByLabel('Kode fra appen (6 cifre)').press('Enter');
    await page.getByText('Forkert kode.').waitFor();
    await page.getByLabel('Kode fra appen (6 cifre)').fill(await codeNow(secret));
    await page.getByRole('button', { name: 'Bekræft og slå til' }).click();
    await page.getByRole('heading', { name: 'Dine gendannelseskoder' }).waitFor();
    const codes = await page.getByRole('list', { name: 'Dine gendannelseskoder' }).getByRole('listitem').allTextContents();
    assert.equal(codes.length, 10);
    await assertNoViolations(page, 'the account page with the recovery codes');
    await page.getByRole('button', { name: 'Jeg har gemt koderne' }).click();
    await page.getByText(/Logget ind som Sofie/).waitFor();
    await page.getByRole('link', { name: 'Min konto' }).click();
    await page.getByText('Totrinslogin er slået til. Du har 10 ubrugte gendannelseskoder.').waitFor();
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('button', { name: 'Log ind' }).first().waitFor();

    // Again: the password, then the code from the app.
    nextStep();
    await passwordStep(page);
    const code = page.getByLabel('Kode fra appen eller en gendannelseskode');
    await code.waitFor();
    await assertNoViolations(page, 'the code step');
    await code.fill('123456');
    await code.press('Enter');
    await page.getByText('Forkert kode.').waitFor();
    await code.fill(await codeNow(secret));
    await code.press('Enter');
    await page.getByText(/Logget ind som Sofie/).waitFor();
    await page.getByRole('button', { name: 'Log ud' }).click();

    // And once with a recovery code instead.
    await passwordStep(page);
    await code.fill(codes[0]!);
    await code.press('Enter');
    await page.getByText(/Logget ind som Sofie/).waitFor();
    await page.close();
  });
});
