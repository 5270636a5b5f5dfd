// The secretariat attaches a file to an item on the meeting page: upload with progress, move it by
// keyboard, make it internal, a refused file explained in Danish, delete; the public sees only what is public.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, logIn, openPage, publishedCommitteeMeeting, type LiveServer } from '../helpers/browser.ts';
import { docx, pdf } from '../helpers/files.ts';

describe('attachments on the meeting page', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('the secretariat uploads a PDF, moves it up, makes it internal and deletes it; a text file posing as a PDF is refused', async () => {
    const id = await findMeeting(server, publishedCommitteeMeeting);
    const p = await openPage(browser);
    await logIn(p, server, 'sekretariat');
    await p.goto(`${server.url}/meetings/${id}`);
    const item = p.locator('article', { hasText: 'Forklæde' }).filter({ hasText: 'Præsentation' }).first();
    const bilag = item.getByRole('region', { name: /^Bilag til punkt \d+$/ });
    await bilag.getByText('Bilag 2: Præsentation').waitFor();

    await bilag.getByText('Tilføj bilag').click();
    await bilag
      .getByLabel('Fil', { exact: true })
      .setInputFiles({ name: 'Referat.pdf', mimeType: 'application/pdf', buffer: await pdf([{ text: 'Referat' }]) });
    await bilag.getByRole('button', { name: 'Upload', exact: true }).click();
    await bilag.getByRole('link', { name: 'Bilag 3: Referat.pdf' }).waitFor();
    await bilag.getByRole('status').filter({ hasText: 'Referat.pdf er tilføjet som bilag 3.' }).waitFor();
    assert.match(await bilag.innerText(), /Bilag 3: Referat\.pdf \(PDF, 1 side, 1 kB\)/);

    await bilag.getByRole('button', { name: 'Flyt bilag 3 op' }).click();
    await bilag.getByRole('link', { name: 'Bilag 2: Referat.pdf' }).waitFor();
    await p.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Flyt bilag 2 op');

    await bilag.getByRole('checkbox', { name: 'Bilag 2 er offentligt' }).uncheck();
    await p.waitForFunction(() => !(document.querySelector('[aria-label="Bilag 2 er offentligt"]') as HTMLInputElement | null)?.checked);
    const anon = await openPage(browser);
    await anon.goto(`${server.url}/meetings/${id}`);
    await anon.getByText('Præsentation').first().waitFor();
    // The server's page and the app's (hidden while it takes over) alike.
    assert.ok(!((await anon.locator('#root').textContent()) ?? '').includes('Referat.pdf'), 'an internal attachment is not shown to the public');
    await anon.close();

    await bilag.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'Notat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('bare tekst') });
    await bilag.getByRole('button', { name: 'Upload', exact: true }).click();
    await bilag.getByText('Indholdet af «Notat.pdf» passer ikke til filtypen i navnet.', { exact: false }).waitFor();

    // An office file: the upload answers at once, the conversion to PDF follows and is shown.
    await bilag
      .getByLabel('Fil', { exact: true })
      .setInputFiles({ name: 'Notat.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx(['Et notat']) });
    await bilag.getByRole('button', { name: 'Upload', exact: true }).click();
    await bilag.getByRole('link', { name: /Bilag \d: Notat\.docx/ }).waitFor();
    await bilag.getByText(/Notat\.docx \(DOCX, 1 side/).waitFor({ timeout: 60_000 });
    assert.equal(await bilag.getByText('Omdannes til PDF til mødepakken …').count(), 0);

    await bilag.getByRole('button', { name: 'Slet bilag 2' }).click();
    await bilag.getByRole('button', { name: 'Ja, slet bilaget' }).click();
    await bilag.getByText('Bilag 2: Præsentation').waitFor();
    assert.ok(!(await bilag.innerText()).includes('Referat.pdf'));
    await p.close();
  });
});
