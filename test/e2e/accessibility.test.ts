// Accessibility journeys: axe-core's WCAG 2.1 A/AA rules on the pages people use most, and the
// home page by keyboard alone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { IN_THE_DEMO_YEAR } from '../helpers/app.ts';
import { browserSkip, findMeeting, journeyHooks, type LiveServer, logIn, publishedCommitteeMeeting, openPage } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';

describe('accessibility', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  // The draft plan's questions on approval need meetings still ahead in the 2026 plan.
  journeyHooks(
    (s, b) => {
      server = s;
      browser = b;
    },
    'sqlite',
    IN_THE_DEMO_YEAR,
  );

  // The server's CSP (script-src 'self') rightly refuses the injected axe script.
  const newPage = () => openPage(browser, { bypassCSP: true });

  test('the home page, anonymous', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Afholdte møder' }).waitFor();
    await assertNoViolations(page, 'the home page');
    await page.close();
  });

  test('the committee meeting of 4 February 2026, anonymous', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/meetings/${await findMeeting(server, (m) => m.start.startsWith('2026-02-04'))}`);
    await page.getByTestId('agenda-item-1').waitFor();
    await assertNoViolations(page, 'the meeting of 4 February 2026');
    await page.close();
  });

  test('the login page with its errors shown', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: 'Log ind' }).last().click();
    await page.getByText('Ret fejlene i formularen.').waitFor();
    await assertNoViolations(page, 'the login page with empty fields');
    await page.getByLabel('Brugernavn').fill('sekretariat');
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).last().click();
    await page.getByText('Forkert brugernavn eller adgangskode.').waitFor();
    await assertNoViolations(page, 'the login page after a wrong password');
    await page.close();
  });

  test('the upcoming committee meeting with the secretariat’s editing controls', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/${await findMeeting(server, publishedCommitteeMeeting)}`);
    await page.getByRole('button', { name: 'Flyt punkt 1', exact: true }).waitFor();
    await assertNoViolations(page, 'the meeting page, logged in as the secretariat');
    await page.close();
  });

  test('the proposal template, the minutes page and a held meeting’s approval and package controls', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/indstillinger/skabelon`);
    await page.getByRole('button', { name: 'Gem skabelonen' }).waitFor();
    await assertNoViolations(page, 'the proposal template');
    const feb4 = await findMeeting(server, (m) => m.start.startsWith('2026-02-04'));
    await page.goto(`${server.url}/meetings/${feb4}/referat`);
    await page.getByRole('heading', { level: 2, name: /^Punkt 3:/ }).waitFor();
    await assertNoViolations(page, 'the minutes page');
    await logIn(page, server, 'medlem');
    await page.goto(`${server.url}/meetings/${feb4}`);
    await page.getByRole('region', { name: 'Godkendelse af referatet' }).waitFor();
    await page.getByRole('button', { name: /Dan mødepakke \(udgave til medlemmer\)/ }).click();
    await page
      .getByRole('link', { name: /Åbn mødepakken/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await assertNoViolations(page, 'a held meeting with digital approval and the package ready, as a member');
    await page.close();
  });

  test('the organisation page', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/organisation`);
    await page.getByRole('heading', { name: 'Forvaltningens enheder' }).waitFor();
    await assertNoViolations(page, 'the organisation page');
    await page.close();
  });

  test('the home page in English', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Past meetings' }).waitFor();
    await assertNoViolations(page, 'the home page in English');
    await page.close();
  });

  test('the meeting plans with the secretariat’s form for a new plan', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/moedeplan`);
    await page.getByRole('heading', { name: 'Ny mødeplan' }).waitFor();
    await assertNoViolations(page, 'the meeting plans, logged in as the secretariat');
    await page.getByRole('button', { name: 'Opret mødeplan' }).click();
    await page.getByText('Ret fejlene i formularen.').waitFor();
    await assertNoViolations(page, 'the new plan form with its errors shown');
    await page.close();
  });

  test('my calendar with a personal link made', async () => {
    const page = await newPage();
    await logIn(page, server, 'medlem');
    await page.goto(`${server.url}/min-kalender`);
    await page.getByRole('button', { name: 'Lav mit kalenderlink' }).click();
    await page.getByLabel('Dit personlige kalenderlink').waitFor();
    await assertNoViolations(page, 'my calendar');
    await page.close();
  });

  test('the annual wheel with a case opened, and the follow-up overview with one opened, as the secretariat', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/aarshjul`);
    await page.getByRole('link', { name: 'Udvalgets årshjul 2026' }).click();
    await page.getByRole('button', { name: /^Sag 1:/ }).click();
    await page.getByRole('heading', { name: 'Valgt sag' }).waitFor();
    await assertNoViolations(page, 'the annual wheel');
    await page.goto(`${server.url}/opfoelgning`);
    await page.getByTestId('followup-row').first().getByRole('button').click();
    await page.getByRole('heading', { name: 'Noter om fremdrift' }).waitFor();
    await assertNoViolations(page, 'the follow-up overview');
    await page.close();
  });

  test('the held meeting of 4 February 2026 with the secretariat’s attendance and vote forms', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/meetings/${await findMeeting(server, (m) => m.start.startsWith('2026-02-04'))}`);
    await page.getByRole('group', { name: 'Fremmøde: Karen Holm' }).getByLabel('Til stede').check();
    await page.getByLabel('Forlod mødet efter punkt, Karen Holm').waitFor();
    await page.getByRole('form', { name: 'Registrér afstemning' }).getByRole('group', { name: 'Stemme: Mads Lund' }).waitFor();
    await assertNoViolations(page, 'the held meeting with the attendance and vote forms');

    const form = page.getByRole('form', { name: 'Registrér afstemning' });
    await form.getByLabel('Pr. partigruppe').check();
    await form.getByLabel('Partigruppe, række 1').fill('');
    await form.getByRole('button', { name: 'Registrér afstemning' }).click();
    await form.getByText('Skriv partigruppens navn.').waitFor();
    await assertNoViolations(page, 'the vote form per party group with its errors shown');
    await page.close();
  });

  test('proposals: the seed’s proposal, anonymous; the list and the editor with its errors shown, as the case officer', async () => {
    const page = await newPage();
    const meetingId = await findMeeting(server, (m) => m.start.startsWith('2026-01-27'));
    const [seeded] = (await server.app.inject({ url: `/api/proposals?meetingId=${meetingId}` })).json() as { id: string }[];
    await page.goto(`${server.url}/indstillinger/${seeded.id}`);
    await page.getByTestId('proposal-at-points').waitFor();
    await assertNoViolations(page, 'the seed’s proposal');

    await logIn(page, server, 'enhed');
    await page.goto(`${server.url}/indstillinger`);
    await page.getByTestId('proposal-row').first().waitFor();
    await assertNoViolations(page, 'the proposals list');
    await page.getByRole('link', { name: 'Ny indstilling' }).click();
    await page.getByRole('combobox', { name: 'Til', exact: true }).selectOption({ label: 'Rådmandsmøde – Sociale Forhold og Beskæftigelse' });
    await page.getByRole('textbox', { name: 'Titel', exact: true }).fill('Tilgængelighedstjek');
    await page.getByRole('button', { name: 'Opret kladde' }).click();
    await page.getByRole('button', { name: 'Tilføj at-punkt' }).click();
    await page.getByRole('button', { name: 'Gem indstilling' }).click();
    await page.getByText('Skriv at-punktets tekst, eller fjern det.').waitFor();
    await assertNoViolations(page, 'the proposal editor with its errors shown');
    await page.close();
  });

  // Last, because it approves the demo's plan.
  test('a draft meeting plan as the secretariat: editing, errors by their fields, and the questions on approval', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.goto(`${server.url}/moedeplan`);
    await page.getByRole('link', { name: /Mødeplan 2026/ }).click();
    await page.getByRole('heading', { name: 'Når planen godkendes' }).waitFor();
    await assertNoViolations(page, 'the draft meeting plan');

    const exception = page.getByRole('form', { name: 'Tilføj undtagelse' });
    await exception.getByRole('button', { name: 'Tilføj undtagelse' }).click();
    await exception.getByText('Ret fejlene i formularen.').waitFor();
    await page.getByRole('button', { name: 'Redigér den faste mødetid' }).click();
    await page.getByRole('form', { name: 'Redigér den faste mødetid' }).waitFor();
    await assertNoViolations(page, 'the draft meeting plan with its forms open and errors shown');

    await page.getByRole('button', { name: 'Annullér' }).click();
    await page.getByRole('button', { name: 'Godkend mødeplan' }).click();
    await page.getByRole('button', { name: 'Lav en revideret plan' }).click();
    await page.getByText('Planen reviderer en tidligere mødeplan.').waitFor();
    await page.getByRole('button', { name: 'Redigér den faste mødetid' }).click();
    const rule = page.getByRole('form', { name: 'Redigér den faste mødetid' });
    await rule.getByLabel('Starttid').fill('17:00');
    await rule.getByRole('button', { name: 'Gem', exact: true }).click();
    await page
      .getByTestId('plan-rule')
      .getByText(/17\.00/)
      .waitFor();
    await page.getByRole('button', { name: 'Godkend mødeplan' }).click();
    await page.getByRole('button', { name: 'Godkend med disse valg' }).click();
    await page.getByText('Vælg, hvad der skal ske med mødet.').first().waitFor();
    await assertNoViolations(page, 'the questions about meetings with an agenda');
    await page.close();
  });

  test('by keyboard alone: the skip link comes first, and a meeting opens with Enter', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Afholdte møder' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Spring til indhold' });
    assert.ok(await skip.evaluate((el) => el === document.activeElement), 'the first Tab reaches the skip link');
    assert.ok((await skip.boundingBox())!.y >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    let title = '';
    for (let i = 0; i < 5 && !title; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const meeting = el instanceof HTMLAnchorElement && el.pathname.startsWith('/meetings/');
        return { inMain: !!el?.closest('main'), title: meeting ? (el.textContent ?? '') : '' };
      });
      assert.ok(focused.inMain, 'after the skip link, Tab stays in the page content');
      title = focused.title;
    }
    assert.ok(title, 'a few Tabs after the skip link reach a meeting');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.match(page.url(), /\/meetings\/[^/]+$/);
    await page.close();
  });
});
