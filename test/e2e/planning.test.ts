// Browser journeys for meeting plans and calendars: the secretariat approves the demo's revised
// plan, revises it and decides about meetings that already have an agenda; a member makes a
// personal calendar address that a calendar program can read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';
import { IN_THE_DEMO_YEAR } from '../helpers/app.ts';

const shots = 'test-results';
const DEMO_PLAN = 'Mødeplan 2026 for Social- og Beskæftigelsesudvalget (revideret)';

describe('meeting plan and calendar journeys', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks(
    (s, b) => {
      server = s;
      browser = b;
    },
    'sqlite',
    IN_THE_DEMO_YEAR,
  );

  const newPage = () => openPage(browser);
  const status = (page: Page) => page.getByTestId('plan-status');
  const openPlanList = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mødeplaner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mødeplaner' }).waitFor();
  };
  /** The table row of the plan's meeting on that date ("onsdag 4. februar 2026"). */
  const meetingRow = (page: Page, date: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: date, exact: true }) });

  test('the secretariat approves the revised 2026 plan, and then anyone can read it', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await openPlanList(page);
    await page.getByRole('link', { name: DEMO_PLAN }).click();
    await page.getByRole('heading', { level: 1, name: DEMO_PLAN }).waitFor();
    assert.equal(await status(page).innerText(), 'Udkast');
    assert.match(
      await page.getByTestId('plan-rule').innerText(),
      /Mandage kl\. 16\.30 – 18\.00, hver uge, 1\. februar – 31\. december 2026, Rådhuset, lokale 398/,
    );

    const moved = meetingRow(page, 'onsdag 4. februar 2026');
    assert.match(await moved.innerText(), /20\.00 – 21\.30/);
    assert.match(await moved.innerText(), /Flyttet fra mandag 2\. februar/);
    assert.equal(await meetingRow(page, 'mandag 2. februar 2026').count(), 0, 'the moved meeting is no longer on Monday');
    assert.ok(await page.getByRole('heading', { name: 'Når planen godkendes' }).isVisible());
    await page.screenshot({ path: `${shots}/plan-draft.png`, fullPage: true });

    await page.getByRole('button', { name: 'Godkend mødeplan' }).click();
    const notice = page.getByTestId('plan-notice');
    await notice.getByText(/Mødeplanen er godkendt/).waitFor();
    assert.match(await notice.innerText(), /Møder oprettet: \d+, flyttet: \d+, aflyst: \d+, overtaget af planen: \d+, beholdt som de var: 0\./);
    assert.equal(await status(page).innerText(), 'Godkendt');
    assert.ok(await meetingRow(page, 'onsdag 4. februar 2026').isVisible(), 'the meetings are still listed');
    assert.equal(await page.getByRole('button', { name: 'Godkend mødeplan' }).count(), 0);
    assert.ok(await page.getByRole('button', { name: 'Lav en revideret plan' }).isVisible());
    await page.screenshot({ path: `${shots}/plan-approved.png`, fullPage: true });

    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    await openPlanList(page);
    await page.getByRole('link', { name: DEMO_PLAN }).click();
    await page.getByRole('heading', { level: 1, name: DEMO_PLAN }).waitFor();
    assert.equal(await status(page).innerText(), 'Godkendt');
    assert.match(await meetingRow(page, 'onsdag 4. februar 2026').innerText(), /20\.00 – 21\.30/);
    assert.equal(await page.getByRole('button', { name: 'Lav en revideret plan' }).count(), 0, 'the public cannot revise');
    assert.equal(await page.getByRole('heading', { name: 'Når planen godkendes' }).count(), 0);
    const feed = page.getByRole('link', { name: 'Abonnér på kalender' });
    assert.match((await feed.getAttribute('href')) ?? '', /^\/api\/calendar\/organizations\/[^/]+\.ics$/);
    await page.close();
  });

  test('a revision that moves meetings with an agenda asks about each, and keeping them leaves them be', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await openPlanList(page);
    // The first journey approved the demo's plan; the list then holds exactly one approved plan.
    await page.locator('li', { hasText: 'Godkendt' }).getByRole('link', { name: DEMO_PLAN }).click();
    await page.getByRole('button', { name: 'Lav en revideret plan' }).click();
    await page.getByText('Planen reviderer en tidligere mødeplan.').waitFor();
    assert.equal(await status(page).innerText(), 'Udkast');

    await page.getByRole('button', { name: 'Redigér den faste mødetid' }).click();
    const ruleForm = page.getByRole('form', { name: 'Redigér den faste mødetid' });
    await ruleForm.getByLabel('Starttid').fill('17:00');
    await ruleForm.getByRole('button', { name: 'Gem', exact: true }).click();
    await page
      .getByTestId('plan-rule')
      .getByText(/kl\. 17\.00 – 18\.00/)
      .waitFor();
    const conflictsPreview = page.getByTestId('preview-conflicts');
    assert.ok(await conflictsPreview.isVisible(), 'the preview names the meetings to decide about');

    await page.getByRole('button', { name: 'Godkend mødeplan' }).click();
    await page.getByRole('heading', { name: 'Nogle møder har allerede en dagsorden' }).waitFor();
    const conflicts = page.getByTestId('conflict');
    const asked = await conflicts.count();
    assert.ok(asked >= 1, 'at least the published meeting is asked about');
    assert.match(await conflicts.first().innerText(), /Dagsorden udsendt\. Dagsordenen har \d+ punkter\./);
    assert.match(await conflicts.first().innerText(), /Planen flytter mødet til .* kl\. 17\.00 – 18\.00\./);
    await page.screenshot({ path: `${shots}/plan-conflicts.png`, fullPage: true });

    // Confirming without an answer points at the unanswered meeting instead of sending.
    await page.getByRole('button', { name: 'Godkend med disse valg' }).click();
    await conflicts.first().getByText('Vælg, hvad der skal ske med mødet.').waitFor();

    for (let i = 0; i < asked; i++) await conflicts.nth(i).getByLabel('Behold mødet som det er').check();
    await page.getByRole('button', { name: 'Godkend med disse valg' }).click();
    const notice = page.getByTestId('plan-notice');
    await notice.getByText(/Mødeplanen er godkendt/).waitFor();
    assert.match(await notice.innerText(), new RegExp(`beholdt som de var: ${asked}\\.`));
    assert.equal(await status(page).innerText(), 'Godkendt');
    await page.screenshot({ path: `${shots}/plan-revision-approved.png`, fullPage: true });

    // The kept meetings still start at 16.30; the earlier plan is superseded.
    await page.getByRole('link', { name: 'Se den tidligere plan' }).click();
    await page.getByTestId('plan-status').getByText('Erstattet').waitFor();
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Møder' }).click();
    const upcoming = page.getByRole('region', { name: 'Kommende møder' });
    await upcoming.getByRole('listitem').first().waitFor();
    const published = upcoming.getByRole('listitem').filter({ hasText: 'Dagsorden udsendt' }).first();
    assert.match(await published.innerText(), /16\.30 – 18\.00/, 'the kept meeting keeps its time');
    await page.close();
  });

  test('a member makes a personal calendar link that a calendar program can read', async () => {
    const page = await newPage();
    await logIn(page, server, 'medlem');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Min kalender' }).click();
    await page.getByRole('heading', { level: 1, name: 'Min kalender' }).waitFor();
    await page.getByRole('button', { name: 'Lav mit kalenderlink' }).click();
    const field = page.getByLabel('Dit personlige kalenderlink');
    await field.waitFor();
    assert.ok(await field.evaluate((el) => (el as HTMLInputElement).readOnly), 'the address is read-only');
    assert.ok(await page.getByText(/Adressen er hemmelig/).isVisible());
    const url = await field.inputValue();
    assert.match(url, /\/api\/calendar\/personal\/[A-Za-z0-9_-]+\.ics$/);
    await page.screenshot({ path: `${shots}/my-calendar.png`, fullPage: true });

    const feed = await page.request.get(url);
    assert.equal(feed.status(), 200);
    assert.match(feed.headers()['content-type'] ?? '', /^text\/calendar/);
    assert.match(await feed.text(), /BEGIN:VEVENT/);

    // Stopping the link makes the old address stop working.
    await page.getByRole('button', { name: 'Stop mit kalenderlink' }).click();
    await page.getByRole('button', { name: 'Ja, stop linket' }).click();
    await page.getByTestId('announcer').getByText('Dit kalenderlink er stoppet.').waitFor();
    assert.equal(await field.count(), 0);
    assert.equal((await page.request.get(url)).status(), 404);
    await page.close();
  });
});
