// The meeting package through the API: what each audience gets, stamps on every attachment page,
// bookmarks, the previous minutes on "Godkendelse af referat", caching with ETag, and the ZIP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { DateTime } from 'luxon';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDocument, PDFDict, PDFName, PDFString, PDFHexString, type PDFRef } from 'pdf-lib';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { backendKinds } from '../../test/helpers/backends.ts';
import { docx, fixture, multipart, pdf } from '../../test/helpers/files.ts';
import { needsPoppler, readPdf, unzip, zipEntryTimes } from '../../test/helpers/documents.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import { attachmentFiles } from '../attachments/storage.ts';

/** The outline's titles, depth-first, indented by level. */
async function outline(bytes: Buffer): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const out: string[] = [];
  const walk = (ref: PDFRef | undefined, depth: number) => {
    while (ref) {
      const node = doc.context.lookup(ref, PDFDict);
      const title = node.lookup(PDFName.of('Title')) as PDFString | PDFHexString;
      out.push(`${'  '.repeat(depth)}${title.decodeText()}`);
      walk(node.get(PDFName.of('First')) as PDFRef | undefined, depth + 1);
      ref = node.get(PDFName.of('Next')) as PDFRef | undefined;
    }
  };
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  walk(root?.get(PDFName.of('First')) as PDFRef | undefined, 0);
  return out;
}

/** The outline's entries, depth-first: title, depth and the page (0-based) each opens. */
async function outlinePages(bytes: Buffer): Promise<{ title: string; depth: number; page: number }[]> {
  const doc = await PDFDocument.load(bytes);
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref, i]));
  const out: { title: string; depth: number; page: number }[] = [];
  const walk = (ref: PDFRef | undefined, depth: number) => {
    while (ref) {
      const node = doc.context.lookup(ref, PDFDict);
      const title = (node.lookup(PDFName.of('Title')) as PDFString | PDFHexString).decodeText();
      const dest = node.lookup(PDFName.of('Dest'), PDFArray);
      out.push({ title, depth, page: pageIndex.get(dest.get(0) as PDFRef)! });
      walk(node.get(PDFName.of('First')) as PDFRef | undefined, depth + 1);
      ref = node.get(PDFName.of('Next')) as PDFRef | undefined;
    }
  };
  walk(doc.catalog.lookup(PDFName.of('Outlines'), PDFDict).get(PDFName.of('First')) as PDFRef, 0);
  return out;
}

