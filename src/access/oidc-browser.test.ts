// The login page's "Log ind med …" button in Chromium against a real OpenID provider (oidc-provider,
// its development login and consent pages): signed in and back at the app, or back on the login
// page saying why in Danish.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import Provider from 'oidc-provider';
import { browserSkip, launchBrowser, openPage, startLiveServer, type LiveServer } from '../../test/helpers/browser.ts';

const accounts: Record<string, { preferred_username: string; name: string; groups: string[] }> = {
  'sub-anne': { preferred_username: 'anne@aarhus.dk', name: 'Anne Skov', groups: ['grp-fas-sekretariat'] },
  'sub-ole': { preferred_username: 'ole@aarhus.dk', name: 'Ole Nielsen', groups: ['grp-kantine'] },
};

describe('the organization sign-in button, in a browser', { skip: browserSkip }, () => {
  let providerServer: http.Server;
  let server: LiveServer;
  let browser: Browser;

  before(async () => {
    providerServer = http.createServer();
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    server = await startLiveServer('sqlite', {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'raadslag',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-tests',
      OIDC_ROLE_MAP: JSON.stringify({ 'grp-fas-sekretariat': { organization: 'FAS', role: 'secretary' } }),
      OIDC_BUTTON_LABEL: 'Log ind med Microsoft',
    });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'raadslag',
          client_secret: 'a-client-secret-for-tests',
          redirect_uris: [`${server.url}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
      conformIdTokenClaims: false,
      cookies: { keys: ['a-cookie-key-for-tests'] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx, sub) {
        return accounts[sub] && { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) };
      },
    });
    providerServer.on('request', provider.callback());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    providerServer.closeAllConnections();
    await new Promise((resolve) => providerServer.close(resolve));
  });

  /** From the login page through the provider's development login and consent, as `account`. */
  async function signInAs(page: Page, account: string) {
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Log ind med Microsoft' }).click();
    await page.locator('input[name="login"]').fill(account);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    // The consent page ("Continue"), then back to the app.
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.href.startsWith(server.url));
  }

  test('signs in with the organization account and lands in the app, logged in', async () => {
    const page = await openPage(browser);
    await signInAs(page, 'sub-anne');
    await page.getByText('Logget ind som Anne Skov').waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    await page.close();
  });

  test('a refused sign-in comes back to the login page, saying why', async () => {
    const page = await openPage(browser);
    await signInAs(page, 'sub-ole');
    await page.getByRole('alert').filter({ hasText: 'Din konto har ingen rolle i Rådslag. Kontakt en administrator.' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    // The password form is still there to use.
    await page.getByLabel('Brugernavn').waitFor();
    await page.close();
  });
});
