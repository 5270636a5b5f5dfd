// Writing a decision at a held meeting: the decision text, the outcome of the at-point and the
// remarks as a list; Rådslag then proposes "FAS følger op" as a follow-up with FAS filled in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';

describe('decision journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('the secretary records a decision with its outcome and remarks, and makes the follow-up it names', async () => {
    const id = await findMeeting(server, (m) => m.start.startsWith('2026-02-04'));
    const page = await openPage(browser);
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/${id}`);

    await page.getByRole('button', { name: 'Redigér punkt 3' }).click();
    const form = page.getByRole('region', { name: 'Redigér punkt 3' });
    await form.getByLabel('Beslutning', { exact: true }).fill('Udvalget godkendte den reviderede mødeplan.');
    await form.getByRole('button', { name: 'Tilføj udfald for at-punkt 1' }).click();
    await form.getByLabel('At-punkt 1').selectOption({ label: 'Godkendt med ændringer' });
    await form.getByLabel('Øvrige bemærkninger').fill('Sommermøderne samles i juni.\nFAS følger op med nye kalenderinvitationer.');
    await form.getByRole('button', { name: 'Gem punkt' }).click();

    const item = page.locator('article', { hasText: 'Godkendelse af revideret mødeplan' }).first();
    await item.getByText('At-punkt 1: Godkendt med ændringer').waitFor();
    const remarks = item.getByRole('listitem');
    assert.deepEqual((await remarks.allInnerTexts()).filter((r) => !r.startsWith('-')).slice(-2), [
      'Sommermøderne samles i juni.',
      'FAS følger op med nye kalenderinvitationer.',
    ]);

    const followUps = page.getByRole('region', { name: 'Opfølgninger' });
    await followUps.getByRole('button', { name: 'Foreslå fra teksten' }).click();
    const suggestion = followUps.getByRole('button', { name: /^Opret for FAS: .*nye kalenderinvitationer/ });
    await suggestion.click();
    await followUps.getByText('Opfølgningen er oprettet.').waitFor();
    assert.match(await followUps.innerText(), /FAS følger op med nye kalenderinvitationer/);

    // It survives a reload and reaches the minutes PDF's source: the meeting as the API gives it.
    await page.reload();
    await page.locator('article', { hasText: 'Godkendelse af revideret mødeplan' }).first().getByText('At-punkt 1: Godkendt med ændringer').waitFor();
  });
});
