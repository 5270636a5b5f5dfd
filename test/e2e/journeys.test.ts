// Browser journeys through the real UI in Debian's Chromium: what users do most.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, journeyHooks, type LiveServer, openPage } from '../helpers/browser.ts';

const shots = 'test-results';

describe('browser journeys', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  const newPage = () => openPage(browser);
  const meetingId = async (date: string, state?: string) => {
    const r = await server.app.inject({ url: '/api/meetings', headers: { cookie: await cookieOf('sekretariat') } });
    const m = r
      .json()
      .meetings.find(
        (x: { start: string; state: string; title: string }) => x.start.startsWith(date) || (state && x.state === state && x.title.startsWith('Social')),
      );
    return m.id as string;
  };
  const cookies = new Map<string, string>();
  const cookieOf = async (username: string) => {
    if (!cookies.has(username)) {
      const r = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'demo1234' } });
      const c = r.cookies.find((x) => x.name === 'raadslag_session')!;
      cookies.set(username, `${c.name}=${c.value}`);
    }
    return cookies.get(username)!;
  };
  const logIn = async (page: Page, username: string) => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill('demo1234');
    await page.getByRole('button', { name: 'Log ind' }).last().click();
    await page.getByText(/Logget ind som/).waitFor();
  };
  const slotOf = (page: Page, n: number) => page.getByTestId(`agenda-item-${n}`).getByTestId('slot');

  test('anyone opens the committee meeting of 4 February 2026 and reads item 5 at 20.25 – 20.55', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Afholdte møder' }).waitFor();
    await page.locator('li', { hasText: '4. februar 2026' }).getByRole('link', { name: 'Social- og Beskæftigelsesudvalgsmøde' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const five = page.getByTestId('agenda-item-5');
    await assert.doesNotReject(five.getByRole('heading', { name: '5. Introduktion til beskæftigelsesreformen' }).waitFor());
    assert.match(await slotOf(page, 5).innerText(), /20\.25 – 20\.55 \(30 min\.\)/);
    assert.match(await five.innerText(), /Ansvarlig:\s*Jeanette Hoppe/);
    assert.match(await five.innerText(), /Bilag:\s*-?\s*Bilag 1: Forklæde/);
    assert.equal(await page.getByTestId('agenda-item-10').getByTestId('slot').count(), 0, 'an item of 0 minutes prints no Tid line');
    assert.match(await page.getByTestId('overrun').innerText(), /21\.50 – 20 min\. .*fra punkt 8/);
    await page.screenshot({ path: `${shots}/meeting-4-february.png`, fullPage: true });
    await page.close();
  });

  test('anonymous visitors see a closed item by its public title only', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/meetings/${await meetingId('-', 'agenda_published')}`);
    await page.getByTestId('agenda-item-4').waitFor();
    // The whole app, the server's page and the app's while it takes over (one may be hidden): nowhere.
    const text = (await page.locator('#root').textContent()) ?? '';
    assert.match(await page.getByTestId('agenda-item-4').innerText(), /4\. Personalesag[\s\S]*Lukket punkt/);
    assert.ok(!text.includes('Klagesag'), 'the closed title must not show');
    assert.ok(!text.includes('Notat om klagesagen'), 'the closed attachment must not show');
    await page.close();
  });

  test('the secretariat reorders two items with the keyboard and the slots move', async () => {
    const page = await newPage();
    await logIn(page, 'sekretariat');
    await page.goto(`${server.url}/meetings/${await meetingId('-', 'agenda_published')}`);
    const third = await page.getByTestId('agenda-item-3').getByRole('heading').innerText();
    const fourth = await page.getByTestId('agenda-item-4').getByRole('heading').innerText();
    const slot3 = await slotOf(page, 3).innerText();
    const handle = page.getByRole('button', { name: 'Flyt punkt 3', exact: true });
    await handle.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByTestId('announcer').getByText('Punkt 3 flyttet til plads 4').waitFor();
    assert.equal(await page.getByTestId('agenda-item-3').getByRole('heading').innerText(), fourth.replace(/^4\./, '3.'));
    assert.equal(await page.getByTestId('agenda-item-4').getByRole('heading').innerText(), third.replace(/^3\./, '4.'));
    // The item that moved up now starts where item 3 started; the other starts after it.
    assert.equal((await slotOf(page, 3).innerText()).slice(0, 13).slice(0, 5), slot3.slice(0, 5));
    assert.notEqual(await slotOf(page, 4).innerText(), slot3);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert.equal(focused, 'Flyt punkt 4', 'focus follows the moved item');
    await page.keyboard.press('Alt+ArrowUp');
    await page.getByTestId('announcer').getByText('Punkt 4 flyttet til plads 3').waitFor();
    assert.equal(await page.getByTestId('agenda-item-3').getByRole('heading').innerText(), third);
    await page.close();
  });

  test('the secretariat adds an item; changing minutes moves the later slots; markup in a title stays text', async () => {
    const page = await newPage();
    await logIn(page, 'sekretariat');
    await page.goto(`${server.url}/meetings/${await meetingId('-', 'agenda_published')}`);
    await page.getByTestId('agenda-item-1').waitFor();
    const count = await page.locator('article[data-testid^="agenda-item-"]').count();
    const form = page.getByRole('region', { name: 'Tilføj punkt' });
    await form.getByRole('textbox', { name: 'Titel', exact: true }).fill('<b>Fed</b> status på <script>alert(1)</script> reformen');
    await form.getByRole('spinbutton', { name: 'Minutter' }).fill('12');
    await form.getByRole('button', { name: 'Tilføj punkt' }).click();
    // It goes before "Evt.", which stays last; the sent agenda says it changed, and how.
    const added = page.getByTestId(`agenda-item-${count}`);
    await page
      .getByTestId(`agenda-item-${count + 1}`)
      .getByRole('heading', { name: `${count + 1}. Evt.` })
      .waitFor();
    assert.equal(await added.getByRole('heading').innerText(), `${count}. <b>Fed</b> status på <script>alert(1)</script> reformen`);
    assert.equal(await added.locator('b, script').count(), 0, 'no markup from a title reaches the page');
    assert.match(await slotOf(page, count).innerText(), /\(12 min\.\)/);
    assert.match(await added.innerText(), /Ændret efter udsendelse/);
    const changes = page.getByRole('region', { name: 'Ændret efter udsendelse' });
    assert.equal(await changes.getByRole('listitem').innerText(), `Punkt ${count} er tilføjet: <b>Fed</b> status på <script>alert(1)</script> reformen`);

    const before2 = await slotOf(page, 2).innerText();
    const minutes = page.getByLabel('Minutter til punkt 1', { exact: true });
    const old = Number(await minutes.inputValue());
    await minutes.fill(String(old + 10));
    await minutes.press('Enter');
    await page.waitForFunction(([sel, prev]) => document.querySelector(sel)?.textContent !== prev, [
      `[data-testid="agenda-item-2"] [data-testid="slot"]`,
      before2,
    ] as const);
    const after2 = await slotOf(page, 2).innerText();
    const toMin = (s: string) => {
      const [h, m] = s
        .match(/(\d{2})\.(\d{2})/)!
        .slice(1)
        .map(Number);
      return h * 60 + m;
    };
    assert.equal(toMin(after2) - toMin(before2), 10);
    await page.screenshot({ path: `${shots}/secretariat-editing.png`, fullPage: true });
    await page.close();
  });

  test('the organisation page leads to a committee’s meetings; the filter lives in the address', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/organisation`);
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Organisation', exact: true }).getAttribute('aria-current'), 'page');
    for (const kind of ['Byråd', 'Magistrat', 'Udvalg', 'Rådmandsmøde']) await page.getByRole('heading', { level: 3, name: kind, exact: true }).waitFor();
    const units = page.locator('h3:text-is("Forvaltningens enheder") + ul > li');
    assert.deepEqual(await units.allInnerTexts(), ['FAS – Fagligt Sekretariat', 'MØB', 'OL – Organisation og Ledelse']);

    await page.getByRole('link', { name: 'Social- og Beskæftigelsesudvalget' }).click();
    await page.getByRole('heading', { name: 'Afholdte møder' }).waitFor();
    assert.match(page.url(), /\/\?organisation=[0-9a-f-]{36}$/);
    const filter = page.getByLabel('Udvalg');
    assert.equal(await filter.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text), 'Social- og Beskæftigelsesudvalget');
    assert.deepEqual([...new Set(await page.locator('.meeting-row__org').allInnerTexts())], ['Social- og Beskæftigelsesudvalget']);

    const url = page.url();
    await filter.focus();
    await filter.selectOption({ label: 'Rådmandsmøde – Sociale Forhold og Beskæftigelse' });
    await page.waitForURL((u) => u.href !== url);
    await page.locator('.meeting-row__org', { hasText: 'Rådmandsmøde' }).first().waitFor();
    assert.ok(await filter.evaluate((el) => el === document.activeElement), 'changing the filter keeps focus on it');
    await page.reload();
    await page.locator('.meeting-row__org', { hasText: 'Rådmandsmøde' }).first().waitFor();
    assert.deepEqual([...new Set(await page.locator('.meeting-row__org').allInnerTexts())], ['Rådmandsmøde – Sociale Forhold og Beskæftigelse']);
    await page.close();
  });

  test('the interface switches to English and back', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Upcoming meetings' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.reload();
    await page.getByRole('heading', { name: 'Upcoming meetings' }).waitFor();
    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('heading', { name: 'Kommende møder' }).waitFor();
    await page.close();
  });
});
