// A live viewer whose connection drops: when it comes back it shows where the meeting is now, even
// if it never got an event before; and the live clock runs by the server's time, not the browser's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import { nowMs } from '../../src/lib/time.ts';
import { browserSkip, findMeeting, journeyHooks, logIn, openPage, publishedCommitteeMeeting, type LiveServer } from '../helpers/browser.ts';

/** The secretariat's API, as the web app calls it. */
async function secretariat(server: LiveServer) {
  const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
  const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
  return async (method: 'POST' | 'PATCH', url: string, payload: object = {}) => {
    const r = await server.app.inject({ method, url, payload, headers: { cookie: `${c.name}=${c.value}` } });
    assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
}

/** The upcoming committee meeting, moved to begin now by the server's clock, and started. */
async function startedNow(server: LiveServer): Promise<string> {
  const id = await findMeeting(server, publishedCommitteeMeeting);
  const call = await secretariat(server);
  await call('PATCH', `/api/meetings/${id}`, { start: new Date(nowMs()).toISOString(), end: new Date(nowMs() + 90 * 60_000).toISOString() });
  await call('POST', `/api/meetings/${id}/live/start`);
  return id;
}

async function watching(browser: Browser, server: LiveServer, id: string): Promise<Page> {
  const viewer = await openPage(browser);
  await viewer.goto(`${server.url}/meetings/${id}`);
  await viewer.getByTestId('live-connection').getByText('Opdateres live').waitFor();
  return viewer;
}

describe('a live viewer that reconnects', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  test('the connection drops before any event; the secretariat moves on meanwhile; back online the viewer shows the new item', async () => {
    const id = await startedNow(server);
    const viewer = await watching(browser, server, id);
    await viewer.getByTestId('live-now').getByText('Nu: punkt 1. Godkendelse af dagsorden').waitFor();

    // Hold the viewer's reconnection until the secretariat has moved the meeting on.
    let reconnecting!: () => void;
    const tried = new Promise<void>((resolve) => (reconnecting = resolve));
    let release!: () => void;
    const back = new Promise<void>((resolve) => (release = resolve));
    await viewer.route(`**/api/meetings/${id}/live/events`, async (route) => {
      reconnecting();
      await back;
      await route.continue();
    });
    server.app.server.closeAllConnections();
    await viewer.getByTestId('live-connection').getByText('Forbindelsen er afbrudt').waitFor();
    await tried;

    const secretary = await openPage(browser);
    await logIn(secretary, server, 'sekretariat');
    await secretary.goto(`${server.url}/meetings/${id}`);
    await secretary.getByRole('button', { name: 'Næste punkt' }).click();
    await secretary
      .getByTestId('live-now')
      .getByText(/Nu: punkt 2\./)
      .waitFor();
    assert.match(await viewer.getByTestId('live-now').innerText(), /Nu: punkt 1\./, 'offline, the viewer cannot know yet');

    release();
    await viewer.getByTestId('live-now').getByText('Nu: punkt 2. Referat fra udvalgets seneste møde').waitFor({ timeout: 10_000 });
    await viewer.getByTestId('live-connection').getByText('Opdateres live').waitFor();
    assert.equal(await viewer.getByTestId('agenda-item-2').getAttribute('aria-current'), 'step');
    await secretary.close();
    await viewer.close();
  });
});

describe("the live clock runs by the server's time", { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  // The server's clock is ten minutes behind the browser's.
  journeyHooks(
    (s, b) => {
      server = s;
      browser = b;
    },
    'sqlite',
    { DEMO_NOW: new Date(Date.now() - 10 * 60_000).toISOString() },
  );

  test('an item taken up 3 minutes before its plan shows "3 min. foran" and a clock from 0:00, by the server', async () => {
    const id = await startedNow(server);
    // Item 1 is planned for 3 minutes: moving on at once puts the meeting 3 minutes ahead.
    const call = await secretariat(server);
    await call('POST', `/api/meetings/${id}/live/active`, { step: 'next' });
    const viewer = await watching(browser, server, id);
    await viewer
      .getByTestId('live-now')
      .getByText(/Nu: punkt 2\./)
      .waitFor();
    // By the browser's own clock item 2 would have run 10 minutes of its 2: "5 min. bagud".
    assert.equal(await viewer.getByTestId('live-delay').innerText(), '3 min. foran');
    assert.match(await viewer.getByTestId('live-clock').innerText(), /^0:0\d af 2 min\.$/);
    await viewer.close();
  });
});
