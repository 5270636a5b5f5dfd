// Search through the API on both databases: Danish stemming, the policy in the query (canaries
// as each role), filters, snippets and paging by key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import type { SearchResult } from './schemas.ts';

const ROLES = [undefined, 'enhed', 'medlem', 'sekretariat'] as const;

for (const kind of backendKinds) {
  describe(`search on ${kind}`, () => {
    let t: TestApp;
    let dataDir: string;
    let m: MeetingDetail;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-search-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings as {
        id: string;
        state: string;
        title: string;
      }[];
      const published = list.find((x) => x.state === 'agenda_published' && x.title.startsWith('Social'))!;
      const add = (payload: object) => t.request({ method: 'POST', url: `/api/meetings/${published.id}/items`, payload, as: 'sekretariat' });
      const open = await add({ title: 'Åbenkanarie om beskæftigelse', purpose: 'Status på beskæftigelse for unge ledige' });
      assert.equal(open.status, 201, JSON.stringify(open.json));
      const closed = await add({
        title: 'Lukketkanarie personsag',
        purpose: 'Hemmeligkanarie om en medarbejder',
        public: false,
        publicTitle: 'Offentligkanarie personalesag',
        legalBasis: 'Forvaltningslovens § 15',
      });
      assert.equal(closed.status, 201, JSON.stringify(closed.json));
      m = (await t.request({ method: 'GET', url: `/api/meetings/${published.id}`, as: 'sekretariat' })).json;
      const openId = m.items.find((i) => i.title.startsWith('Åbenkanarie'))!.id;
      const upload = (name: string, text: string, fields: Record<string, string>) =>
        pdf([{ text }]).then((data) =>
          t.request({ method: 'POST', url: `/api/items/${openId}/attachments`, ...multipart({ name, data }, fields), as: 'sekretariat' }),
        );
      assert.equal((await upload('Offentlig.pdf', 'Bilagkanarie offentligt bilag om indsatsen', { title: 'Offentligt bilag' })).status, 201);
      assert.equal((await upload('Internt.pdf', 'Internkanarie fortroligt notat', { title: 'Internt notat', public: 'false' })).status, 201);
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const search = async (query: string, as?: string) => {
      const r = await t.request({ method: 'GET', url: `/api/search?${query}`, as });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json as SearchResult;
    };
    const titles = (r: SearchResult) => r.hits.map((h) => h.title.map((s) => s.text).join(''));

    test('"beskæftigelsesindsatsen" finds an item about "beskæftigelse", the word marked in the snippet', async () => {
      const r = await search(`q=${encodeURIComponent('beskæftigelsesindsatsen')}`);
      const hit = r.hits.find((h) => h.title.map((s) => s.text).join('') === 'Åbenkanarie om beskæftigelse');
      assert.ok(hit, JSON.stringify(titles(r)));
      assert.deepEqual(
        hit.title.filter((s) => s.hit).map((s) => s.text),
        ['beskæftigelse'],
      );
      assert.equal(hit.itemId, m.items.find((i) => i.title.startsWith('Åbenkanarie'))!.id);
      assert.ok(!JSON.stringify(r).includes('<mark>'));
    });

    test('the whole word outranks a part of a compound, in the title or the text; a title first at the same strength', async () => {
      // 'beskæftigelsesindsatsen' is in the text of the Job Aarhus proposal; many newer titles hold only its part 'beskæftigelse'.
      const ranked = async (as?: string) => (await search(`q=${encodeURIComponent('beskæftigelsesindsatsen')}&limit=50`, as)).hits;
      for (const as of ROLES) {
        const hits = await ranked(as);
        assert.deepEqual(
          [hits[0]?.kind, hits[0]?.title.map((s) => s.text).join('')],
          ['proposal', 'Godkendelse af vision og strategiske indsatsområder for Job Aarhus'],
          as,
        );
        // After it only parts: the titles holding one before the texts (a minutes text shows its item's title: left out).
        const inTitle = hits
          .slice(1)
          .filter((h) => h.kind !== 'minutes')
          .map((h) => h.title.some((s) => s.hit));
        assert.ok(inTitle.includes(true) && inTitle.includes(false), `${as}: ${JSON.stringify(inTitle)}`);
        assert.deepEqual(
          inTitle,
          [...inTitle].sort((a, b) => Number(b) - Number(a)),
          as,
        );
      }
      // The whole word in a title: before the proposal, which holds it in its text.
      const added = await t.request({
        method: 'POST',
        url: `/api/meetings/${m.id}/items`,
        payload: { title: 'Beskæftigelsesindsatsen i tal' },
        as: 'sekretariat',
      });
      assert.equal(added.status, 201, JSON.stringify(added.json));
      for (const as of [undefined, 'medlem'])
        assert.deepEqual(
          (await ranked(as)).slice(0, 2).map((h) => h.kind),
          ['item', 'proposal'],
        );
    });

    test('canaries: a closed item’s content and a non-public file are found only by those who may read them', async () => {
      const found = async (word: string, as?: string) => (await search(`q=${encodeURIComponent(word)}`, as)).hits.length > 0;
      const seen: Record<string, boolean[]> = {};
      for (const word of ['åbenkanarie', 'bilagkanarie', 'lukketkanarie', 'hemmeligkanarie', 'internkanarie', 'offentligkanarie']) {
        seen[word] = [];
        for (const as of ROLES) seen[word].push(await found(word, as));
      }
      // anonymous, unit employee, member, secretary
      assert.deepEqual(seen, {
        åbenkanarie: [true, true, true, true],
        bilagkanarie: [true, true, true, true],
        lukketkanarie: [false, false, true, true],
        hemmeligkanarie: [false, false, true, true],
        internkanarie: [false, false, true, true],
        // The public title is what the others see of a closed item; those who see it whole find the item itself.
        offentligkanarie: [true, true, false, false],
      });
    });

    test('filters: kind, body, period and decided narrow in the query', async () => {
      const q = `q=${encodeURIComponent('åbenkanarie bilagkanarie')}`;
      assert.deepEqual(
        (await search(q)).hits.map((h) => h.kind),
        [],
        'every word must be found',
      );
      const files = await search(`q=bilagkanarie&kind=attachment`);
      assert.deepEqual(
        files.hits.map((h) => h.kind),
        ['attachment'],
      );
      assert.equal((await search(`q=bilagkanarie&kind=item`)).hits.length, 0);
      assert.equal((await search(`q=åbenkanarie&organization=${m.organization.id}`)).hits.length, 1);
      assert.equal((await search(`q=åbenkanarie&to=2000-01-01`)).hits.length, 0);
      assert.equal((await search(`q=åbenkanarie&decided=true`)).hits.length, 0);
      assert.equal((await search(`q=åbenkanarie&decided=false`)).hits.length, 1);
    });

    test('a change to an item is found at once, in the same transaction (the index follows the audit)', async () => {
      const item = m.items.find((i) => i.title.startsWith('Åbenkanarie'))!;
      const r = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${item.id}`,
        payload: { decision: 'Godkendt med nyekanarie' },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const hits = (await search('q=nyekanarie')).hits;
      assert.deepEqual(
        hits.map((h) => h.kind),
        ['minutes'],
      );
      assert.equal((await search(`q=åbenkanarie&decided=true`)).hits.length, 1);
    });

    test('an attachment hit names the page where its words are, and the other hits none', async () => {
      const item = m.items.find((i) => i.title.startsWith('Åbenkanarie'))!;
      const pages = [1, 2, 3, 4].map((n) => ({ text: n === 3 ? 'Tredje side om sidekanarie og budgettet' : `Side ${n} om budgettet` }));
      const data = await pdf(pages);
      const r = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Fire sider.pdf', data }, { title: 'Fire sider' }),
        as: 'sekretariat',
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      const hits = (await search('q=sidekanarie')).hits;
      assert.deepEqual(
        hits.map((h) => [h.kind, h.page, h.attachmentId]),
        [['attachment', 3, r.json.id]],
      );
      assert.deepEqual(
        hits[0].snippet.filter((s) => s.hit).map((s) => s.text),
        ['sidekanarie'],
      );
      // A word on every page: the first page.
      assert.equal((await search('q=budgettet&kind=attachment')).hits.find((h) => h.attachmentId === r.json.id)?.page, 1);
      assert.equal((await search('q=åbenkanarie')).hits[0].page, null);
    });

    test('who finds a text follows a change at once: an item closed and opened again, a file made internal', async () => {
      const added = await t.request({ method: 'POST', url: `/api/meetings/${m.id}/items`, payload: { title: 'Skiftekanarie om vejene' }, as: 'sekretariat' });
      assert.equal(added.status, 201, JSON.stringify(added.json));
      const item = (added.json as MeetingDetail).items.find((i) => i.title === 'Skiftekanarie om vejene')!;
      const found = async (as?: string) => (await search('q=skiftekanarie', as)).hits.length > 0;
      assert.deepEqual([await found(), await found('medlem')], [true, true]);
      const closed = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${item.id}`,
        payload: { public: false, publicTitle: 'Lukket punkt', legalBasis: 'Forvaltningslovens § 15' },
        as: 'sekretariat',
      });
      assert.equal(closed.status, 200, JSON.stringify(closed.json));
      assert.deepEqual([await found(), await found('enhed'), await found('medlem')], [false, false, true]);
      const reopened = await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}/items/${item.id}`, payload: { public: true }, as: 'sekretariat' });
      assert.equal(reopened.status, 200, JSON.stringify(reopened.json));
      assert.equal(await found(), true);
      const file = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Notat.pdf', data: await pdf([{ text: 'Filkanarie om vejene' }]) }, { title: 'Notat' }),
        as: 'sekretariat',
      });
      assert.equal(file.status, 201, JSON.stringify(file.json));
      const fileFound = async (as?: string) => (await search('q=filkanarie', as)).hits.length > 0;
      assert.deepEqual([await fileFound(), await fileFound('medlem')], [true, true]);
      const internal = await t.request({ method: 'PATCH', url: `/api/attachments/${file.json.id}`, payload: { public: false }, as: 'sekretariat' });
      assert.equal(internal.status, 200, JSON.stringify(internal.json));
      assert.deepEqual([await fileFound(), await fileFound('medlem')], [false, true]);
    });

    test('small pages walk the same order as one big page (PostgreSQL ranks only the days that can reach a page)', async () => {
      for (const [q, as] of [
        ['udvalg', 'sekretariat'],
        ['udvalg', undefined],
        ['udvalg', 'medlem'],
        // A compound: four strengths, each with its own bound.
        ['beskæftigelsesindsatsen', undefined],
        ['beskæftigelsesindsatsen', 'sekretariat'],
      ] as const) {
        const key = (h: SearchResult['hits'][number]) =>
          `${h.kind}:${h.itemId}:${h.meetingId}:${h.attachmentId}:${h.proposalId}:${h.title.map((s) => s.text).join('')}`;
        const whole = (await search(`q=${encodeURIComponent(q)}&limit=50`, as)).hits.map(key);
        const walked: string[] = [];
        let cursor = '';
        do {
          const r = await search(`q=${encodeURIComponent(q)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, as);
          walked.push(...r.hits.map(key));
          cursor = r.next ?? '';
        } while (cursor && walked.length < 50);
        assert.ok(whole.length >= 4, `${q}: ${whole.length} hits`);
        assert.deepEqual(walked.slice(0, whole.length), whole, q);
      }
    });

    test('paging by key: pages do not overlap and end with next = null', async () => {
      const first = await search('q=udvalg&limit=2', 'sekretariat');
      assert.equal(first.hits.length, 2);
      assert.ok(first.next);
      const second = await search(`q=udvalg&limit=2&cursor=${first.next}`, 'sekretariat');
      const key = (h: SearchResult['hits'][number]) => `${h.kind}:${h.itemId}:${h.meetingId}:${h.attachmentId}:${h.proposalId}`;
      assert.ok(second.hits.every((h) => !first.hits.map(key).includes(key(h))));
      assert.equal((await t.request({ method: 'GET', url: '/api/search?q=x&cursor=nonsense' })).status, 400);
      // A query holding a mark SQLite's tokenizer splits words at is answered (a 500 on SQLite before).
      assert.equal((await t.request({ method: 'GET', url: `/api/search?q=${encodeURIComponent('budget\u19B0plan')}` })).status, 200);
      // A cursor's number beyond a database integer is refused, not passed to PostgreSQL (a 500 before).
      const huge = Buffer.from(JSON.stringify([3_000_000_000, 1])).toString('base64url');
      assert.equal((await t.request({ method: 'GET', url: `/api/search?q=udvalg&cursor=${huge}` })).status, 400);
    });
  });
}
