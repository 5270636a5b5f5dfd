// A real server on a free port and Debian's Chromium driven by Playwright. In CI a missing
// Chromium fails; elsewhere it skips the browser journeys with a one-line reason.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadDemo } from '../../src/demo/load.ts';
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

export async function startLiveServer(kind: BackendKind = 'sqlite'): Promise<LiveServer> {
  const db = await freshDatabase(kind);
  await loadDemo(db.handle.db);
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' }), database: db.handle });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
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
