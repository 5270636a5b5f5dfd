// The web app and the API docs render under the content security policy (no 'unsafe-inline'
// styles or scripts): pages of every kind, in real Chromium, without one violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, logIn, openPage, publishedCommitteeMeeting, type LiveServer } from '../helpers/browser.ts';

let server: LiveServer;
let browser: Browser;
journeyHooks((s, b) => {
  server = s;
  browser = b;
});

/** A page that records every CSP violation, as the console reports it and as the page sees it. */
async function watched(): Promise<{ page: Page; violations: string[] }> {
  const page = await openPage(browser);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, violations };
}

test('the web app renders its pages without a CSP violation', { skip: browserSkip }, async () => {
  const { page, violations } = await watched();
  await logIn(page, server, 'sekretariat');
  const id = await findMeeting(server, publishedCommitteeMeeting);
  for (const path of ['/', `/meetings/${id}`, '/moedeplan', '/aarshjul', '/opfoelgning', '/indstillinger', '/min-kalender']) {
    await page.goto(`${server.url}${path}`);
    await page.locator('main').first().waitFor();
    await page.waitForLoadState('networkidle');
  }
  // The stylesheet applies: the page is styled by files alone.
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.ok(font && !/^"?Times/i.test(font), font);
  // zod probes whether it may compile validators (Function('') in a try): the policy says no, and it does without.
  assert.deepEqual(
    violations.filter((v) => !/script-src eval/.test(v)),
    [],
  );
  await page.close();
});

test('the API docs (Swagger UI) render without a CSP violation', { skip: browserSkip }, async () => {
  const { page, violations } = await watched();
  await page.goto(`${server.url}/api/docs`);
  await page.getByText('Rådslag API').first().waitFor();
  await page.locator('.opblock-tag').first().waitFor();
  await page.locator('.opblock-tag').first().click();
  await page.locator('.opblock').first().click();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(violations, []);
  await page.close();
});
