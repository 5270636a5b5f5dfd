// Proposals (indstillinger) through the real UI: the case officer writes one for the upcoming
// rådmand meeting with two at-points and a bullet list and submits it; the secretariat accepts it
// (late: the meeting is within the week) and puts it on the agenda; the meeting's item links to it;
// a change after sending becomes version 2 with its note, version 1 stays readable, and a save from
// a stale version is refused with a way to reload; slides attached to it travel into the members'
// meeting package, stamped after the proposal.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';
import { readPdf } from '../helpers/documents.ts';
import { pdf } from '../helpers/files.ts';

const shots = 'test-results';
const title = 'Handleplan for unge ledige i Job Aarhus';

describe('proposals journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  /** The value of the first option of a select whose text matches. */
  const optionValue = async (page: Page, label: string, text: RegExp) => {
    const select = page.getByRole('combobox', { name: label, exact: true });
    await select.locator('option', { hasText: text }).first().waitFor({ state: 'attached' });
    return (await select.locator('option', { hasText: text }).first().getAttribute('value'))!;
  };

  test('written, submitted, accepted late, put on the agenda, linked from the meeting, changed after sending', async () => {
    const writer = await openPage(browser);
    await logIn(writer, server, 'enhed');
    await writer.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Indstillinger' }).click();
    await writer.getByRole('heading', { level: 1, name: 'Indstillinger' }).waitFor();
    await writer.getByRole('link', { name: 'Ny indstilling' }).click();

    // The draft: whom it is for, the meeting, the unit (the writer's only one) and the title.
    await writer.getByRole('combobox', { name: 'Til', exact: true }).selectOption({ label: 'Rådmandsmøde – Sociale Forhold og Beskæftigelse' });
    await writer.getByRole('combobox', { name: 'Møde', exact: true }).selectOption(await optionValue(writer, 'Møde', /^Rådmandsmøde, /));
    // The meeting's deadline shows as soon as it is chosen.
    await writer.getByText(/^Frist for indstillinger til mødet: .+ kl\. 12\.00$/).waitFor();
    assert.equal(await writer.getByRole('combobox', { name: 'Enhed', exact: true }).inputValue(), await optionValue(writer, 'Enhed', /Fagligt Sekretariat/));
    await writer.getByRole('textbox', { name: 'Titel', exact: true }).fill(title);
    await writer.getByRole('spinbutton', { name: 'Tid (minutter)' }).fill('15');
    await writer.getByRole('button', { name: 'Opret kladde' }).click();

    // The editor opens on the template's sections.
    await writer.getByRole('heading', { level: 1, name: 'Redigér indstilling' }).waitFor();
    await writer.getByRole('textbox', { name: 'Indstilling til', exact: true }).fill('Rådmanden');
    await writer.getByLabel('Sagsnummer').fill('EMN-2025-00982');
    await writer.getByLabel('Dato', { exact: true }).fill('2026-01-22');
    await writer.getByRole('textbox', { name: 'Sagsbehandler', exact: true }).fill('Daniel Færgemand Laursen');
    await writer.getByLabel('Telefon').fill('41 85 91 46');
    await writer.getByLabel('E-post').fill('ikke en adresse');
    await writer.getByRole('button', { name: 'Tilføj at-punkt' }).click();
    await writer.getByRole('textbox', { name: 'At-punkt 1', exact: true }).fill('rådmanden tager orienteringen til efterretning.');
    await writer.getByRole('button', { name: 'Tilføj at-punkt' }).click();
    await writer.getByRole('textbox', { name: 'At-punkt 2', exact: true }).fill('rådmanden godkender handleplanen.');
    // By keyboard: the second point moves up, and focus stays on the point that moved.
    await writer.getByRole('button', { name: 'Flyt op: at-punkt 2' }).focus();
    await writer.keyboard.press('Enter');
    assert.equal(await writer.getByRole('textbox', { name: 'At-punkt 1', exact: true }).inputValue(), 'rådmanden godkender handleplanen.');
    assert.ok(await writer.getByRole('textbox', { name: 'At-punkt 1', exact: true }).evaluate((el) => el === document.activeElement));
    await writer.getByLabel('Indledning').fill('Rådmanden præsenteres for en **ny** handleplan for unge ledige.');
    await writer.getByLabel('Sagsfremstilling').fill('Planen har tre spor:\n\n- Unge uden uddannelse\n- Virksomhedsrettede forløb\n- Mentorer');
    await writer.getByLabel('Ressourcer').fill('-');
    await writer.getByLabel('Koordineret med').fill('Organisation og Ledelse');

    // A bad e-mail address is named by its field, in Danish, before anything is saved.
    await writer.getByRole('button', { name: 'Gem indstilling' }).click();
    await writer.getByText('Ret fejlene i formularen.').waitFor();
    await writer.getByText('Skriv en e-postadresse, fx navn@aarhus.dk.').waitFor();
    await writer.getByLabel('E-post').fill('daniel@raadslag.invalid');
    await writer.screenshot({ path: `${shots}/proposal-editor.png`, fullPage: true });
    await writer.getByRole('button', { name: 'Gem indstilling' }).click();

    // Read mode, laid out like the package, then submitted.
    await writer.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = new URL(writer.url()).pathname.split('/').pop()!;
    assert.equal(await writer.getByTestId('proposal-state').innerText(), 'Kladde');
    await writer.getByRole('button', { name: 'Indsend' }).click();
    await writer.getByTestId('proposal-result').getByText('Indstillingen er indsendt.').waitFor();
    assert.equal(await writer.getByTestId('proposal-state').innerText(), 'Indsendt');
    assert.equal(await writer.getByRole('link', { name: 'Redigér indstilling' }).count(), 0, 'the writer no longer edits a submitted proposal');

    // The secretariat finds it among those for its bodies, late, and must say so to accept it.
    const secretary = await openPage(browser);
    await logIn(secretary, server, 'sekretariat');
    await secretary.goto(`${server.url}/indstillinger`);
    const row = secretary.getByTestId('proposal-row').filter({ hasText: title });
    await row.getByTestId('proposal-late').waitFor();
    assert.match(await row.innerText(), /Indsendt/);
    await row.getByRole('link', { name: title }).click();
    await secretary
      .getByTestId('late-notice')
      .getByText(/^Indsendt efter fristen .+ kl\. 12\.00\.$/)
      .waitFor();
    await secretary.getByRole('button', { name: 'Godkend til dagsorden' }).click();
    await secretary.getByText('Sæt flueben, hvis indstillingen skal godkendes, selv om fristen er overskredet.').waitFor();
    await secretary.getByLabel('Godkend trods overskredet frist').check();
    await secretary.getByRole('button', { name: 'Godkend til dagsorden' }).click();
    await secretary.getByTestId('proposal-result').getByText('Indstillingen er godkendt til dagsorden.').waitFor();
    // Accepted: being late is history, no longer a warning.
    assert.equal(await secretary.getByTestId('proposal-late').count(), 0);
    // Open or closed is decided in the same step as putting it on the agenda.
    await secretary.getByRole('button', { name: 'Sæt på dagsorden' }).click();
    const choice = secretary.getByRole('form', { name: 'Sæt på dagsordenen' });
    await choice.getByRole('button', { name: 'Sæt på dagsorden' }).click();
    await choice.getByText('Skal udfyldes.').waitFor();
    await choice.getByLabel('Lukket punkt').check();
    await choice.getByLabel('Offentlig titel').fill('Personalesag');
    await choice.getByRole('button', { name: 'Sæt på dagsorden' }).click();
    assert.equal(await choice.getByText('Skal udfyldes.').count(), 1, 'a closed item needs its legal basis too');
    await choice.getByLabel('Åbent punkt').check();
    await choice.getByRole('button', { name: 'Sæt på dagsorden' }).click();
    await secretary.getByTestId('proposal-result').getByText('Indstillingen er sat på dagsordenen.').waitFor();
    assert.equal(await secretary.getByTestId('proposal-state').innerText(), 'På dagsorden');

    // The meeting's new item links to the proposal.
    await secretary
      .getByTestId('proposal-status')
      .getByRole('link', { name: /^Rådmandsmøde, / })
      .click();
    const link = secretary.getByTestId('item-proposal').getByRole('link', { name: title });
    await link.waitFor();
    await link.click();

    // The proposal as printed: the addressee and time, the headings in order, the numbered at-points.
    await secretary.getByRole('heading', { level: 1, name: title }).waitFor();
    const doc = secretary.getByRole('article', { name: title });
    assert.equal(await doc.getByText('Indstilling til Rådmanden').count(), 1);
    assert.match(await doc.innerText(), /\d\d\.\d\d\.\d\d – 15 minutter/);
    const headings = await doc.getByRole('heading', { level: 2 }).allTextContents();
    assert.deepEqual(headings, [
      'Indledning',
      'Indstilling',
      'Sagsfremstilling',
      'Ressourcer',
      'Risici, muligheder og kommunikative opmærksomheder',
      'Videre proces',
      'Koordineret med',
      'Bilag',
    ]);
    const atPoints = doc.getByTestId('proposal-at-points');
    assert.equal(await atPoints.evaluate((el) => el.tagName), 'OL');
    assert.deepEqual(await atPoints.getByRole('listitem').allTextContents(), [
      'at rådmanden godkender handleplanen.',
      'at rådmanden tager orienteringen til efterretning.',
    ]);
    assert.match(await doc.getByTestId('section-recommendation').innerText(), /Det indstilles,/);
    assert.equal(await doc.getByTestId('section-introduction').locator('strong').innerText(), 'ny');
    assert.deepEqual(await doc.getByTestId('section-caseDescription').getByRole('listitem').allTextContents(), [
      'Unge uden uddannelse',
      'Virksomhedsrettede forløb',
      'Mentorer',
    ]);
    const foot = await doc.getByTestId('proposal-particulars').innerText();
    for (const line of [
      'Fagligt Sekretariat',
      '22.01.2026',
      'Sagsbehandler: Daniel Færgemand Laursen',
      'Tlf.: 41 85 91 46',
      'E-post: daniel@raadslag.invalid',
      'Sagsnummer: EMN-2025-00982',
    ])
      assert.ok(foot.includes(line), `the particulars show "${line}": ${foot}`);
    await secretary.screenshot({ path: `${shots}/proposal-view.png`, fullPage: true });

    // The agenda went out: a change is a new version with a note, shown to members as such.
    await secretary.getByRole('link', { name: 'Redigér indstilling' }).click();
    await secretary.getByText(/Indstillingen er sendt til medlemmerne\./).waitFor();
    await secretary.getByRole('textbox', { name: 'At-punkt 2', exact: true }).fill('rådmanden tager orienteringen om mentorer til efterretning.');
    await secretary.getByRole('button', { name: 'Gem som ny version' }).click();
    await secretary.getByText('Skriv, hvad der er ændret: indstillingen er sendt til medlemmerne.').waitFor();
    await secretary.getByLabel('Hvad er ændret?').fill('At-punkt 2 præciseret');
    await secretary.getByRole('button', { name: 'Gem som ny version' }).click();
    await secretary.getByTestId('changed-after-sending').getByText('Indstillingen er ændret efter udsendelse').waitFor();
    const version = secretary.getByRole('combobox', { name: 'Version', exact: true });
    const versions = await version.locator('option').allTextContents();
    assert.equal(versions.length, 2);
    assert.match(versions[0], /^Version 1 \(\d+\. \w+ \d{4}\)$/);
    assert.equal(versions[1], 'Version 2 (ændret efter udsendelse: At-punkt 2 præciseret)');
    await version.selectOption('1');
    await secretary
      .getByTestId('old-version')
      .getByText(/Du ser version 1, en tidligere version\./)
      .waitFor();
    assert.deepEqual(await secretary.getByTestId('proposal-at-points').getByRole('listitem').allTextContents(), [
      'at rådmanden godkender handleplanen.',
      'at rådmanden tager orienteringen til efterretning.',
    ]);
    assert.match(secretary.url(), new RegExp(`/indstillinger/${id}\\?version=1$`));

    // Two secretaries at once: the one saving from an older version is told so, and reloads.
    await secretary.goto(`${server.url}/indstillinger/${id}/rediger`);
    await secretary.getByRole('textbox', { name: 'Titel', exact: true }).fill(`${title} (rettet)`);
    await secretary.getByLabel('Hvad er ændret?').fill('Titlen rettet');
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: 'demo1234' } });
    const session = login.cookies.find((c) => c.name === 'raadslag_session')!;
    const headers = { cookie: `${session.name}=${session.value}` };
    const seen = (await server.app.inject({ url: `/api/proposals/${id}`, headers })).json() as { version: number };
    const meanwhile = await server.app.inject({
      method: 'PUT',
      url: `/api/proposals/${id}`,
      headers,
      payload: { version: seen.version, caseNumber: 'EMN-2025-00983' },
    });
    assert.equal(meanwhile.statusCode, 200, meanwhile.body);
    await secretary.getByRole('button', { name: 'Gem som ny version' }).click();
    await secretary.getByText('Indstillingen er ændret af en anden, siden du åbnede den.').waitFor();
    await secretary.getByRole('button', { name: 'Genindlæs indstillingen' }).click();
    await secretary.getByTestId('announcer').getByText('Den nyeste version er indlæst. Lav dine ændringer igen.').waitFor();
    assert.equal(await secretary.getByLabel('Sagsnummer').inputValue(), 'EMN-2025-00983');
    assert.equal(await secretary.getByRole('textbox', { name: 'Titel', exact: true }).inputValue(), title);

    // A visitor reads the meeting's item and sees that the proposal changed after sending.
    const visitor = await openPage(browser);
    await visitor.goto(`${server.url}/indstillinger/${id}`);
    await visitor.getByRole('heading', { level: 1, name: title }).waitFor();
    await visitor.getByRole('link', { name: /^Rådmandsmøde, / }).click();
    const item = visitor.getByTestId('item-proposal');
    await item.getByRole('link', { name: title }).waitFor();
    assert.match(await item.innerText(), /ændret efter udsendelse/);

    // The secretariat attaches slides to the proposal; the members' package then carries the proposal
    // as Bilag 1 and the slides as Bilag 2 of the item, every page stamped, and is downloaded.
    await secretary.goto(`${server.url}/indstillinger/${id}`);
    const files = secretary.locator('section.proposal-files');
    await files.getByText('Tilføj bilag').click();
    const slides = await pdf([{ text: 'Handleplan: tre spor' }, { text: 'Mentorer og virksomheder', landscape: true }]);
    await files.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'Handleplan - slides.pdf', mimeType: 'application/pdf', buffer: slides });
    await files.getByRole('button', { name: 'Upload', exact: true }).click();
    await files.getByRole('link', { name: /Handleplan - slides\.pdf/ }).waitFor();
    await secretary
      .getByTestId('proposal-status')
      .getByRole('link', { name: /^Rådmandsmøde, / })
      .click();
    const itemNumber = Number(
      (
        await secretary
          .locator('article', { has: secretary.getByTestId('item-proposal') })
          .getByRole('heading', { level: 3 })
          .first()
          .innerText()
      ).match(/^(\d+)\./)![1],
    );
    await secretary.getByRole('button', { name: 'Dan mødepakke (udgave til medlemmer)' }).click();
    const open = secretary.getByRole('link', { name: 'Åbn mødepakken (udgave til medlemmer, PDF)' });
    await open.waitFor({ timeout: 60_000 });
    const download = await secretary.request.get(`${server.url}${await open.getAttribute('href')}`);
    assert.equal(download.status(), 200);
    const { pages } = readPdf(await download.body());
    const stamped = (label: string) => pages.filter((p) => p.includes(`Punkt ${itemNumber}, Bilag ${label}`));
    assert.ok(stamped(`1: Indstilling: ${title}`).length >= 1, 'the proposal is Bilag 1');
    const slidePages = stamped('2: Handleplan - slides.pdf');
    assert.equal(slidePages.length, 2, 'both slides carry the stamp');
    assert.ok(slidePages[1].includes('Mentorer og virksomheder'));
  });
});
