// The package's page map (the reader's outline): each part starts on the page that carries its
// stamp in the PDF the same request downloads, the pages add up, and it is refused as the package is.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { backendKinds } from '../../test/helpers/backends.ts';
import { pdf as makePdf } from '../../test/helpers/files.ts';
import { attachmentFiles } from '../attachments/storage.ts';
import type { PackageMap } from './model.ts';

/** Each page's text as pdf.js reads it (what the reader's text layer shows). */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const out: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      out.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

for (const kind of backendKinds) {
  describe(`the package's page map (${kind})`, () => {
    let t: TestApp;
    let dataDir: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-map-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
      // The slides as a stored three-page PDF (the test app's demo has its attachments by name only).
      const files = attachmentFiles(dataDir);
      const staged = await files.staging.fromBytes(await makePdf([{ text: 'Vision slide one' }, { text: 'Slide two' }, { text: 'Slide three' }]));
      await files.blobs.put(staged);
      await t.db.handle.db
        .updateTable('attachments')
        .set({ sha256: staged.sha256, pdfSha256: staged.sha256, fileName: 'slides.pdf', conversion: 'native' })
        .where('title', '=', 'Bilag 1: Vision for Job Aarhus - slideshow.pdf')
        .execute();
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    for (const [audience, as] of [
      ['public', undefined],
      ['member', 'sekretariat'],
    ] as const) {
      test(`27 January (${audience}): every part starts on the page stamped with its name, and the pages add up`, async () => {
        const m = await t.meetingOn('2026-01-27', as);
        const q = `audience=${audience}&lang=da`;
        const r = await t.request({ method: 'GET', url: `/api/meetings/${m.id}/package/map?${q}`, as });
        assert.equal(r.status, 200);
        const map = r.json as PackageMap;
        const pdf = await t.app.inject({
          method: 'GET',
          url: `/api/meetings/${m.id}/package.pdf?${q}`,
          headers: as ? { cookie: await t.login(as) } : {},
        });
        const pages = await pageTexts(pdf.rawPayload);
        assert.equal(map.pageCount, pages.length);
        assert.equal(
          map.parts.reduce((n, p) => n + p.pageCount, 0),
          pages.length,
        );
        assert.deepEqual(
          map.parts.slice(0, 2).map((p) => [p.target, p.label, p.firstPage]),
          [
            ['cover', 'Forside', 1],
            ['agenda', 'Dagsorden', 2],
          ],
        );
        const items = map.parts.filter((p) => p.itemNumber !== null);
        assert.ok(items.length >= 3);
        for (const part of items) {
          const stamp = flat(`Punkt ${part.itemNumber}, ${part.label}`);
          assert.ok(flat(pages[part.firstPage - 1]).includes(stamp), `page ${part.firstPage} carries "${stamp}"`);
          assert.ok(!flat(pages[part.firstPage - 2]).includes(stamp), `page ${part.firstPage - 1} is before "${stamp}"`);
          assert.ok(flat(pages[part.firstPage + part.pageCount - 2]).includes(stamp), `the part's last page carries "${stamp}"`);
          assert.equal(part.agendaItemId, m.items.find((i) => i.number === part.itemNumber)?.id);
        }
        // The Job Aarhus proposal is a document the notes can hang on: its id and version.
        const proposal = items.find((p) => p.target === 'proposal' && /Job Aarhus/.test(p.label));
        assert.ok(proposal);
        assert.match(proposal.documentVersion ?? '', /^\d+$/);
        const slides = items.find((p) => p.target === 'attachment' && /slides\.pdf/.test(p.label));
        assert.ok(slides?.documentId);
        assert.match(slides.documentVersion ?? '', /^[0-9a-f]{64}$/);
        assert.equal(slides.pageCount, 3);
        assert.match(flat(pages[slides.firstPage - 1]), /Vision slide one/);
        assert.deepEqual(
          map.items.map((i) => i.number),
          m.items.map((i) => i.number),
        );
      });
    }

    test('the member edition is refused to whoever may not read closed items, as the package is', async () => {
      const m = await t.meetingOn('2026-01-27');
      const anon = await t.request({ method: 'GET', url: `/api/meetings/${m.id}/package/map?audience=member` });
      const pdf = await t.request({ method: 'GET', url: `/api/meetings/${m.id}/package.pdf?audience=member` });
      assert.equal(anon.status, pdf.status);
      assert.ok([401, 403].includes(anon.status));
      const enhed = await t.request({ method: 'GET', url: `/api/meetings/${m.id}/package/map?audience=member`, as: 'enhed' });
      assert.equal(enhed.status, 403);
    });
  });
}
