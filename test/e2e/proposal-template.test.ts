// A secretariat gives its body its own proposal template; the next proposal is written in it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';

describe('proposal template journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('the secretariat renames, removes, adds and moves sections; a new proposal has them', async () => {
    const page = await openPage(browser);
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/indstillinger`);
    await page.getByRole('link', { name: 'Skabelon for indstillinger' }).click();
    await page.getByLabel('Organ').selectOption({ label: 'Rådmandsmøde – Sociale Forhold og Beskæftigelse' });
    await page
      .getByTestId('template-origin')
      .getByText(/standardskabelonen/)
      .waitFor();
    await page.getByLabel('Afsnit 1').fill('Baggrund');
    for (const heading of ['Ressourcer', 'Risici, muligheder og kommunikative opmærksomheder', 'Koordineret med']) {
      await page.getByRole('button', { name: `Fjern ${heading}` }).click();
    }
    assert.equal(await page.getByRole('button', { name: 'Fjern Indstilling' }).count(), 0, 'the at-points stay');
    await page.getByLabel('Nyt afsnit').fill('Økonomi');
    await page.getByRole('button', { name: 'Tilføj afsnit' }).click();
    await page.getByRole('button', { name: 'Flyt op: Økonomi' }).click();
    await page.getByRole('button', { name: 'Gem skabelonen' }).click();
    await page.getByTestId('announcer').getByText('Skabelonen er gemt.').waitFor();
    await page.getByTestId('template-origin').getByText('Organet har sin egen skabelon.').waitFor();

    await page.goto(`${server.url}/indstillinger/ny`);
    await page.getByRole('combobox', { name: 'Til', exact: true }).selectOption({ label: 'Rådmandsmøde – Sociale Forhold og Beskæftigelse' });
    await page.getByRole('textbox', { name: 'Titel', exact: true }).fill('Budget for unge');
    await page.getByRole('button', { name: 'Opret kladde' }).click();
    await page.getByRole('heading', { level: 1, name: 'Redigér indstilling' }).waitFor();
    for (const label of ['Baggrund', 'Sagsfremstilling', 'Videre proces', 'Økonomi', 'Bilag']) await page.getByLabel(label, { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Ressourcer', { exact: true }).count(), 0);
  });
});
