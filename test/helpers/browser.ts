// A real server on a free port and Debian's Chromium driven by Playwright. In CI a missing
// Chromium fails; elsewhere it skips the browser journeys with a one-line reason.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import net from 'node:net';
import { chromium, type Browser, type Page, type BrowserContextOptions } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { setClock } from '../../src/lib/time.ts';
import { buildApp } from '../../src/http/app.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo/load.ts';
import { loadDemoFiles } from '../../src/demo/files.ts';
import { attachmentFiles } from '../../src/attachments/storage.ts';
import type { MeetingList, MeetingSummary } from '../../src/meetings/schemas.ts';
import { freshDatabase, type BackendKind, type TestDatabase } from './backends.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1';
const missing = !fs.existsSync(CHROMIUM);
if (missing && required) throw new Error(`Chromium is required here but ${CHROMIUM} does not exist (apt-get install chromium)`);
if (missing) console.log(`# skipping the browser journeys: no Chromium at ${CHROMIUM}`);
export const browserSkip: string | false = missing ? `no Chromium at ${CHROMIUM}` : false;

export interface LiveServer {
  url: string;
  app: FastifyInstance;
  db: TestDatabase;
  close(): Promise<void>;
}

/** A port that was free a moment ago, so the server's PUBLIC_URL (the links it hands out) can name it. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startLiveServer(kind: BackendKind = 'sqlite', env: NodeJS.ProcessEnv = {}): Promise<LiveServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-journey-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000', PUBLIC_URL: url, DATA_DIR: dataDir, DEMO_NOW: process.env.DEMO_NOW, ...env });
  setClock(config.demoNow);
  const db = await freshDatabase(kind);
  await loadDemo(db.handle.db);
  await loadDemoFiles(db.handle.db, attachmentFiles(config.dataDir));
  // WEB_ROOT: a web build other than web/dist (e.g. one built with `vite build --outDir` while web/dist is rebuilt).
  const app = await buildApp({ config, database: db.handle, webRoot: process.env.WEB_ROOT });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks of a suite of journeys: a live server with the demo data and Chromium before it, both
 * closed after it; `set` receives them.
 */
export function journeyHooks(set: (server: LiveServer, browser: Browser) => void, kind: BackendKind = 'sqlite', env: NodeJS.ProcessEnv = {}) {
  let server: LiveServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLiveServer(kind, env);
    browser = await launchBrowser();
    fs.mkdirSync('test-results', { recursive: true });
    set(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** A page in a fresh context (its own cookies); an uncaught error in the page fails the test. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The id of the first meeting, of those the secretariat sees, that matches. */
export async function findMeeting(server: LiveServer, match: (m: MeetingSummary) => boolean): Promise<string> {
  const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === 'raadslag_session')!;
  const list = await server.app.inject({ url: '/api/meetings', headers: { cookie: `${cookie.name}=${cookie.value}` } });
  const meeting = (list.json() as MeetingList).meetings.find(match);
  if (!meeting) throw new Error('no such meeting in the demo data');
  return meeting.id;
}

/** The upcoming committee meeting whose agenda is published: the one the secretariat edits. */
export const publishedCommitteeMeeting = (m: MeetingSummary) => m.state === 'agenda_published' && m.organization.shortName === 'SBU';

/** Logs in through the login form, as a user would. */
export async function logIn(page: Page, server: LiveServer, username: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log ind' }).last().click();
  await page.getByText(/Logget ind som/).waitFor();
}
