// The public meeting and minutes pages as server-rendered HTML (GET /meetings/:id, /meetings/:id/referat),
// on both databases: what an anonymous visitor reads without JavaScript, what they never read (a closed
// item's content, a file the public may not see, a meeting not yet published), and that a logged-in
// user still gets the app alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendKinds } from '../../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { multipart, pdf } from '../../../test/helpers/files.ts';
import type { MeetingDetail, MeetingList } from '../../meetings/schemas.ts';

const CLOSED_TITLE = 'Fortrolig sag om personalets forhold KANARIE-7731';
const CLOSED_PURPOSE = 'Den fortrolige sagsfremstilling KANARIE-7732.';
const CLOSED_PUBLIC_TITLE = 'Personalesag OFFENTLIG-7735';
const HIDDEN_FILE = 'Fortroligt-notat-KANARIE-7733.pdf';
const HIDDEN_FILE_TITLE = 'Fortroligt notat KANARIE-7734';

// The web app's source index.html stands in for a build (same root, title, description and noscript).
const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-pages-'));
fs.copyFileSync(new URL('../../../web/index.html', import.meta.url), path.join(webRoot, 'index.html'));
after(() => fs.rmSync(webRoot, { recursive: true, force: true }));

for (const kind of backendKinds) {
  describe(`public pages as HTML on ${kind}`, () => {
    let t: TestApp;
    let list: MeetingList;
    const byDate = (date: string) => list.meetings.find((m) => m.start.startsWith(date))!;
    const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

    before(async () => {
      t = await startTestApp(kind, { webRoot });
      list = (await t.request({ method: 'GET', url: '/api/meetings?when=all', as: 'sekretariat' })).json as MeetingList;
    });
    after(() => t.close());

    test('a published meeting: its head, every item title and the decisions, in a Danish page with its own title, description and canonical link', async () => {
      const meeting = byDate('2026-01-21');
      const api = (await t.request({ method: 'GET', url: `/api/meetings/${meeting.id}` })).json as MeetingDetail;
      const r = await page(`/meetings/${meeting.id}`);
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /^text\/html/);
      const html = r.body;
      assert.match(html, /<html lang="da">/);
      assert.match(html, /<title>Social- og Beskæftigelsesudvalgsmøde – Rådslag<\/title>/);
      assert.match(
        html,
        /<meta name="description" content="Social- og Beskæftigelsesudvalget, onsdag 21\. januar 2026 kl\. 16\.30 – [0-9.]+: dagsorden og beslutninger, 4 punkter\."/,
      );
      assert.match(html, new RegExp(`<link rel="canonical" href="http://localhost(:80)?/meetings/${meeting.id}"`));
      // The body's feed, announced to feed readers as the app does it: its address and the app's title.
      const feeds = html.match(/<link rel="alternate" type="application\/atom\+xml"[^>]*>/g) ?? [];
      assert.deepEqual(feeds, [
        `<link rel="alternate" type="application/atom+xml" href="/api/feeds/organizations/${api.organization.id}.atom" title="Dagsordener og referater: Social- og Beskæftigelsesudvalget" />`,
      ]);
      assert.equal((await page(`/api/feeds/organizations/${api.organization.id}.atom`)).statusCode, 200, 'the feed it names is there');
      assert.doesNotMatch(html, /kræver JavaScript/, 'the noscript notice is gone: the page reads without it');
      assert.match(html, /<h1>Social- og Beskæftigelsesudvalgsmøde<\/h1>/);
      for (const item of api.items) assert.ok(html.includes(`<h3 id="item-${item.id}-heading">${item.number}. ${item.title}</h3>`), item.title);
      assert.ok(html.includes('Beslutning:</strong> <span class="pre">Godkendt.</span>'));
      assert.ok(html.includes(`href="/meetings/${meeting.id}/referat">Læs referatet</a>`));
      // The app's own script and styles are still there to take over; nothing inline for the CSP to refuse.
      assert.match(html, /<script type="module"[^>]* src="/);
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/);
      assert.doesNotMatch(html, /\sstyle="/);
      assert.match(String(r.headers['content-security-policy']), /script-src 'self'/);
    });

    test('the minutes page: each item with its decision heading and decision', async () => {
      const meeting = byDate('2026-01-21');
      const r = await page(`/meetings/${meeting.id}/referat`);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<title>Referat: Social- og Beskæftigelsesudvalgsmøde – Rådslag<\/title>/);
      assert.ok(r.body.includes(`<link rel="alternate" type="application/atom+xml" href="/api/feeds/organizations/${meeting.organization.id}.atom"`));
      assert.match(r.body, /<h2 id="minutes-item-1">Punkt 1: Godkendelse af dagsorden/);
      assert.match(r.body, /<h3>Beslutning for Punkt 1: Godkendelse af dagsorden<\/h3><p class="pre">Godkendt\.<\/p>/);
      assert.ok(r.body.includes(`href="/api/meetings/${meeting.id}/minutes.pdf?lang=da"`));
    });

    test('the minutes page follows the record: an absence recorded after it was rendered is on the next visit, without its reason', async () => {
      const meeting = byDate('2026-02-04');
      const url = `/meetings/${meeting.id}/referat`;
      const roll = (await t.request({ method: 'GET', url: `/api/meetings/${meeting.id}/attendance`, as: 'sekretariat' })).json as {
        person: { id: string; name: string };
      }[];
      const sara = roll.find((a) => a.person.name === 'Sara Ali')!;
      // A change just before the page is rendered, so the absence lands (nearly always) in the same second: the
      // meeting's `modified`, shown to the second, cannot tell the two apart; the page must follow anyway.
      const other = roll.find((a) => a.person.id !== sara.person.id)!;
      const first = await t.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/attendance/${other.person.id}`,
        payload: { present: true },
        as: 'sekretariat',
      });
      assert.equal(first.status, 200, JSON.stringify(first.json));
      assert.ok(!(await page(url)).body.includes('Fraværende:'));
      const r = await t.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/attendance/${sara.person.id}`,
        payload: { present: false, reason: 'Syg' },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const after = (await page(url)).body;
      // Why a member was away can be health information: the public reads the absence, not the reason.
      assert.match(after, /<strong>Fraværende:<\/strong> Sara Ali<\/p>/);
      assert.ok(!after.includes('Syg'));
    });

    test('a closed item by its public title only, never its content; a file the public may not see by its number only; the page follows the change', async () => {
      const meeting = byDate('2026-12-07');
      const before = await page(`/meetings/${meeting.id}`);
      assert.equal(before.statusCode, 200);
      assert.ok(!before.body.includes(CLOSED_PUBLIC_TITLE));

      const added = await t.request({
        method: 'POST',
        url: `/api/meetings/${meeting.id}/items`,
        as: 'sekretariat',
        payload: {
          title: CLOSED_TITLE,
          purpose: CLOSED_PURPOSE,
          public: false,
          publicTitle: CLOSED_PUBLIC_TITLE,
          legalBasis: 'Forvaltningsloven § 15',
          plannedMinutes: 10,
        },
      });
      assert.equal(added.status, 201, JSON.stringify(added.json));
      const openItem = (added.json as MeetingDetail).items.find((i) => i.public && i.kind === 'regular')!;
      const up = await t.request({
        method: 'POST',
        url: `/api/items/${openItem.id}/attachments`,
        ...multipart({ name: HIDDEN_FILE, data: await pdf([{ text: 'fortroligt' }]), type: 'application/pdf' }, { title: HIDDEN_FILE_TITLE, public: 'false' }),
        as: 'sekretariat',
      });
      assert.equal(up.status, 201, JSON.stringify(up.json));

      for (const url of [`/meetings/${meeting.id}`, `/meetings/${meeting.id}/referat`]) {
        const r = await page(url);
        assert.equal(r.statusCode, 200, url);
        assert.ok(r.body.includes(CLOSED_PUBLIC_TITLE), `${url}: the closed item's public title\n${r.body.slice(-3000)}`);
        for (const secret of [CLOSED_TITLE, CLOSED_PURPOSE, 'KANARIE']) assert.ok(!r.body.includes(secret), `${url}: ${secret}`);
      }
      const agenda = (await page(`/meetings/${meeting.id}`)).body;
      assert.match(agenda, /Lukket punkt/);
      assert.match(agenda, /Bilag \d+: Bilaget er ikke offentligt/);
    });

    test('a logged-in user gets the app alone, with nothing of the meeting in it', async () => {
      const meeting = byDate('2026-12-07');
      const cookie = await t.login('sekretariat');
      const r = await page(`/meetings/${meeting.id}`, { cookie });
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<div id="root"><\/div>/);
      assert.ok(!r.body.includes('data-server-page'));
      assert.ok(!r.body.includes(CLOSED_TITLE) && !r.body.includes(meeting.title));
      assert.match(String(r.headers.vary), /cookie/);
    });

    test('a meeting not yet published, an unknown id and an overlong one: the app with status 404, nothing of the meeting', async () => {
      const planned = byDate('2026-12-14');
      for (const url of [
        `/meetings/${planned.id}`,
        `/meetings/${planned.id}/referat`,
        '/meetings/findes-ikke',
        '/meetings/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      ]) {
        const r = await page(url);
        assert.equal(r.statusCode, 404, url);
        assert.match(r.body, /<div id="root"><\/div>/, url);
        assert.ok(!r.body.includes('data-server-page'), url);
        assert.ok(!r.body.includes(planned.title) && !r.body.includes('<script>alert'), url);
      }
      // The app's own address under /meetings/ is the app, not a missing meeting; so is an id longer than any.
      for (const url of ['/meetings/new', `/meetings/${'x'.repeat(101)}`]) {
        const r = await page(url);
        assert.equal(r.statusCode, 200, url);
        assert.match(r.body, /<div id="root"><\/div>/, url);
      }
    });

    test('revalidation: the same page answers 304 to its ETag, compressed as asked; a change to the meeting is a new ETag', async () => {
      const meeting = byDate('2026-12-08');
      const first = await page(`/meetings/${meeting.id}`, { 'accept-encoding': 'br, gzip' });
      assert.equal(first.headers['content-encoding'], 'br');
      assert.equal(first.headers['cache-control'], 'no-cache');
      const etag = String(first.headers.etag);
      const again = await page(`/meetings/${meeting.id}`, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      const gz = await page(`/meetings/${meeting.id}`, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      const plain = await page(`/meetings/${meeting.id}`);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.match(plain.body, /<h1>Rådmandsmøde<\/h1>/);

      const changed = await t.request({ method: 'PATCH', url: `/api/meetings/${meeting.id}`, as: 'sekretariat', payload: { location: 'Rådhuset, lokale 42' } });
      assert.equal(changed.status, 200, JSON.stringify(changed.json));
      const after = await page(`/meetings/${meeting.id}`, { 'if-none-match': etag });
      assert.equal(after.statusCode, 200);
      assert.notEqual(after.headers.etag, etag);
      assert.match(after.body, /Mødested:<\/strong> Rådhuset, lokale 42/);
    });
  });
}
