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

  test('the secretary records a decision with its outcome and remarks, makes the follow-up it names, and the minutes page shows them', async () => {
    const id = await findMeeting(server, (m) => m.start.startsWith('2026-02-04'));
    const page = await openPage(browser);
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/${id}`);

    // The meeting is held: its agenda is part of the record; only the decision is written.
    await page.getByRole('button', { name: 'Skriv beslutning for punkt 3' }).click();
    assert.equal(await page.getByRole('button', { name: 'Flyt punkt 3' }).count(), 0, 'no moving');
    assert.equal(await page.getByRole('button', { name: /^Slet punkt/ }).count(), 0, 'no deleting');
    assert.equal(await page.getByRole('region', { name: 'Tilføj punkt' }).count(), 0, 'no adding');
    const form = page.getByRole('region', { name: 'Redigér punkt 3' });
    await form.getByText('Mødet er afholdt: dagsordenen er en del af referatet').waitFor();
    assert.equal(await form.getByRole('textbox', { name: 'Titel', exact: true }).count(), 0, 'the title is not edited');
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

    // The minutes page shows it in the seed's form, with the follow-up; a visitor sees it too, without the follow-up.
    await page.getByRole('link', { name: 'Læs referatet' }).click();
    const section = page.getByRole('region', { name: 'Punkt 3: Godkendelse af revideret mødeplan' });
    await section.getByRole('heading', { name: 'Beslutning for Punkt 3: Godkendelse af revideret mødeplan' }).waitFor();
    const minutesText = await section.innerText();
    assert.match(
      minutesText,
      /Udvalget godkendte den reviderede mødeplan\.\s+At-punkt 1: Godkendt med ændringer\s+Øvrige bemærkninger:\s+Sommermøderne samles i juni\./,
    );
    assert.match(minutesText, /Opfølgning:\s+FAS følger op med nye kalenderinvitationer\./);
    const visitor = await openPage(browser);
    await visitor.goto(page.url());
    const seen = visitor.getByRole('region', { name: 'Punkt 3: Godkendelse af revideret mødeplan' });
    await seen.getByText('At-punkt 1: Godkendt med ændringer').waitFor();
    assert.doesNotMatch(await seen.innerText(), /Opfølgning/);
  });
});

describe('digital approval journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('a member approves an item of the held meeting’s minutes and sees the count', async () => {
    const id = await findMeeting(server, (m) => m.start.startsWith('2026-02-04'));
    const page = await openPage(browser);
    await logIn(page, server, 'medlem');
    await page.goto(`${server.url}/meetings/${id}`);
    const section = page.getByRole('region', { name: 'Godkendelse af referatet' });
    await section.getByRole('button', { name: 'Godkend punkt 1', exact: true }).click();
    await section.getByText(/Punkt 1\. .*: godkendt af 1 af 5 \(Karen Holm\)/).waitFor();
    assert.equal(await section.getByRole('button', { name: 'Godkend punkt 1', exact: true }).count(), 0, 'approved once');
    assert.equal(await section.getByRole('button', { name: 'Godkend punkt 2', exact: true }).count(), 1);
  });
});
