// Attachments through the API on SQLite and PostgreSQL: uploads of every kind we take, the files
// back, order and public flag, who may do what, and every kind of bad file refused without a trace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { PDFDocument } from 'pdf-lib';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { nowMs } from '../lib/time.ts';
import { docx, fixture, multipart, pdf, png, pptx, xlsx, zip } from '../../test/helpers/files.ts';
import type { AgendaItemView, MeetingDetail } from '../meetings/schemas.ts';
import type { AttachmentList, AttachmentView } from './schemas.ts';
import { conversionOf } from './conversions.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every file under a directory, recursively (blobs and anything left in staging). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function startWithFiles(kind: (typeof backendKinds)[number], env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-attachments-'));
  const t = await startTestApp(kind, { env: { DATA_DIR: dataDir, ...env } });
  return { t, dataDir };
}

for (const kind of backendKinds) {
  describe(`attachments on ${kind}`, () => {
    let t: TestApp;
    let dataDir: string;
    before(async () => {
      ({ t, dataDir } = await startWithFiles(kind));
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** The published committee meeting ahead: item 1 is open, the personnel item is closed. */
    const meeting = async (as?: string) => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings as {
        id: string;
        state: string;
        title: string;
      }[];
      const m = list.find((x) => x.state === 'agenda_published' && x.title.startsWith('Social'))!;
      return (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as })).json as MeetingDetail;
    };
    /** The open item with the demo's two named attachments (Forklæde, Præsentation). */
    let openItemId: string;
    const openItem = async (as = 'sekretariat') => {
      const m = await meeting(as);
      openItemId ??= m.items.find((i) => i.public && i.attachments.length === 2)!.id;
      return m.items.find((i) => i.id === openItemId)!;
    };
    const closedItem = async (as = 'sekretariat') => (await meeting(as)).items.find((i) => !i.public)!;
    const itemById = async (id: string, as?: string) => (await meeting(as)).items.find((i) => i.id === id);

    /** `as: null` uploads as an anonymous visitor. */
    const upload = (
      itemId: string,
      file: { name: string; data: Uint8Array; type?: string } | null,
      fields: Record<string, string> = {},
      as: string | null = 'sekretariat',
    ) => t.request({ method: 'POST', url: `/api/items/${itemId}/attachments`, ...multipart(file, fields), as: as ?? undefined });

    const listed = async (itemId: string, id: string) =>
      ((await t.request({ method: 'GET', url: `/api/items/${itemId}/attachments`, as: 'sekretariat' })).json as AttachmentList).attachments.find(
        (a) => a.id === id,
      )!;
    const rows = async () =>
      (
        await t.db.handle.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const blobs = () => filesUnder(path.join(dataDir, 'blobs')).sort();
    const download = (url: string, as?: string, headers: Record<string, string> = {}) =>
      (as ? t.login(as) : Promise.resolve(undefined)).then((cookie) =>
        t.app.inject({ method: 'GET', url, headers: { ...headers, ...(cookie ? { cookie } : {}) } }),
      );

    test('a PDF with a rotated and a landscape page: stored by its SHA-256, numbered after the item’s two, read back byte for byte', async () => {
      const item = await openItem();
      const before = await meeting('sekretariat');
      const bytes = await pdf([{ text: 'Budgetnotat side 1' }, { text: 'Tabel på tværs', landscape: true }, { text: 'Drejet side', rotate: 90 }]);
      const r = await upload(item.id, { name: 'Årshjul – udkast.pdf', data: bytes, type: 'application/pdf' });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      const a = r.json as AttachmentView;
      assert.equal(a.number, 3);
      assert.equal(a.title, 'Årshjul – udkast.pdf', 'the title defaults to the file name');
      assert.equal(a.public, true, 'an open item’s attachment is public unless said otherwise');
      assert.deepEqual(
        { ...a.file, url: undefined, pdfUrl: undefined },
        {
          name: 'Årshjul – udkast.pdf',
          mediaType: 'application/pdf',
          byteSize: bytes.length,
          pageCount: 3,
          conversion: 'native',
          url: undefined,
          pdfUrl: undefined,
        },
      );
      assert.ok(
        blobs().some((f) => f.endsWith(`/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`)),
        'content-addressed under DATA_DIR/blobs',
      );

      const after = await meeting('sekretariat');
      assert.equal(after.agendaVersion, before.agendaVersion + 1, 'an attachment change is an agenda change');
      const shown = after.items.find((i) => i.id === item.id)!;
      assert.deepEqual(
        shown.attachments.map((x) => `Bilag ${x.number}: ${x.title}`),
        ['Bilag 1: Forklæde', 'Bilag 2: Præsentation', 'Bilag 3: Årshjul – udkast.pdf'],
      );
      const row = await t.db.handle.db.selectFrom('attachments').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
      assert.match(row.extractedText ?? '', /Budgetnotat side 1[\s\S]*Tabel på tværs/);
      assert.equal(row.pdfSha256, row.sha256, 'a PDF is its own package PDF');
      const audit = await t.db.handle.db.selectFrom('auditEntries').selectAll().where('objectId', '=', a.id).execute();
      assert.deepEqual(
        audit.map((e) => e.action),
        ['attachment.create'],
      );

      const file = await download(a.file!.url, 'medlem');
      assert.equal(file.statusCode, 200);
      assert.ok(file.rawPayload.equals(bytes));
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.headers.etag, `"${sha256(bytes)}"`);
      assert.match(String(file.headers['content-disposition']), /^attachment; filename=".*"; filename\*=UTF-8''%C3%85rshjul%20%E2%80%93%20udkast\.pdf$/);
      assert.equal((await download(a.file!.url, 'medlem', { 'if-none-match': `"${sha256(bytes)}"` })).statusCode, 304);
      const asPdf = await download(a.file!.pdfUrl!);
      assert.equal(asPdf.statusCode, 200, 'a public attachment of an open item on a published agenda is for everyone');
      assert.match(String(asPdf.headers['content-disposition']), /^inline/);
      assert.ok(asPdf.rawPayload.equals(bytes));
    });

    test('a PDF with only an owner password (permissions) is taken; one that needs a password to open is not', async () => {
      const item = await openItem();
      const ok = await upload(item.id, { name: 'Tilladelser.pdf', data: fixture('owner-password.pdf') });
      assert.equal(ok.status, 201, JSON.stringify(ok.json));
      assert.equal(ok.json.file.pageCount, 2);
      await t.request({ method: 'DELETE', url: `/api/attachments/${ok.json.id}`, as: 'sekretariat' });
    });

    test('images become a one-page PDF (wide ones in landscape); the original stays as uploaded', async () => {
      const item = await openItem();
      const wide = png(400, 100);
      const r = await upload(item.id, { name: 'Kort.png', data: wide });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.json.file.mediaType, 'image/png');
      assert.equal(r.json.file.pageCount, 1);
      const made = await download(r.json.file.pdfUrl, 'sekretariat');
      const doc = await PDFDocument.load(made.rawPayload);
      assert.equal(doc.getPageCount(), 1);
      assert.ok(doc.getPage(0).getWidth() > doc.getPage(0).getHeight(), 'landscape');
      assert.ok((await download(r.json.file.url, 'sekretariat')).rawPayload.equals(wide));
      const jpeg = await upload(item.id, { name: 'Foto.JPG', data: fixture('tiny.jpg') });
      assert.equal(jpeg.status, 201, JSON.stringify(jpeg.json));
      assert.equal(jpeg.json.file.mediaType, 'image/jpeg');
      for (const id of [r.json.id, jpeg.json.id]) await t.request({ method: 'DELETE', url: `/api/attachments/${id}`, as: 'sekretariat' });
    });

    test('Office files are converted to PDF with LibreOffice after the upload has answered; the Word text is kept for search', async () => {
      const item = await openItem();
      const files = [
        { name: 'Indstilling.docx', data: docx(['Indstilling om ungeindsatsen', 'Det indstilles, at udvalget godkender planen.']), text: /ungeindsatsen/ },
        { name: 'Vision.pptx', data: pptx(['Vision for Job Aarhus']), text: /Vision for Job Aarhus/ },
        { name: 'Budget.xlsx', data: xlsx(['Budget 2026', 'Æblegrød']), text: /Budget 2026/ },
      ];
      for (const f of files) {
        const uploaded = await upload(item.id, f);
        assert.equal(uploaded.status, 201, JSON.stringify(uploaded.json));
        assert.equal(uploaded.json.file.conversion, 'pending', `${f.name}: the upload does not wait for LibreOffice`);
        await conversionOf(uploaded.json.id);
        const r = { json: await listed(item.id, uploaded.json.id) };
        const file = r.json.file!;
        assert.equal(file.conversion, 'converted', f.name);
        assert.equal(file.pageCount, 1);
        const made = await download(file.pdfUrl!, 'sekretariat');
        assert.equal(made.headers['content-type'], 'application/pdf');
        assert.match(String(made.headers['content-disposition']), new RegExp(`filename="${f.name.replace(/\.\w+$/, '')}\\.pdf"`));
        const row = await t.db.handle.db
          .selectFrom('attachments')
          .select(['extractedText', 'pdfSha256', 'sha256'])
          .where('id', '=', r.json.id)
          .executeTakeFirstOrThrow();
        assert.match(row.extractedText ?? '', f.text);
        assert.notEqual(row.pdfSha256, row.sha256);
        await t.request({ method: 'DELETE', url: `/api/attachments/${r.json.id}`, as: 'sekretariat' });
      }
    });

    test('a file replaced while the first is being converted is converted too', async () => {
      const item = await openItem();
      const first = await upload(item.id, { name: 'Udkast.docx', data: docx(['Første udkast']) });
      assert.equal(first.status, 201, JSON.stringify(first.json));
      const second = await t.request({
        method: 'POST',
        url: `/api/attachments/${first.json.id}/file`,
        ...multipart({ name: 'Udkast.docx', data: docx(['Andet udkast']) }),
        as: 'sekretariat',
      });
      assert.equal(second.status, 200, JSON.stringify(second.json));
      await conversionOf(first.json.id);
      const row = await t.db.handle.db
        .selectFrom('attachments')
        .select(['conversion', 'extractedText'])
        .where('id', '=', first.json.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.conversion, 'converted');
      assert.match(row.extractedText ?? '', /Andet udkast/);
      await t.request({ method: 'DELETE', url: `/api/attachments/${first.json.id}`, as: 'sekretariat' });
    });

    test('reorder by the order seen: numbers follow; a stale or different list is refused', async () => {
      const item = await openItem();
      const ids = item.attachments.map((a) => a.id);
      const reversed = [...ids].reverse();
      const url = `/api/items/${item.id}/attachments/order`;
      const r = await t.request({ method: 'POST', url, payload: { seen: ids, order: reversed }, as: 'sekretariat' });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.deepEqual(
        (r.json as AttachmentList).attachments.map((a) => `${a.number}:${a.id}`),
        reversed.map((id, i) => `${i + 1}:${id}`),
      );
      assert.deepEqual(
        (await itemById(item.id))!.attachments.map((a) => a.id),
        reversed,
      );
      const stale = await t.request({ method: 'POST', url, payload: { seen: ids, order: ids }, as: 'sekretariat' });
      assert.equal(stale.status, 409);
      assert.equal(stale.json.error.code, 'stale_attachments');
      const other = await t.request({ method: 'POST', url, payload: { seen: reversed, order: [reversed[0]] }, as: 'sekretariat' });
      assert.equal(other.status, 400);
      const back = await t.request({ method: 'POST', url, payload: { seen: reversed, order: ids }, as: 'sekretariat' });
      assert.equal(back.status, 200);
      assert.equal((await t.request({ method: 'POST', url, payload: { seen: ids, order: reversed }, as: 'medlem' })).status, 403);
    });

    test('each attachment has its own public flag: a non-public one is for those who see closed items', async () => {
      const item = await openItem();
      const r = await upload(item.id, { name: 'Internt notat.pdf', data: await pdf([{ text: 'Internt' }]) }, { title: 'Internt notat', public: 'false' });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.json.public, false);
      assert.equal(r.json.title, 'Internt notat');
      const url = r.json.file.url;
      const seenBy = async (as?: string) => (await itemById(item.id, as))!.attachments.map((a) => a.title);
      assert.ok(!(await seenBy()).includes('Internt notat'));
      assert.ok(!(await seenBy('enhed')).includes('Internt notat'));
      assert.ok((await seenBy('medlem')).includes('Internt notat'));
      assert.equal((await download(url)).statusCode, 404);
      assert.equal((await download(url, 'enhed')).statusCode, 404);
      assert.equal((await download(url, 'medlem')).statusCode, 200);
      const listed = (await t.request({ method: 'GET', url: `/api/items/${item.id}/attachments` })).json as AttachmentList;
      assert.equal(listed.canEdit, false);
      assert.ok(!listed.attachments.some((a) => a.id === r.json.id));

      const flagged = await t.request({ method: 'PATCH', url: `/api/attachments/${r.json.id}`, payload: { public: true, title: 'Notat' }, as: 'sekretariat' });
      assert.equal(flagged.status, 200);
      assert.ok((await seenBy()).includes('Notat'));
      assert.equal((await download(url)).statusCode, 200);
      assert.equal((await t.request({ method: 'PATCH', url: `/api/attachments/${r.json.id}`, payload: { public: false }, as: 'medlem' })).status, 403);
      assert.equal((await t.request({ method: 'PATCH', url: `/api/attachments/${r.json.id}`, payload: {}, as: 'sekretariat' })).status, 400);
      const del = await t.request({ method: 'DELETE', url: `/api/attachments/${r.json.id}`, as: 'sekretariat' });
      assert.equal(del.status, 204);
      assert.equal((await download(url, 'sekretariat')).statusCode, 404);
      assert.ok(blobs().length > 0, 'the blob stays: other attachments may share it');
    });

    test('a closed item’s attachments: members read them; the public, a unit employee and visitors get nothing', async () => {
      const item = await closedItem();
      const r = await upload(item.id, { name: 'Personalesag.pdf', data: await pdf([{ text: 'Fortroligt' }]) });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.json.public, false, 'a closed item’s attachment is not public unless said');
      const url = r.json.file.url;
      for (const as of [undefined, 'enhed']) {
        assert.equal((await download(url, as)).statusCode, 404, String(as));
        assert.equal((await t.request({ method: 'GET', url: `/api/items/${item.id}/attachments`, as })).json.attachments.length, 0);
        assert.ok(!JSON.stringify(await meeting(as)).includes('Personalesag.pdf'));
      }
      // Even flagged public, it stays with the closed item.
      await t.request({ method: 'PATCH', url: `/api/attachments/${r.json.id}`, payload: { public: true }, as: 'sekretariat' });
      assert.equal((await download(url)).statusCode, 404);
      assert.equal((await download(url, 'medlem')).statusCode, 200);
    });

    test('only the secretariat uploads; visitors are asked to log in; an unpublished meeting’s files are not public', async () => {
      const item = await openItem();
      const file = { name: 'x.pdf', data: await pdf([{ text: 'x' }]) };
      const before = await rows();
      assert.equal((await upload(item.id, file, {}, 'medlem')).status, 403);
      assert.equal((await upload(item.id, file, {}, 'enhed')).status, 403);
      assert.equal((await upload(item.id, file, {}, null)).status, 401);
      assert.equal((await upload('no-such-item', file)).status, 404);
      assert.equal(await rows(), before);

      const planned = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings.find(
        (m: { state: string }) => m.state === 'planned',
      );
      const plannedItem = ((await t.request({ method: 'GET', url: `/api/meetings/${planned.id}`, as: 'sekretariat' })).json as MeetingDetail).items[0];
      const r = await upload(plannedItem.id, file);
      assert.equal(r.status, 201);
      assert.equal((await download(r.json.file.url)).statusCode, 404);
      assert.equal((await download(r.json.file.url, 'sekretariat')).statusCode, 200);
    });

    test('editing an item never touches its attachments; a named attachment gets its file later and keeps its number', async () => {
      const m = await meeting('sekretariat');
      const item = await openItem();
      const up = await upload(item.id, { name: 'Bilag.pdf', data: await pdf([{ text: 'bilag' }]) });
      const edited = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${item.id}`,
        payload: { title: `${item.title} (rettet)`, attachments: ['Kun et navn'] },
        as: 'sekretariat',
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.json));
      const after = (edited.json as MeetingDetail).items.find((i) => i.id === item.id)!;
      assert.deepEqual(
        after.attachments.map((a) => a.title),
        [...item.attachments.map((a) => a.title), 'Bilag.pdf'],
      );
      await t.request({ method: 'DELETE', url: `/api/attachments/${up.json.id}`, as: 'sekretariat' });

      const named = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments/placeholders`,
        payload: { title: 'Referat' },
        as: 'sekretariat',
      });
      assert.equal(named.status, 201);
      assert.equal(named.json.file, null);
      assert.equal((await download(`/api/attachments/${named.json.id}/file`, 'sekretariat')).statusCode, 404);
      const filled = await t.request({
        method: 'POST',
        url: `/api/attachments/${named.json.id}/file`,
        ...multipart({ name: '200126_Referat.pdf', data: await pdf([{ text: 'Referat' }]) }),
        as: 'sekretariat',
      });
      assert.equal(filled.status, 200, JSON.stringify(filled.json));
      assert.equal(filled.json.id, named.json.id);
      assert.equal(filled.json.number, named.json.number);
      assert.equal(filled.json.title, 'Referat');
      assert.equal(filled.json.file.name, '200126_Referat.pdf');
      await t.request({ method: 'DELETE', url: `/api/attachments/${named.json.id}`, as: 'sekretariat' });
    });

    describe('bad files are refused with a clear message and leave nothing behind', () => {
      const MB = 1024 * 1024;
      const cases: [string, () => Promise<{ name: string; data: Uint8Array } | null>, number, string, RegExp][] = [
        ['a damaged PDF', async () => ({ name: 'Referat.pdf', data: (await pdf([{ text: 'x' }])).subarray(0, 400) }), 422, 'file_corrupt', /PDF is damaged/],
        [
          'a PDF that is only a header',
          async () => ({ name: 'Referat.pdf', data: Buffer.from('%PDF-1.7\nnothing here\n%%EOF') }),
          422,
          'file_corrupt',
          /PDF is damaged/,
        ],
        [
          'a PDF that needs a password to open',
          async () => ({ name: 'Hemmelig.pdf', data: fixture('user-password.pdf') }),
          422,
          'pdf_password_required',
          /password/,
        ],
        [
          'a PDF named .docx',
          async () => ({ name: 'Indstilling.docx', data: await pdf([{ text: 'x' }]) }),
          415,
          'file_type_mismatch',
          /named “\.docx” but its content is a PDF/,
        ],
        ['a PNG named .pdf', async () => ({ name: 'Scan.pdf', data: png(2, 2) }), 415, 'file_type_mismatch', /content is a PNG image/],
        ['a Word document named .xlsx', async () => ({ name: 'Budget.xlsx', data: docx(['x']) }), 415, 'file_type_mismatch', /content is a Word document/],
        ['a text file named .pdf', async () => ({ name: 'Notat.pdf', data: Buffer.from('just some text') }), 415, 'file_type_mismatch', /not a PDF, DOCX/],
        [
          'a zip that is no Office file',
          async () => ({ name: 'Notat.docx', data: zip([{ name: 'a.txt', data: Buffer.from('x') }]) }),
          415,
          'file_type_mismatch',
          /not a PDF/,
        ],
        [
          'a DOCX zip bomb (30 MB of zeros in a few kB)',
          async () => ({ name: 'Bombe.docx', data: docx(['x'], [{ name: 'word/media/zeros.bin', data: Buffer.alloc(30 * MB) }]) }),
          422,
          'zip_bomb',
          /times its size/,
        ],
        [
          'a DOCX that declares 600 MB unpacked',
          async () => ({ name: 'Bombe.docx', data: docx(['x'], [{ name: 'word/big.xml', data: Buffer.from('x'), declaredSize: 600 * MB }]) }),
          422,
          'zip_bomb',
          /500 MB/,
        ],
        [
          'a DOCX whose part declares 2 kB but unpacks to 40 MB',
          async () => ({ name: 'Bombe.docx', data: docx(['x'], [{ name: 'word/lie.xml', data: Buffer.alloc(40 * MB), declaredSize: 2048 }]) }),
          422,
          'zip_bomb',
          /unpacks to more than the 2048 bytes it declares/,
        ],
        [
          'a damaged PNG',
          async () => ({ name: 'Kort.png', data: Buffer.concat([png(2, 2).subarray(0, 33), Buffer.from('garbage where the pixels should be')]) }),
          422,
          'file_corrupt',
          /PNG image is damaged/,
        ],
        ['an empty file', async () => ({ name: 'Tom.pdf', data: Buffer.alloc(0) }), 422, 'file_corrupt', /empty/],
        ['a program', async () => ({ name: 'setup.exe', data: Buffer.from('MZ') }), 415, 'file_type_unsupported', /not a file type we take/],
        ['a macro document', async () => ({ name: 'Indstilling.docm', data: docx(['x']) }), 415, 'file_type_unsupported', /PDF, DOCX, PPTX, XLSX, PNG or JPEG/],
        [
          'a name with a path',
          async () => ({ name: '../../etc/Referat.pdf', data: await pdf([{ text: 'x' }]) }),
          400,
          'file_name_invalid',
          /must not contain \//,
        ],
        ['a name with a backslash', async () => ({ name: 'C:\\Users\\Referat.pdf', data: await pdf([{ text: 'x' }]) }), 400, 'file_name_invalid', /\\/],
        [
          'a name with a control character',
          async () => ({ name: 'Refe\u0007rat.pdf', data: await pdf([{ text: 'x' }]) }),
          400,
          'file_name_invalid',
          /control characters/,
        ],
        ['no file at all', async () => null, 400, 'file_missing', /no file/],
      ];
      for (const [what, make, status, code, message] of cases) {
        test(what, async () => {
          const item = await openItem();
          const before = { rows: await rows(), blobs: blobs(), version: (await meeting('sekretariat')).agendaVersion };
          const r = await upload(item.id, await make());
          assert.equal(r.status, status, JSON.stringify(r.json));
          assert.equal(r.json.error.code, code);
          assert.match(r.json.error.message, message);
          assert.equal(await rows(), before.rows, 'no row');
          assert.deepEqual(blobs(), before.blobs, 'no stored blob, nothing left in staging');
          assert.equal((await meeting('sekretariat')).agendaVersion, before.version, 'the agenda did not change');
        });
      }
    });
  });

  describe(`attachments on ${kind} without LibreOffice and with a 1 MB limit`, () => {
    let t: TestApp;
    let dataDir: string;
    before(async () => {
      ({ t, dataDir } = await startWithFiles(kind, { SOFFICE_PATH: '/nonexistent/soffice', ATTACHMENT_MAX_BYTES: String(1024 * 1024) }));
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    // An item of the upcoming sent agenda (a held meeting's files are part of its record).
    const firstItem = async () => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
      const sent = list.find((m: { state: string }) => m.state === 'agenda_published');
      return ((await t.request({ method: 'GET', url: `/api/meetings/${sent.id}`, as: 'sekretariat' })).json.items as AgendaItemView[])[0];
    };

    test('an Office file is kept and listed, marked as not convertible, with no PDF', async () => {
      const item = await firstItem();
      const r = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Notat.docx', data: docx(['Notat']) }),
        as: 'sekretariat',
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      await conversionOf(r.json.id);
      const after = (await t.request({ method: 'GET', url: `/api/items/${item.id}/attachments`, as: 'sekretariat' })).json.attachments.find(
        (a: AttachmentView) => a.id === r.json.id,
      );
      assert.equal(after.file.conversion, 'unavailable');
      assert.equal(after.file.pdfUrl, null);
      assert.equal(after.file.pageCount, null);
      const cookie = await t.login('sekretariat');
      assert.equal((await t.app.inject({ url: `/api/attachments/${r.json.id}/pdf`, headers: { cookie } })).statusCode, 404);
      assert.equal((await t.app.inject({ url: r.json.file.url, headers: { cookie } })).statusCode, 200);
    });

    test('a file over the limit is 413 and leaves nothing behind', async () => {
      const item = await firstItem();
      const before = filesUnder(path.join(dataDir, 'blobs'));
      const big = await pdf([{ text: 'stor' }]);
      const data = Buffer.concat([big, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const r = await t.request({ method: 'POST', url: `/api/items/${item.id}/attachments`, ...multipart({ name: 'Stor.pdf', data }), as: 'sekretariat' });
      assert.equal(r.status, 413);
      assert.equal(r.json.error.code, 'file_too_large');
      assert.match(r.json.error.message, /larger than 1 MB/);
      assert.deepEqual(filesUnder(path.join(dataDir, 'blobs')), before);
    });
  });

  describe(`proposal attachments on ${kind}`, () => {
    let t: TestApp;
    let dataDir: string;
    before(async () => {
      ({ t, dataDir } = await startWithFiles(kind));
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('the writer attaches files to a draft; a member does not see the draft’s files; the public reads the decided proposal’s public ones', async () => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' })).json;
      const aldermanId = list.canCreateIn.find((o: { name: string }) => o.name.startsWith('Rådmand')).id;
      const day = DateTime.fromMillis(nowMs()).setZone('Europe/Copenhagen').plus({ days: 30 }).toISODate();
      const m = await t.request({
        method: 'POST',
        url: '/api/meetings',
        payload: { organizationId: aldermanId, title: 'Rådmandsmøde', start: `${day}T08:30`, end: `${day}T09:45` },
        as: 'sekretariat',
      });
      const p = await t.request({
        method: 'POST',
        url: '/api/proposals',
        payload: {
          organizationId: aldermanId,
          meetingId: m.json.id,
          title: 'Handleplan for unge',
          atPoints: ['rådmanden godkender planen.'],
          plannedMinutes: 10,
        },
        as: 'sekretariat',
      });
      assert.equal(p.status, 201, JSON.stringify(p.json));
      const url = `/api/proposals/${p.json.id}/attachments`;
      const r = await t.request({
        method: 'POST',
        url,
        ...multipart({ name: 'Handleplan.pdf', data: await pdf([{ text: 'Handleplan' }]) }),
        as: 'sekretariat',
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.json.number, 1);
      const mine = (await t.request({ method: 'GET', url, as: 'sekretariat' })).json as AttachmentList;
      assert.equal(mine.canEdit, true);
      assert.deepEqual(
        mine.attachments.map((a) => a.title),
        ['Handleplan.pdf'],
      );
      assert.equal((await t.request({ method: 'GET', url, as: 'medlem' })).status, 404, 'a draft is not the members’ yet');
      assert.equal((await t.request({ method: 'GET', url: r.json.file.url })).status, 404);
      assert.equal((await t.request({ method: 'POST', url, ...multipart({ name: 'x.pdf', data: await pdf([{ text: 'x' }]) }), as: 'medlem' })).status, 404);

      const seed = await t.meetingOn('2026-01-27');
      const proposals = (await t.request({ method: 'GET', url: `/api/proposals?meetingId=${seed.id}` })).json as { id: string }[];
      const decided = await t.request({ method: 'GET', url: `/api/proposals/${proposals[0].id}/attachments` });
      assert.equal(decided.status, 200);
      assert.equal(decided.json.canEdit, false);
    });
  });
}
