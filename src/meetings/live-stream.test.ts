// The live stream greets every (re)connection with the server's clock, so a viewer re-reads the
// meeting and runs its live clock by the server's time — DEMO_NOW's shifted clock too — on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { openSse } from '../../test/helpers/sse.ts';

const DEMO_NOW = '2026-02-04T19:10:00Z';

for (const kind of backendKinds) {
  describe(`the live stream's greeting on ${kind}`, () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await startTestApp(kind, { env: { DEMO_NOW } });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(() => t.close());

    test('each connection, the first and a later one, opens with "hello" and the server’s now', async () => {
      const m = await t.meetingOn('2026-02-04');
      for (const attempt of ['first', 'again']) {
        const stream = openSse(`${base}/api/meetings/${m.id}/live/events`);
        const hello = await stream.waitFor((e) => e.event === 'hello');
        assert.equal(stream.events[0], hello, `${attempt}: the greeting comes first`);
        const now = Date.parse((hello.data as { now: string }).now);
        assert.ok(
          Math.abs(now - Date.parse(DEMO_NOW)) < 5 * 60_000,
          `${attempt}: ${(hello.data as { now: string }).now} is the server's shifted clock, not the real one`,
        );
        await stream.close();
      }
    });
  });
}
