// The demo shows real meeting packages: every named attachment of the seed's meetings has a file —
// the 4 February agenda rendered by Rådslag (also Punkt 6, Bilag 1 of 27 January, as in the seed),
// the 21 January minutes, and the demo's own papers marked as ours — so no page says a file is missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { needsPoppler, readPdf } from '../../test/helpers/documents.ts';
import { attachmentFiles } from '../attachments/storage.ts';
import { loadDemoFiles } from './files.ts';

for (const kind of backendKinds) {
  describe(`the demo's files on ${kind}`, needsPoppler, () => {
    let t: TestApp;
    let dataDir: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-demo-files-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
      // A visitor reads the 21 January agenda before its files are made (as the loader itself reads it for its minutes).
      await t.meetingOn('2026-01-21');
      await loadDemoFiles(t.db.handle.db, attachmentFiles(dataDir));
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const pkg = async (date: string, audience: 'public' | 'member', as?: string) => {
      const m = await t.meetingOn(date, as);
      const cookie = as ? await t.login(as) : undefined;
      const r = await t.app.inject({ url: `/api/meetings/${m.id}/package.pdf?audience=${audience}`, headers: cookie ? { cookie } : {} });
      assert.equal(r.statusCode, 200, r.body.slice(0, 300));
      return readPdf(r.rawPayload);
    };

    test("the members' package of 4 February: fourteen real attachments, not one page saying a file is missing", async () => {
      const { text, pages } = await pkg('2026-02-04', 'member', 'medlem');
      const flat = text.replace(/\s+/g, ' ');
      assert.ok(!/kunne ikke medtages|kun oprettet med sit navn/.test(flat), 'no attachment is missing');
      // Punkt 1 carries the agenda itself, Punkt 2 the minutes it refers to, the rest our papers.
      assert.match(flat, /Punkt 1, Bilag 1: Dagsorden til mødet i Social- og Beskæftigelsesudvalget den 4\. februar 2026\.pdf/);
      assert.match(flat, /Punkt 2, Bilag 1: Referat fra mødet den 21\. januar 2026\.pdf/);
      assert.match(flat, /Referat: Social- og Beskæftigelsesudvalgsmøde/);
      assert.match(flat, /Punkt 5, Bilag 1: Forklæde\.pdf/);
      assert.match(flat, /Forklæde: Introduktion til beskæftigelsesreformen/);
      assert.match(flat, /Punktet er det første af en række temadrøftelser om beskæftigelsesreformen/, "the item's own words from the seed");
      assert.match(flat, /Demobilag, lavet af Rådslag/, 'what is ours is marked');
      assert.match(flat, /Punkt 13, Bilag 1: Årshjul over sager til Social- og Beskæftigelsesudvalget\.pdf/);
      const stamps = flat.match(/Punkt \d+, Bilag \d+: /g) ?? [];
      assert.equal(new Set(stamps).size, 14, `each of the fourteen attachments stamped: ${[...new Set(stamps)].join(' | ')}`);
      assert.ok(pages.length > 30);
    });

    test('a visitor who read the 21 January agenda before its files were made reads them now: Punkt 2, Bilag 2 downloads, 2 pages', async () => {
      const item = (await t.meetingOn('2026-01-21')).items[1];
      const file = item.attachments.find((a) => a.title === 'Mødeplan 2026')?.file;
      assert.ok(file, `Punkt 2's Mødeplan 2026 has its file: ${JSON.stringify(item.attachments)}`);
      assert.equal(file.pageCount, 2);
    });

    test("search finds a word in the demo's files on the page it is on, as after an upload", async () => {
      // The 4 February agenda (4 pages): a word of its last page, found by a visitor with that page.
      const agenda = await t.db.handle.db
        .selectFrom('attachments')
        .select(['id', 'extractedText', 'pageCount'])
        .where('title', '=', 'Dagsorden til mødet i Social- og Beskæftigelsesudvalget den 4. februar 2026')
        .where('isPublic', '=', 1)
        .executeTakeFirstOrThrow();
      const pages = agenda.extractedText!.split('\f');
      assert.equal(pages.length, agenda.pageCount, 'a text per page');
      const last = pages.length;
      const earlier = pages.slice(0, -1).join(' ').toLowerCase();
      const word = pages[last - 1].match(/\p{L}{9,}/gu)!.find((w) => !earlier.includes(w.toLowerCase()));
      assert.ok(word, 'a word only on the last page');
      const r = await t.app.inject({ url: `/api/search?q=${encodeURIComponent(word)}` });
      const hit = r.json().hits.find((h: { attachmentId: string | null }) => h.attachmentId === agenda.id);
      assert.ok(hit, `"${word}" finds the agenda: ${r.body.slice(0, 400)}`);
      assert.equal(hit.page, last);
    });

    test('the package of 27 January holds the 4 February agenda as Punkt 6, Bilag 1, as the seed does', async () => {
      const { text } = await pkg('2026-01-27', 'public');
      const flat = text.replace(/\s+/g, ' ');
      assert.match(flat, /Punkt 6, Bilag 1: Dagsorden til mødet i Social- og Beskæftigelsesudvalget den 4\. februar 2026\.pdf/);
      const agenda = flat.slice(flat.indexOf('Punkt 6, Bilag 1'));
      assert.match(agenda, /23\. januar 2026/, "dated as the seed's");
      assert.match(agenda, /Mødedato:? 4\. februar 2026/);
      assert.match(agenda, /Introduktion til beskæftigelsesreformen[\s\S]*Godkendelse af udvalgets årshjul 2026/);
      assert.ok(!/kunne ikke medtages|kun oprettet med sit navn/.test(flat), 'the slides are real too');
    });
  });
}
