// npm run bench:public — the public meeting page and its minutes for a visitor on a slow phone:
// Chromium with "slow 3G" (400 kbit/s both ways, 400 ms round trip) and the CPU slowed 4×, a fresh
// context (nothing cached) each run. Timed in the page: from navigation start until the first agenda
// item's heading (the minutes: the first item's heading) is on screen, for
//   (a) the app alone (the baseline: the server's pages turned off), and
//   (b) the page rendered on the server (src/publication/pages), which the app then replaces.
// For (b) also: when the app took over, whether any frame between showed no heading (a flash), the
// layout shift (CLS) and how far the heading moved at the swap. And with JavaScript off: how many
// item headings each variant's page has at all. Needs a web build (npm run build, or WEB_ROOT).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser.ts';
import { freshDatabase, type TestDatabase } from '../test/helpers/backends.ts';
import { loadConfig } from '../src/config.ts';
import { setClock } from '../src/lib/time.ts';
import { buildApp } from '../src/http/app.ts';
import { loadDemo } from '../src/demo/load.ts';
import { loadDemoFiles } from '../src/demo/files.ts';
import { attachmentFiles } from '../src/attachments/storage.ts';
import type { MeetingList } from '../src/meetings/schemas.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const CPU_SLOWDOWN = 4;
const webRoot = process.env.WEB_ROOT ?? path.resolve(import.meta.dirname, '../web/dist');
if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
  console.error('bench:public needs the built web app: run npm run build first (or name another build in WEB_ROOT)');
  process.exit(1);
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function server(serverPages: boolean) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-bench-public-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: url, DATA_DIR: dataDir });
  setClock(config.demoNow);
  const db: TestDatabase = await freshDatabase('sqlite');
  await loadDemo(db.handle.db);
  await loadDemoFiles(db.handle.db, attachmentFiles(config.dataDir));
  const app = await buildApp({ config, database: db.handle, webRoot, serverPages });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    app,
    async close() {
      await app.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Timing {
  /** ms from navigation start until the first heading is visible. */
  first: number;
  /** ms until the app's own page is on screen (for the app alone: the same as `first`). */
  app: number;
  /** ms until the app first rendered beside the server's page (null for the app alone). */
  rendered: number | null;
  /** frames after `first` without a visible heading. */
  blankFrames: number;
  cls: number;
  /** px the heading moved between its first showing and the app's. */
  moved: number;
}

// Runs in the page from its first script: each animation frame (just before a paint) looks for the
// heading, visible, and notes when the app's own page (outside the server's) shows it.
const watcher = (selector: string) => `(() => {
  const w = { first: null, app: null, rendered: null, blankFrames: 0, cls: 0, firstTop: null, appTop: null };
  window.__bench = w;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) w.cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  const visible = () => [...document.querySelectorAll(${JSON.stringify(selector)})].find((el) => el.checkVisibility());
  const frame = () => {
    const h = visible();
    const now = performance.now();
    if (h && w.first === null) { w.first = now; w.firstTop = h.getBoundingClientRect().top; }
    // The app's first render, unseen beside the server's page: where a plain replacement would have begun.
    if (w.rendered === null && document.querySelector('#root > div[hidden] > *')) w.rendered = now;
    if (!h && w.first !== null && w.app === null) w.blankFrames++;
    if (h && w.app === null && !h.closest('[data-server-page]')) { w.app = now; w.appTop = h.getBoundingClientRect().top; }
    if (w.app === null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

async function timeOnce(browser: Browser, url: string, selector: string): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(watcher(selector));
  await page.goto(url, { waitUntil: 'commit' });
  await page
    .waitForFunction(() => (window as unknown as { __bench: { app: number | null } }).__bench?.app !== null, null, { timeout: 120_000, polling: 200 })
    .catch(async (e: Error) => {
      throw new Error(
        `${url}: the heading never showed (${JSON.stringify(await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench))}): ${e.message}`,
      );
    });
  await page.waitForTimeout(500);
  const w = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
  await context.close();
  return { first: w.first, app: w.app, rendered: w.rendered, blankFrames: w.blankFrames, cls: w.cls, moved: Math.abs(w.appTop - w.firstTop) };
}

async function headingsWithoutJs(browser: Browser, url: string, selector: string): Promise<number> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const n = await page.locator(selector).count();
  await context.close();
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;

const spa = await server(false);
const ssr = await server(true);
const browser = await launchBrowser();
try {
  // The demo's 4 February committee meeting: held, 13 items, its files listed (each server its own ids).
  const meetingOf = async (s: { app: Awaited<ReturnType<typeof server>>['app'] }) =>
    ((await s.app.inject({ url: '/api/meetings?when=all' })).json() as MeetingList).meetings.find((m) => m.start.startsWith('2026-02-04'))!.id;
  const ids = { spa: await meetingOf(spa), ssr: await meetingOf(ssr) };
  const pages = [
    { name: 'meeting page', path: (id: string) => `/meetings/${id}`, selector: 'article.agenda-item h3' },
    { name: 'minutes page', path: (id: string) => `/meetings/${id}/referat`, selector: '.minutes-page__item h2' },
  ];
  console.log(`bench:public — slow 3G (400 kbit/s, 400 ms RTT), CPU ÷${CPU_SLOWDOWN}, 390×844, cold cache, median of ${RUNS} runs`);
  for (const p of pages) {
    const html = (await ssr.app.inject({ url: p.path(ids.ssr) })).rawPayload;
    const a: Timing[] = [];
    const b: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(await timeOnce(browser, spa.url + p.path(ids.spa), p.selector));
      b.push(await timeOnce(browser, ssr.url + p.path(ids.ssr), p.selector));
    }
    const first = (ts: Timing[]) => median(ts.map((t) => t.first));
    console.log(
      `\n${p.name} (${p.path(':id')}; server HTML ${(html.length / 1024).toFixed(1)} kB, ${(zlib.brotliCompressSync(html).length / 1024).toFixed(1)} kB brotli)`,
    );
    console.log(`  (a) the app alone:        first item heading ${ms(first(a))}   [${a.map((t) => ms(t.first)).join(', ')}]`);
    console.log(`  (b) rendered on server:   first item heading ${ms(first(b))}   [${b.map((t) => ms(t.first)).join(', ')}]`);
    console.log(
      `      the app took over at  ${ms(median(b.map((t) => t.app)))}; frames without a heading between: ${Math.max(...b.map((t) => t.blankFrames))}; CLS ${Math.max(...b.map((t) => t.cls)).toFixed(3)} (app alone ${Math.max(...a.map((t) => t.cls)).toFixed(3)}); heading moved ${Math.max(...b.map((t) => t.moved)).toFixed(0)} px`,
    );
    console.log(
      `      had the app replaced the server's page at its first render, "Indlæser …" would have stood in its place for ${ms(median(b.map((t) => t.app - (t.rendered ?? t.app))))}`,
    );
    console.log(`  ratio (a)/(b): ${(first(a) / first(b)).toFixed(2)}× sooner`);
    console.log(
      `  JavaScript off: ${await headingsWithoutJs(browser, spa.url + p.path(ids.spa), p.selector)} item headings (app alone), ${await headingsWithoutJs(browser, ssr.url + p.path(ids.ssr), p.selector)} (rendered on server)`,
    );
  }
} finally {
  await browser.close();
  await spa.close();
  await ssr.close();
}
