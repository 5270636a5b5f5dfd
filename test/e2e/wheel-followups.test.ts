// Browser journeys through the annual wheel and the follow-ups: a case from the wheel onto the next
// meeting's agenda, bulk changes and overdue follow-ups, and a unit reporting progress.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { MeetingList } from '../../src/meetings/schemas.ts';
import { browserSkip, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';
import { IN_THE_DEMO_YEAR } from '../helpers/app.ts';

const shots = 'test-results';

describe('annual wheel and follow-ups in the browser', { skip: browserSkip }, () => {
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

  /** The committee's next planned meeting: the one the wheel offers a case of its month to. */
  const nextPlannedCommitteeMeeting = async () => {
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: 'demo1234' } });
    const cookie = login.cookies.find((c) => c.name === 'raadslag_session')!;
    const list = await server.app.inject({ url: '/api/meetings?when=upcoming', headers: { cookie: `${cookie.name}=${cookie.value}` } });
    const meeting = (list.json() as MeetingList).meetings.find((m) => m.state === 'planned' && m.organization.shortName === 'SBU');
    assert.ok(meeting, 'the demo has a planned committee meeting');
    return meeting;
  };

  const rows = (page: Page) => page.getByTestId('followup-row');

  test('the secretariat adds a case to the wheel and puts it on the next meeting’s agenda with its slot', async () => {
    const meeting = await nextPlannedCommitteeMeeting();
    const month = new Intl.DateTimeFormat('da-DK', { month: 'long', timeZone: 'Europe/Copenhagen' }).format(new Date(meeting.start));
    const title = 'Orientering om temadrøftelser 2027';
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.getByRole('link', { name: 'Årshjul', exact: true }).click();
    await page.getByRole('link', { name: 'Udvalgets årshjul 2026' }).click();
    await page.getByRole('heading', { level: 1, name: 'Udvalgets årshjul 2026' }).waitFor();
    assert.equal(month, 'december', 'the demo’s next planned committee meeting is in December');

    const form = page.getByRole('form', { name: 'Tilføj sag til årshjulet' });
    await form.getByLabel('Titel').fill(title);
    await form.getByRole('combobox', { name: 'Måned' }).selectOption({ label: 'December' });
    await form.getByLabel('Type').selectOption({ label: 'Andet' });
    await form.getByLabel('Tid (minutter)').fill('10');
    await form.getByRole('button', { name: 'Tilføj sag' }).click();

    const entry = page.getByTestId('wheel-entry').filter({ hasText: title });
    await entry.waitFor();
    assert.match(await entry.innerText(), /10 min\./);
    assert.match(await entry.getByTestId('wheel-entry-state').innerText(), /Foreslås til mødet d\. \d+\. december 2026/);
    await page.screenshot({ path: `${shots}/wheel-before-place.png`, fullPage: true });

    await entry.getByRole('button', { name: 'Sæt på dagsordenen' }).click();
    const placed = entry.getByRole('link', { name: /På dagsordenen d\. \d+\. december 2026/ });
    await placed.waitFor();
    assert.equal(await entry.getByRole('button', { name: 'Sæt på dagsordenen' }).count(), 0, 'a placed case is not offered again');

    await placed.click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.match(page.url(), new RegExp(`/meetings/${meeting.id}$`));
    const item = page.locator('article.agenda-item', { hasText: title });
    await item.waitFor();
    assert.match(await item.getByTestId('slot').innerText(), /\d{2}\.\d{2} – \d{2}\.\d{2} \(10 min\.\)/);
    await page.close();
  });

  test('the OL follow-up past its due date is shown as "Overskredet"', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.getByRole('link', { name: 'Opfølgning', exact: true }).click();
    const ol = rows(page).filter({ hasText: 'OL laver en plan' });
    await ol.waitFor();
    assert.match(await ol.innerText(), /Overskredet/);
    assert.match((await ol.getAttribute('class')) ?? '', /followup-row--overdue/);
    assert.equal(await rows(page).filter({ hasText: 'Overskredet' }).count(), 1, 'only the OL follow-up is overdue');

    await page.getByLabel('Kun overskredne').check();
    await page.getByText('1 opfølgning', { exact: true }).waitFor();
    assert.match(await rows(page).first().innerText(), /OL laver en plan/);
    await page.close();
  });

  test('the secretariat filters to FAS, selects the open ones and closes them in one go', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    await page.getByRole('link', { name: 'Opfølgning', exact: true }).click();
    await rows(page).first().waitFor();
    await page.getByLabel('Ansvarlig enhed', { exact: true }).selectOption({ label: 'FAS' });
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Åben' });
    await page.waitForURL(/status=open/);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="followup-row"]')].every((r) => r.textContent?.includes('FAS')));
    const open = await rows(page).count();
    assert.ok(open >= 1, 'FAS has open follow-ups in the demo');
    const texts = await rows(page).locator('th').allInnerTexts();

    await page.getByLabel('Vælg alle').check();
    await page.getByText(`(${open} valgt)`).waitFor();
    await page.getByLabel('Ny status').selectOption({ label: 'Afsluttet' });
    await page.getByRole('button', { name: 'Skift status' }).click();
    await page
      .getByTestId('bulk-result')
      .getByText(open === 1 ? '1 opfølgning er ændret.' : `${open} opfølgninger er ændret.`)
      .waitFor();

    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Alle' });
    await page.reload();
    await rows(page).first().waitFor();
    for (const text of texts) {
      const row = rows(page).filter({ hasText: text.trim().split('\n')[0] });
      assert.equal(await row.getByTestId('followup-status').innerText(), 'Afsluttet', `${text} is shown as Afsluttet after a reload`);
    }
    await page.screenshot({ path: `${shots}/followups-after-bulk.png`, fullPage: true });
    await page.close();
  });

  test('a FAS employee sees only FAS follow-ups under "Mine" and adds a progress note with their name', async () => {
    const page = await newPage();
    await logIn(page, server, 'enhed');
    await page.getByRole('link', { name: 'Opfølgning', exact: true }).click();
    await rows(page).first().waitFor();
    await page.getByLabel('Mine').check();
    await page.waitForURL(/vis=mine/);
    await page.getByText(/\d+ opfølgninger?$/).waitFor();
    const owners = await rows(page).locator('td:nth-of-type(2)').allInnerTexts();
    assert.ok(owners.length > 0, 'the employee owns follow-ups through FAS');
    assert.deepEqual([...new Set(owners)], ['FAS']);

    await rows(page).first().getByRole('button').click();
    const details = page.getByTestId('followup-details');
    await details.getByLabel('Ny note om fremdrift').fill('Tallene er bestilt hos Jobcentret.');
    await details.getByRole('button', { name: 'Tilføj note' }).click();
    const note = details.getByTestId('followup-notes').locator('li', { hasText: 'Tallene er bestilt hos Jobcentret.' });
    await note.waitFor();
    assert.match(await note.innerText(), /Daniel Færgemand Laursen/);
    assert.match(page.url(), /[?&]id=/);
    await page.reload();
    await details.getByTestId('followup-notes').getByText('Tallene er bestilt hos Jobcentret.').waitFor();
    await page.close();
  });
});
