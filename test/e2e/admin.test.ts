// Browser journey of the administration page: an administrator creates a user (by keyboard), gives
// them a membership with dates, disables them and reads the audit entries filtered; axe's WCAG 2.1
// A/AA rules on each of its pages. Only administrators see the page in the menu.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { addUser } from '../../src/access/operations.ts';
import { browserSkip, journeyHooks, type LiveServer, logIn, openPage } from '../helpers/browser.ts';
import { assertNoViolations } from '../helpers/axe.ts';

const ADMIN = { username: 'it.admin', password: 'Rådhusets-nøgle-2026', name: 'Ida Tønnesen' };

describe('administration journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  // The server's CSP (script-src 'self') rightly refuses the injected axe script.
  const newPage = () => openPage(browser, { bypassCSP: true });
  const menu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' });

  test('a secretary has no administration in the menu, and the page refuses them', async () => {
    const page = await newPage();
    await logIn(page, server, 'sekretariat');
    assert.equal(await menu(page).getByRole('link', { name: 'Administration' }).count(), 0);
    await page.goto(`${server.url}/admin`);
    await page.getByText('Du har ikke adgang til at gøre dette.').waitFor();
    await page.close();
  });

  test('an administrator creates a user, gives a membership, disables them and finds it in the audit log', async () => {
    await addUser({ db: server.db.handle.db, ...ADMIN, isAdmin: true });
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Brugernavn').fill(ADMIN.username);
    await page.getByLabel('Adgangskode').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log ind' }).last().click();
    await page.getByText(/Logget ind som/).waitFor();

    await menu(page).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
    await page.getByRole('rowheader', { name: 'Karen Holm' }).waitFor();
    await assertNoViolations(page, 'the users page');

    // A weak password is refused by the server's policy, by the field, in Danish.
    const form = page.getByRole('region', { name: 'Opret bruger' });
    await form.getByLabel(/^Navn/).fill('Lise Mogensen');
    await form.getByLabel('Brugernavn').fill('lise.m');
    await form.getByLabel('Første adgangskode').fill('password');
    await form.getByRole('button', { name: 'Opret bruger' }).click();
    await form.getByText('Ret fejlene i formularen.').waitFor();
    assert.equal(await form.getByLabel('Første adgangskode').getAttribute('aria-invalid'), 'true');
    await assertNoViolations(page, 'the create form with its error');

    // By keyboard alone: the fields in order, then the button.
    await form.getByLabel('Første adgangskode').fill('');
    await form.getByLabel('Første adgangskode').focus();
    await page.keyboard.type('Lilla-Ugle-Over-Åen');
    await page.keyboard.press('Tab'); // organization: none
    await page.keyboard.press('Tab'); // administrator: no
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Lise Mogensen' }).waitFor();
    await page.getByText('Ingen medlemskaber.').waitFor();

    // A membership from 1 January 2026, open-ended.
    const add = page.getByRole('form', { name: 'Tilføj medlemskab' });
    await add.getByLabel('Organisation').selectOption({ label: 'Social- og Beskæftigelsesudvalget' });
    await add.getByLabel('Rolle').selectOption({ label: 'Medlem' });
    await add.getByLabel('Parti eller gruppe').fill('Radikale Venstre');
    await add.getByLabel('Første dag').fill('2026-01-01');
    await add.getByRole('button', { name: 'Tilføj medlemskab' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Social- og Beskæftigelsesudvalget/ }) });
    await row.waitFor();
    assert.match(await row.innerText(), /Medlem/);
    assert.match(await row.innerText(), /1\. januar 2026 – uden slutdato/);
    await assertNoViolations(page, "the user's page with a membership");
    const userId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    // The user can log in until disabled; disabled, the login says so.
    const login = () => server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'lise.m', password: 'Lilla-Ugle-Over-Åen' } });
    assert.equal((await login()).statusCode, 200);
    await page.getByRole('button', { name: 'Deaktivér bruger' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Ja, deaktivér' }).click();
    await page.getByText(/^Deaktiveret /).waitFor();
    await page.getByRole('button', { name: 'Aktivér bruger' }).waitFor();
    assert.equal((await login()).statusCode, 403);

    // The audit log, filtered by who did it and what, shows the disabling of this user.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Revisionslog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisionslog' }).waitFor();
    await page.getByLabel('Udført af').fill(ADMIN.username);
    await page.getByLabel('Objekttype').fill('user');
    await page.getByLabel('Objekt-id').fill(userId);
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForURL(/actor=it\.admin/);
    await page.getByText(/^2 hændelser/).waitFor();
    const actions = await page.locator('table tbody tr td:nth-child(3)').allInnerTexts();
    assert.deepEqual(actions, ['user.disable', 'user.create']);
    assert.match(await page.locator('table tbody tr').first().innerText(), /Ida Tønnesen \(it\.admin\)/);
    await page.getByLabel('Handling').fill('membership.add');
    await page.getByLabel('Objekttype').fill('');
    await page.getByLabel('Objekt-id').fill('');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText(/^1 hændelse\.$/).waitFor();
    assert.match(await page.locator('table tbody tr').first().innerText(), /Radikale Venstre/);
    await assertNoViolations(page, 'the audit log, filtered');

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByLabel('Done by').waitFor();
    await page.close();
  });
});
