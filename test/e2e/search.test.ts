// Browser journey for search: a visitor searches from the header, narrows to decisions, opens a
// result on its meeting page; the search page is keyboard-operable and axe-clean.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, journeyHooks, type LiveServer, openPage } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';

describe('search journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  }, 'sqlite');

  test('a visitor searches from the header, filters to decisions and opens the item', async () => {
    // bypassCSP: axe is injected as a script the app's policy would refuse.
    const page = await openPage(browser, { bypassCSP: true });
    await page.goto(server.url);
    const field = page.getByRole('searchbox', { name: 'Søg i møder og dokumenter' });
    await field.fill('visionen for Job Aarhus');
    await field.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Søg' }).waitFor();
    const results = page.locator('.search-result');
    await results.first().waitFor();
    assert.ok((await results.count()) >= 1);
    assert.ok(await page.locator('.search-result mark', { hasText: 'Job' }).first().isVisible(), 'the words found are marked');
    await assertNoViolations(page, 'the search results');

    await page.getByLabel('Slags').selectOption({ label: 'Beslutning' });
    await page.getByRole('search', { name: 'Søg', exact: true }).getByRole('button', { name: 'Søg' }).click();
    await page.waitForURL(/kind=minutes/);
    await page
      .getByRole('status')
      .getByText(/resultat/)
      .waitFor();
    const first = results.first();
    assert.match(await first.innerText(), /Beslutning/);
    assert.match(await first.locator('.search-result__snippet').innerText(), /godkendte visionen/);

    await first.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/meetings\/[^/]+#item-/);
    await page
      .getByRole('heading', { name: /Vision for Job Aarhus/ })
      .first()
      .waitFor();
  });
});
