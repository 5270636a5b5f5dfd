// Minutes at a held meeting: the secretariat records a member absent with a reason and a vote per
// member with a dissent; the choices survive a reload, an anonymous visitor sees the result, and the
// minutes PDF is served.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';

describe('minutes journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  const page = () => openPage(browser);

  test('the secretary records attendance and a vote; a visitor sees the result', async () => {
    const id = await findMeeting(server, (m) => m.start.startsWith('2026-02-04'));
    const secretary = await page();
    await logIn(secretary, server, 'sekretariat');
    await secretary.goto(`${server.url}/meetings/${id}`);

    const attendance = secretary.getByRole('region', { name: 'Fremmøde' });
    const sara = attendance.getByRole('group', { name: 'Fremmøde: Sara Ali' });
    await sara.getByLabel('Fraværende').check();
    await attendance.getByTestId('attendance-status').getByText('Fremmøde for Sara Ali er gemt.').waitFor();
    await attendance.getByLabel('Begrundelse, Sara Ali').fill('Syg');
    const saved = secretary.waitForResponse((r) => r.url().includes('/attendance/') && r.request().method() === 'PUT' && r.ok());
    await attendance.getByLabel('Begrundelse, Sara Ali').press('Tab');
    await saved;

    await secretary.reload();
    assert.ok(await attendance.getByRole('group', { name: 'Fremmøde: Sara Ali' }).getByLabel('Fraværende').isChecked());
    assert.equal(await attendance.getByLabel('Begrundelse, Sara Ali').inputValue(), 'Syg');
    assert.ok((await attendance.getByRole('group', { name: 'Fremmøde: Mads Lund' }).getByLabel('Til stede').isChecked()) === false);

    const form = secretary.getByRole('form', { name: 'Registrér afstemning' });
    await form.getByLabel('Punkt').selectOption({ label: '3. Godkendelse af revideret mødeplan' });
    await form.getByLabel('Forslag, der stemmes om').fill('Udvalget godkender den reviderede mødeplan.');
    assert.ok(await form.getByLabel('Pr. medlem').isChecked());
    // Sara Ali, recorded absent, is not in the vote: "Fraværende", and it cannot be changed.
    const saraVote = form.getByRole('group', { name: 'Stemme: Sara Ali' });
    assert.ok(await saraVote.getByLabel('Fraværende').isChecked());
    assert.ok(await saraVote.getByLabel('For').isDisabled());
    // Nobody else's vote is guessed: the form starts empty and asks for each.
    assert.equal(await form.getByRole('group', { name: 'Stemme: Mads Lund' }).getByRole('radio', { checked: true }).count(), 0);
    await form.getByRole('button', { name: 'Registrér afstemning' }).click();
    await form.getByText('Vælg en stemme.').first().waitFor();
    for (const name of ['Anders Ravn', 'Karen Holm', 'Peter Berg'])
      await form
        .getByRole('group', { name: `Stemme: ${name}` })
        .getByLabel('For')
        .check();
    await form.getByRole('group', { name: 'Stemme: Mads Lund' }).getByLabel('Imod').check();
    await form.getByLabel('Afvigende mening, Mads Lund').fill('Enhedslisten ønsker færre møder i sommerperioden.');
    await form.getByRole('button', { name: 'Registrér afstemning' }).click();
    await form.getByText('Afstemningen er registreret: Vedtaget.').waitFor();

    const votes = secretary.getByRole('region', { name: 'Afstemninger' });
    const vote = votes.getByRole('region', { name: 'Punkt 3. Godkendelse af revideret mødeplan' }).getByTestId('vote-event');
    assert.equal(await vote.getByTestId('vote-counts').innerText(), 'For 3 · Imod 1 · Blankt 0 · Fraværende 1');
    assert.match(await vote.getByTestId('vote-result').innerText(), /Vedtaget/);
    assert.match(await vote.innerText(), /Mads Lund \(Enhedslisten\):\s*Enhedslisten ønsker færre møder i sommerperioden\./);
    await votes.screenshot({ path: 'test-results/minutes-votes.png' });
    await attendance.screenshot({ path: 'test-results/minutes-attendance.png' });

    // Mads Lund leaves after item 3: on item 5 he is not in the vote, and the minutes say he left.
    await attendance.getByRole('group', { name: 'Fremmøde: Mads Lund' }).getByLabel('Til stede').check();
    await attendance.getByTestId('attendance-status').getByText('Fremmøde for Mads Lund er gemt.').waitFor();
    const left = secretary.waitForResponse((r) => r.url().includes('/attendance/') && r.request().method() === 'PUT' && r.ok());
    await attendance.getByLabel('Forlod mødet efter punkt, Mads Lund').selectOption({ label: '3. Godkendelse af revideret mødeplan' });
    await left;
    await form.getByLabel('Punkt').selectOption({ index: 4 });
    const madsLater = form.getByRole('group', { name: 'Stemme: Mads Lund' });
    await madsLater.getByLabel('For').and(secretary.locator(':disabled')).waitFor();
    assert.ok(await madsLater.getByLabel('Fraværende').isChecked());
    assert.ok(await madsLater.getByLabel('For').isDisabled());
    assert.match(await form.getByRole('row', { name: /Mads Lund/ }).innerText(), /forlod mødet efter punkt 3/);

    const visitor = await page();
    await visitor.goto(`${server.url}/meetings/${id}`);
    const seen = visitor.getByRole('region', { name: 'Afstemninger' }).getByTestId('vote-event');
    await seen.getByText('For 3 · Imod 1 · Blankt 0 · Fraværende 1').waitFor();
    assert.match(await seen.getByTestId('vote-result').innerText(), /Vedtaget/);
    assert.equal(await visitor.getByRole('form', { name: 'Registrér afstemning' }).count(), 0, 'a visitor gets no form');
    assert.equal(await visitor.getByRole('radio').count(), 0, 'a visitor sees attendance read-only');
    const saraRow = visitor.getByRole('region', { name: 'Fremmøde' }).getByRole('row', { name: /Sara Ali/ });
    assert.match(await saraRow.innerText(), /Fraværende/);

    await visitor.goto(`${server.url}/meetings/${id}/referat`);
    await visitor.getByText(/Mads Lund \(Enhedslisten\) – forlod mødet efter punkt 3/).waitFor();
    await visitor.goBack();
    const href = await visitor.getByRole('link', { name: 'Referat (PDF)' }).getAttribute('href');
    const pdf = await visitor.request.get(new URL(href!, server.url).toString());
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  });
});