for (const kind of backendKinds) {
  describe(`the meeting package (${kind})`, needsPoppler, () => {
    let t: TestApp;
    let dataDir: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-package-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const get = async (url: string, as?: string, headers: Record<string, string> = {}) => {
      const cookie = as ? await t.login(as) : undefined;
      return t.app.inject({ method: 'GET', url, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
    };

    test('27 January for the public: the proposal as Bilag 1, the slides named, the previous minutes, no closed content', async () => {
      const m = await t.meetingOn('2026-01-27');
      const started = await t.request({ method: 'POST', url: `/api/meetings/${m.id}/package?audience=public` });
      assert.equal(started.status, 200);
      assert.ok(started.json.total >= 3 && ['building', 'ready'].includes(started.json.state));
      const r = await get(`/api/meetings/${m.id}/package.pdf?audience=public`);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      const { text, pages } = readPdf(r.rawPayload);
      // Every page numbered "x / y".
      pages.forEach((p, i) => assert.match(p, new RegExp(`${i + 1}\\s*/\\s*${pages.length}\\s*$`), `page ${i + 1}`));
      assert.match(text, /Punkt 3, Bilag 1: Indstilling: Godkendelse af vision og strategiske indsatsområder for Job Aarhus/);
      assert.match(text, /INDLEDNING/);
      assert.match(text, /Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow\.pdf/);
      assert.match(text, /kun\s+oprettet\s+med\s+sit\s+navn/, 'a named attachment without a file gets a page saying so');
      assert.match(text, /Punkt 2, Bilag 1: 200126_Referat\.pdf/);
      assert.match(text, /Rådmandskredsen drøftede sagen/, 'the previous minutes are in the package');
      assert.ok(!text.includes('Ansættelse af ny chef'), 'the closed title must not leak');
      assert.ok(!text.includes('Indstilling om ansættelse'), 'the closed attachment must not leak');
      const marks = await outline(r.rawPayload);
      assert.ok(marks.includes('Dagsorden'));
      assert.ok(
        marks.some((x) => /^ {2}Punkt 3: Vision for Job Aarhus$/.test(x)),
        marks.join('\n'),
      );
      assert.ok(
        marks.some((x) => /^ {4}Bilag 1: Indstilling: Godkendelse af vision/.test(x)),
        marks.join('\n'),
      );
      // Each item's bookmark opens the agenda page where the item's own text is ("3. Vision for Job
      // Aarhus"), also items without attachments; its attachments' bookmarks open their first pages.
      const entries = await outlinePages(r.rawPayload);
      const items = entries.filter((e) => e.depth === 1);
      assert.equal(items.length, m.items.length);
      for (const entry of items) {
        const [, n, title] = entry.title.match(/^Punkt (\d+): (.*)$/)!;
        const heading = new RegExp(
          `${n}\\.\\s+${title
            .split(/\s+/)
            .slice(0, 3)
            .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('\\s+')}`,
        );
        assert.match(pages[entry.page], heading, `${entry.title} opens page ${entry.page + 1}`);
      }
      for (const [i, entry] of entries.entries()) {
        if (entry.depth !== 2) continue;
        const item = entries
          .slice(0, i)
          .findLast((e) => e.depth === 1)!
          .title.match(/^Punkt (\d+)/)![1];
        const number = entry.title.match(/^Bilag (\d+)/)![1];
        assert.match(pages[entry.page], new RegExp(`Punkt ${item},\\s+Bilag ${number}:`), `${entry.title} opens its first page`);
      }
      // Unchanged: the ETag spares the download.
      const again = await get(`/api/meetings/${m.id}/package.pdf?audience=public`, undefined, { 'if-none-match': String(r.headers.etag) });
      assert.equal(again.statusCode, 304);
    });

    test("the ZIP's files are dated by their own times: an upload by its upload, the agenda and proposal by their last change", async () => {
      // As a Danish user's unzip shows it: Copenhagen wall-clock time, in the DOS field's two-second steps.
      const wallClock = (iso: string) => {
        const at = DateTime.fromMillis(Date.parse(iso), { zone: 'Europe/Copenhagen' });
        return { dos: at.set({ second: at.second - (at.second % 2) }).toFormat('yyyy-MM-dd HH:mm:ss'), unix: Math.floor(Date.parse(iso) / 1000) };
      };
      const entry = (times: ReturnType<typeof zipEntryTimes>, prefix: string) => {
        const found = [...times].find(([name]) => name.startsWith(prefix));
        assert.ok(found, `${prefix} in ${[...times.keys()].join(', ')}`);
        return found[1];
      };
      const m = await t.meetingOn('2026-01-27');
      const z = await get(`/api/meetings/${m.id}/package.zip?audience=public`);
      assert.equal(z.statusCode, 200);
      const times = zipEntryTimes(z.rawPayload);
      const [proposal] = (await t.request({ method: 'GET', url: `/api/proposals?meetingId=${m.id}` })).json as { id: string }[];
      const proposalModified = (await t.request({ method: 'GET', url: `/api/proposals/${proposal.id}` })).json.modified as string;
      assert.deepEqual(entry(times, '00 Dagsorden.pdf'), wallClock(m.modified));
      assert.deepEqual(entry(times, 'Punkt 3, Bilag 1 - Indstilling'), wallClock(proposalModified));
      for (const [name, time] of times) assert.ok(!time.dos.startsWith('1980'), `${name}: ${time.dos}`);

      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings as { id: string; state: string }[];
      const upcoming = (await t.request({ method: 'GET', url: `/api/meetings/${list.find((x) => x.state === 'agenda_published')!.id}`, as: 'sekretariat' }))
        .json as MeetingDetail;
      const item = upcoming.items.find((i) => i.public && i.kind === 'regular')!;
      const up = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Tidsplan.pdf', data: await pdf([{ text: 'Tidsplan' }]), type: 'application/pdf' }),
        as: 'sekretariat',
      });
      assert.equal(up.status, 201, JSON.stringify(up.json));
      const uploaded = await t.db.handle.db.selectFrom('attachments').select('created').where('fileName', '=', 'Tidsplan.pdf').executeTakeFirstOrThrow();
      const withUpload = zipEntryTimes((await get(`/api/meetings/${upcoming.id}/package.zip?audience=public`)).rawPayload);
      const name = [...withUpload.keys()].find((n) => n.endsWith('Tidsplan.pdf'));
      assert.ok(name, [...withUpload.keys()].join(', '));
      assert.deepEqual(withUpload.get(name), wallClock(uploaded.created));
    });

    test('a stored file that cannot be read as PDF becomes a page saying so; the rest of the package is built', async () => {
      const m = await t.meetingOn('2026-01-27');
      const files = attachmentFiles(dataDir);
      const staged = await files.staging.fromBytes(fixture('user-password.pdf'));
      await files.blobs.put(staged);
      // As if it had been stored before uploads were checked for passwords: the slides' row points at it.
      await t.db.handle.db
        .updateTable('attachments')
        .set({ sha256: staged.sha256, pdfSha256: staged.sha256, fileName: 'Låst.pdf', conversion: 'native' })
        .where('title', '=', 'Bilag 1: Vision for Job Aarhus - slideshow.pdf')
        .execute();
      await t.db.handle.db
        .updateTable('meetings')
        .set((eb) => ({ agendaVersion: eb('agendaVersion', '+', 1) }))
        .where('id', '=', m.id)
        .execute();
      const r = await get(`/api/meetings/${m.id}/package.pdf?audience=public`);
      assert.equal(r.statusCode, 200);
      const { text } = readPdf(r.rawPayload);
      assert.match(text, /Punkt 3, Bilag 2: Låst\.pdf/);
      assert.match(text, /kan\s+ikke\s+åbnes\s+som\s+PDF/);
      assert.match(text, /INDLEDNING/, 'the rest is there');
    });

    test("the members' edition holds the closed item; only those who may see it get it", async () => {
      const m = await t.meetingOn('2026-01-27');
      const r = await get(`/api/meetings/${m.id}/package.pdf?audience=member`, 'sekretariat');
      assert.equal(r.statusCode, 200);
      const { text } = readPdf(r.rawPayload);
      assert.match(text, /Ansættelse af ny chef i Job Aarhus/);
      assert.match(text, /Punkt 4, Bilag 1: Indstilling om ansættelse/);
      assert.equal((await get(`/api/meetings/${m.id}/package.pdf?audience=member`)).statusCode, 401);
      // Someone who may read the meeting but not its closed items gets no members' edition.
      assert.equal((await get(`/api/meetings/${m.id}/package.pdf?audience=member`, 'medlem')).statusCode, 403);
    });

    test('uploaded files: every page stamped, rotated and landscape pages too; a change makes a new package', async () => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings as {
        id: string;
        state: string;
        title: string;
      }[];
      const target = list.find((x) => x.state === 'agenda_published' && x.title.startsWith('Social'))!;
      const m = (await t.request({ method: 'GET', url: `/api/meetings/${target.id}`, as: 'sekretariat' })).json as MeetingDetail;
      const item = m.items.find((i) => i.public && i.plannedMinutes > 0 && i.kind === 'regular')!;
      const first = await get(`/api/meetings/${m.id}/package.pdf?audience=public`);
      const bytes = await pdf([{ text: 'Budgetnotat side 1' }, { text: 'Tabel paa tvaers', landscape: true }, { text: 'Drejet side', rotate: 90 }]);
      const up = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Budgetnotat.pdf', data: bytes, type: 'application/pdf' }),
        as: 'sekretariat',
      });
      assert.equal(up.status, 201, JSON.stringify(up.json));
      const enc = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Tilladelser.pdf', data: fixture('owner-password.pdf') }),
        as: 'sekretariat',
      });
      assert.equal(enc.status, 201, JSON.stringify(enc.json));
      const word = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Notat.docx', data: docx(['Et notat fra forvaltningen']) }),
        as: 'sekretariat',
      });
      assert.equal(word.status, 201, JSON.stringify(word.json));
      const r = await get(`/api/meetings/${m.id}/package.pdf?audience=public`);
      assert.equal(r.statusCode, 200);
      assert.notEqual(r.headers.etag, first.headers.etag, 'a new attachment makes a new package');
      const { pages } = readPdf(r.rawPayload);
      const n = item.attachments.length + 1;
      const stamped = pages.filter((p) => p.includes(`Punkt ${item.number}, Bilag ${n}: Budgetnotat.pdf`));
      assert.equal(stamped.length, 3, 'each of the three pages carries the stamp');
      assert.ok(stamped.some((p) => p.includes('Drejet side')) && stamped.some((p) => p.includes('Tabel paa tvaers')));
      assert.ok(
        pages.some((p) => p.includes(`Punkt ${item.number}, Bilag ${n + 1}: Tilladelser.pdf`)),
        'a permission-encrypted PDF is merged',
      );
      const docxPage = pages.find((p) => p.includes(`Punkt ${item.number}, Bilag ${n + 2}: Notat.docx`));
      assert.ok(docxPage, 'the DOCX has its page');
      assert.ok(/Et notat fra forvaltningen|LibreOffice/.test(docxPage!), 'converted, or a page saying why not');
      // The ZIP: the agenda and each part as its own file.
      const z = await get(`/api/meetings/${m.id}/package.zip?audience=public`);
      assert.equal(z.statusCode, 200);
      const names = [...unzip(z.rawPayload).keys()];
      assert.ok(names.includes('00 Dagsorden.pdf'), names.join(', '));
      assert.ok(
        names.some((x) => x.startsWith(`Punkt ${item.number}, Bilag ${n} - Budgetnotat`)),
        names.join(', '),
      );
    });
  });

  describe(`agenda and proposal as documents (${kind})`, needsPoppler, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('the agenda as PDF and DOCX, as the viewer may see it', async () => {
      const m = await t.meetingOn('2026-01-27');
      const pdfR = await t.app.inject({ url: `/api/meetings/${m.id}/agenda.pdf` });
      assert.equal(pdfR.statusCode, 200);
      assert.equal(pdfR.headers['content-type'], 'application/pdf');
      const { text, info } = readPdf(pdfR.rawPayload);
      assert.match(info, /Tagged:\s+yes/);
      assert.match(text, /Vision for Job Aarhus/);
      assert.ok(!text.includes('Ansættelse af ny chef'), 'the public agenda has no closed title');
      const docx = await t.app.inject({ url: `/api/meetings/${m.id}/agenda.docx` });
      assert.equal(docx.statusCode, 200);
      assert.match(String(docx.headers['content-disposition']), /dagsorden-2026-01-27\.docx/);
      assert.ok(unzip(docx.rawPayload).has('word/document.xml'));
      assert.equal((await t.app.inject({ url: `/api/meetings/${m.id}/agenda.txt` })).statusCode, 400);
    });

    test('the agenda as PDF and DOCX has an ETag: unchanged, it is not sent again; a change, or a reader who sees more, gets it anew', async () => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings as { id: string; state: string }[];
      const m = list.find((x) => x.state === 'agenda_published')!;
      for (const format of ['pdf', 'docx']) {
        const url = `/api/meetings/${m.id}/agenda.${format}`;
        const first = await t.app.inject({ url });
        assert.equal(first.statusCode, 200);
        const etag = String(first.headers.etag);
        assert.match(etag, /^"[^"]+"$/);
        const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
        assert.equal(again.statusCode, 304, format);
        assert.equal(again.rawPayload.length, 0);
        assert.equal(again.headers.etag, etag);
        // The secretariat reads closed items too: its agenda is another document.
        const cookie = await t.login('sekretariat');
        assert.equal((await t.app.inject({ url, headers: { 'if-none-match': etag, cookie } })).statusCode, 200, `${format}: another reader`);
      }
      const before = await t.app.inject({ url: `/api/meetings/${m.id}/agenda.pdf` });
      const moved = await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}`, payload: { location: 'Rådhuset, lokale 2' }, as: 'sekretariat' });
      assert.equal(moved.status, 200, JSON.stringify(moved.json));
      const after = await t.app.inject({ url: `/api/meetings/${m.id}/agenda.pdf`, headers: { 'if-none-match': String(before.headers.etag) } });
      assert.equal(after.statusCode, 200, 'a changed agenda is sent');
      assert.notEqual(after.headers.etag, before.headers.etag);
      assert.match(readPdf(after.rawPayload).text, /Rådhuset, lokale 2/);
    });

    test("the seed's proposal as PDF, in its form; a draft is not for the public", async () => {
      const m = await t.meetingOn('2026-01-27');
      const [p] = (await t.request({ method: 'GET', url: `/api/proposals?meetingId=${m.id}` })).json as { id: string }[];
      const r = await t.app.inject({ url: `/api/proposals/${p.id}/document.pdf` });
      assert.equal(r.statusCode, 200);
      const { raw } = readPdf(r.rawPayload);
      assert.match(raw, /Indstilling til Rådmanden/);
      assert.match(raw, /27\.01\.26 - 15 minutter/);
      assert.match(raw, /Det indstilles,/);
      assert.match(raw, /Sagsbehandler/);
      const w = await t.app.inject({ url: `/api/proposals/${p.id}/document.docx` });
      assert.equal(w.statusCode, 200);
      assert.equal((await t.app.inject({ url: `/api/proposals/${p.id}/document.pdf?version=9` })).statusCode, 404);
    });
  });
}
