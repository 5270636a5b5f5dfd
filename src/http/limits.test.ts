// Connection limits with real sockets against a listening server: headers sent slowly (slowloris)
// and a trickled body are cut within their limits, a slow but steady upload goes through, and live
// streams are capped per client and in total, a freed slot taken again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { multipart, png } from '../../test/helpers/files.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listen(t: TestApp): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.server.address() as net.AddressInfo).port;
}

/** A raw connection: what the server sent, and when it closed (ms after connecting). */
function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const opened = Date.now();
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => (received += d));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - opened)));
  return { socket, closed, received: () => received };
}

/** Writes `chunks` one every `everyMs` until the socket closes; returns how many were written. */
async function trickle(socket: net.Socket, chunks: Iterable<string | Buffer>, everyMs: number): Promise<number> {
  let n = 0;
  for (const c of chunks) {
    if (socket.destroyed) break;
    socket.write(c);
    n++;
    await sleep(everyMs);
  }
  return n;
}

/** A PNG with `extra` bytes in a private ancillary chunk (readers skip it): a large, valid image. */
function bigPng(extra: number): Buffer {
  const base = png(64, 64);
  const data = Buffer.alloc(extra, 0x5a);
  const type = Buffer.from('raDs', 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([type, data])) >>> 0);
  const iend = base.length - 12;
  return Buffer.concat([base.subarray(0, iend), len, type, data, crc, base.subarray(iend)]);
}

describe('request timeouts', () => {
  let t: TestApp;
  let port: number;
  let dataDir: string;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-limits-'));
    t = await startTestApp('sqlite', { env: { HEADERS_TIMEOUT_SECONDS: '1', BODY_TIMEOUT_SECONDS: '1', DATA_DIR: dataDir } });
    port = await listen(t);
  });
  after(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('headers sent a line at a time (slowloris) are cut within the headers timeout', async () => {
    const c = connect(port);
    c.socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n');
    const lines = Array.from({ length: 40 }, (_, i) => `x-slow-${i}: 1\r\n`);
    const written = await trickle(c.socket, lines, 250);
    const ms = await c.closed;
    // Without the limit Node waited 60 s for headers, checking every 30 s.
    assert.ok(ms < 5_000, `closed after ${ms} ms (limit 1 s, checked every second)`);
    assert.ok(written < 20, `${written} header lines taken`);
    assert.doesNotMatch(c.received(), /200 OK/);
  });

  test('a connection that sends nothing is closed as well', async () => {
    const c = connect(port);
    const ms = await Promise.race([c.closed, sleep(8_000).then(() => Infinity)]);
    c.socket.destroy();
    assert.ok(ms < 5_000, `closed after ${ms} ms`);
  });

  test('a body trickled a byte at a time is cut within the body timeout', async () => {
    const c = connect(port);
    const body = JSON.stringify({ username: 'sekretariat', password: 'x'.repeat(200) });
    c.socket.write(`POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    const written = await trickle(c.socket, body, 250);
    const ms = await c.closed;
    assert.ok(ms < 5_000, `closed after ${ms} ms (at least 16 KiB a second expected)`);
    assert.ok(written < 20, `${written} bytes taken`);
    assert.doesNotMatch(c.received(), /HTTP\/1.1 [24]\d\d/, 'no answer to a request never finished');
  });

  test('a large upload on a slow but steady link goes through', async () => {
    const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
    const p = list.find((x: { state: string; title: string }) => x.state === 'agenda_published' && x.title.startsWith('Social'));
    const detail = (await t.request({ method: 'GET', url: `/api/meetings/${p.id}`, as: 'sekretariat' })).json as MeetingDetail;
    const itemId = detail.items.find((i) => i.public)!.id;
    const cookie = await t.login('sekretariat');
    const image = bigPng(600 * 1024);
    const { payload, headers } = multipart({ name: 'Kort.png', data: image, type: 'image/png' });
    const c = connect(port);
    c.socket.write(
      `POST /api/items/${itemId}/attachments HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nContent-Type: ${headers['content-type']}\r\nContent-Length: ${payload.length}\r\nConnection: close\r\n\r\n`,
    );
    // 32 KiB every 200 ms (160 KiB/s, a slow line) for about 4 s: four times the body timeout in all.
    const chunks = [];
    for (let at = 0; at < payload.length; at += 32 * 1024) chunks.push(payload.subarray(at, at + 32 * 1024));
    const started = Date.now();
    await trickle(c.socket, chunks, 200);
    await c.closed;
    assert.ok(Date.now() - started > 3_000, 'the upload took several body timeouts');
    assert.match(c.received(), /^HTTP\/1.1 201 /, c.received().slice(0, 300));
  });
});

for (const kind of backendKinds) {
  describe(`live stream caps on ${kind}`, () => {
    let t: TestApp;
    let base: string;
    let url: string;
    before(async () => {
      // Behind a proxy on 127.0.0.1, X-Forwarded-For names each client.
      t = await startTestApp(kind, { env: { LIVE_STREAMS_PER_CLIENT: '3', LIVE_STREAMS_TOTAL: '5', TRUST_PROXY: '127.0.0.1' } });
      base = `http://127.0.0.1:${await listen(t)}`;
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
      const published = list.find((x: { state: string; title: string }) => x.state === 'agenda_published' && x.title.startsWith('Social'));
      url = `${base}/api/meetings/${published.id}/live/events`;
    });
    after(() => t.close());

    /** An anonymous live stream from `client`: its status, and how to close it. */
    const open = async (client: string) => {
      const controller = new AbortController();
      const res = await fetch(url, { headers: { accept: 'text/event-stream', 'x-forwarded-for': client }, signal: controller.signal });
      if (res.status !== 200) await res.text();
      return {
        res,
        close: async () => {
          controller.abort();
          await res.body?.cancel().catch(() => undefined);
        },
      };
    };

    test('one client gets at most its share of streams; a closed stream frees its slot', async () => {
      const a = [await open('203.0.113.1'), await open('203.0.113.1'), await open('203.0.113.1')];
      assert.deepEqual(
        a.map((s) => s.res.status),
        [200, 200, 200],
      );
      const over = await open('203.0.113.1');
      assert.equal(over.res.status, 429);
      assert.equal(over.res.headers.get('retry-after'), '30');
      const body = await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.1' } }).then((r) => r.json());
      assert.equal(body.error.code, 'rate_limited');
      assert.equal(body.error.reason, 'live.streams_per_client');
      assert.equal(body.error.params.max, 3);

      await a[0].close();
      let again = await open('203.0.113.1');
      for (let i = 0; i < 20 && again.res.status !== 200; i++) {
        await sleep(100);
        again = await open('203.0.113.1');
      }
      assert.equal(again.res.status, 200, 'the freed slot is taken again');
      await Promise.all([a[1].close(), a[2].close(), again.close()]);
    });

    test('all clients together get at most the total', async () => {
      await sleep(200);
      const streams = [];
      for (const client of ['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2', '198.51.100.2']) streams.push(await open(client));
      assert.deepEqual(
        streams.map((s) => s.res.status),
        [200, 200, 200, 200, 200],
      );
      const third = await open('198.51.100.3');
      assert.equal(third.res.status, 429);
      const body = await fetch(url, { headers: { 'x-forwarded-for': '198.51.100.3' } }).then((r) => r.json());
      assert.equal(body.error.reason, 'live.streams_total');
      await Promise.all(streams.map((s) => s.close()));
    });
  });
}
