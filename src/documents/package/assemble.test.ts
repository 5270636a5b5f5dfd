import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { renderPdf } from '../render.ts';
import { A3, A4, A4_LANDSCAPE, pdfWithPages } from '../../../test/helpers/pdf-pages.ts';
import { assemblePackage } from './assemble.ts';
import type { PackageInput } from './model.ts';
import { PackageError } from './sources.ts';

const tools = (() => {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const needsTools = { skip: tools ? false : 'needs qpdf and poppler-utils' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-package-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes?: Uint8Array) => {
  const f = path.join(dir, name);
  if (bytes) fs.writeFileSync(f, bytes);
  return f;
};
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

/**
 * The words pdftotext finds on a page, in points from the top left corner the reader sees, sorted
 * into the top strip (the stamp), the bottom strip (the number) and the original page between them.
 */
function words(pdf: string, page: number) {
  const html = run('pdftotext', ['-bbox', '-cropbox', '-f', String(page), '-l', String(page), pdf, '-']);
  const rotated = / rot:\s+(90|270)/.test(run('pdfinfo', ['-f', String(page), '-l', String(page), pdf]));
  const size = html.match(/<page width="([\d.]+)" height="([\d.]+)"/)!;
  const [width, height] = rotated ? [+size[2], +size[1]] : [+size[1], +size[2]];
  const all = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    y0: +m[2],
    y1: +m[4],
    text: m[5].replace(/&amp;/g, '&'),
  }));
  // The strips grow with pages larger than A4 (model.ts: pageMarks); 20 pt on A4.
  const strip = 20 * Math.max(1, Math.min(width, height - 40) / 595.28);
  const text = (ws: typeof all) => ws.map((w) => w.text).join(' ');
  return {
    width,
    height,
    top: text(all.filter((w) => w.y1 <= strip)),
    bottom: text(all.filter((w) => w.y0 >= height - strip)),
    middle: all.filter((w) => w.y0 > strip - 1 && w.y1 < height - strip + 1),
    between: all.every((w) => w.y1 <= strip || w.y0 >= height - strip || (w.y0 >= strip && w.y1 <= height - strip)),
  };
}

/** The grey levels of a page as a viewer shows it (the CropBox) at 72 dpi, one pixel a point, from the top left. */
function render(pdf: string, page: number) {
  const base = file(`page-${page}`);
  run('pdftoppm', ['-r', '72', '-gray', '-cropbox', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  const pgm = fs.readFileSync(`${base}.pgm`);
  const header = pgm.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)!;
  const width = +header[1];
  return { width, height: +header[2], at: (x: number, y: number) => pgm[header[0].length + y * width + x] };
}

function outline(doc: PDFDocument) {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref, i]));
  const title = (d: PDFDict) => (d.lookup(PDFName.of('Title')) as PDFHexString | PDFString).decodeText();
  const read = (first: PDFRef | undefined): { title: string; page: number; children: unknown[] }[] => {
    const out = [];
    for (let ref = first; ref;) {
      const d = doc.context.lookup(ref, PDFDict);
      const dest = d.lookup(PDFName.of('Dest'), PDFArray);
      out.push({ title: title(d), page: pageIndex.get(dest.get(0) as PDFRef)!, children: read(d.get(PDFName.of('First')) as PDFRef | undefined) });
      ref = d.get(PDFName.of('Next')) as PDFRef | undefined;
    }
    return out;
  };
  const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  return read(root.get(PDFName.of('First')) as PDFRef);
}

const agenda = () =>
  renderPdf('annual-wheel', {
    municipality: 'Aarhus Kommune',
    title: 'Dagsorden',
    organization: 'Rådmandsmøde',
    year: 2026,
    status: 'approved',
    approved: '27. januar 2026',
    entries: [],
  });

async function fixtures() {
  const cover = await pdfWithPages([{ size: A4, label: 'FORSIDE Rådmandsmøde' }]);
  const proposal = await pdfWithPages([
    { size: A4, label: 'INDSTILLING side 1 portrait' },
    { size: A4_LANDSCAPE, label: 'INDSTILLING side 2 landscape' },
    { size: A3, label: 'INDSTILLING side 3 A3' },
  ]);
  const slides = await pdfWithPages([
    { size: A4, label: 'SLIDES rotate 90', rotate: 90 },
    { size: A4, label: 'SLIDES rotate 180', rotate: 180 },
    { size: A4_LANDSCAPE, label: 'SLIDES rotate 270', rotate: 270 },
    { size: A4, label: 'SLIDES offset origin with cropbox', origin: [100, -200], cropInset: 30 },
  ]);
  const plain = file('plain.pdf', await pdfWithPages([{ size: A4, label: 'REFERAT permission encrypted' }]));
  run('qpdf', ['--encrypt', '', 'owner', '256', '--print=none', '--', plain, file('permissions.pdf')]);
  run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, file('locked.pdf')]);
  return { cover, proposal, slides, permissions: fs.readFileSync(file('permissions.pdf')), locked: fs.readFileSync(file('locked.pdf')) };
}

test('a meeting package: parts stamped and every page numbered outside the original page, bookmarks, placeholders, encrypted parts', needsTools, async () => {
  const f = await fixtures();
  const input: PackageInput = {
    title: 'Mødepakke: Rådmandsmøde 27. januar 2026',
    lang: 'da',
    cover: f.cover,
    agenda: agenda(),
    items: [
      { bookmark: 'Punkt 1: Dagsorden', parts: [] },
      {
        bookmark: 'Punkt 2: Referat',
        parts: [{ bookmark: 'Bilag 1: 200126_Referat.pdf', stamp: 'Punkt 2, Bilag 1: 200126_Referat.pdf', source: { pdf: f.permissions } }],
      },
      {
        bookmark: 'Punkt 3: Vision for Job Aarhus',
        parts: [
          {
            bookmark: 'Bilag 1: Indstilling: Vision for Job Aarhus',
            stamp: 'Punkt 3, Bilag 1: Indstilling: Vision for Job Aarhus',
            source: { pdf: f.proposal },
          },
          {
            bookmark: 'Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf',
            stamp: 'Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf',
            source: { pdf: f.slides },
          },
        ],
      },
      {
        bookmark: 'Punkt 4: Årshjul for opfølgningerne på mål og økonomi',
        parts: [{ bookmark: 'Bilag 1: Økonomi.xlsx', stamp: 'Punkt 4, Bilag 1: Økonomi.xlsx', source: { missing: 'Filen kunne ikke omdannes til PDF.' } }],
      },
    ],
  };
  const pdf = file('package.pdf', await assemblePackage(input));

  assert.match(run('qpdf', ['--check', pdf]), /No syntax or stream encoding errors/);
  const info = run('pdfinfo', [pdf]);
  const agendaPages = (await PDFDocument.load(input.agenda)).getPageCount();
  const total = 1 + agendaPages + 1 + 3 + 4 + 1;
  assert.match(info, new RegExp(`Pages:\\s+${total}\\n`));
  assert.match(info, /Title:\s+Mødepakke: Rådmandsmøde 27. januar 2026/);

  // Every page is numbered "x / y" at the bottom, below the original page.
  for (let n = 1; n <= total; n++) assert.equal(words(pdf, n).bottom, `${n} / ${total}`, `page ${n}`);

  // Each page of a part: the stamp in the strip above the original page, the original text below it, untouched.
  const first = agendaPages + 3; // the proposal's first page
  const expected: [number, string, string][] = [
    [first - 1, 'Punkt 2, Bilag 1: 200126_Referat.pdf', 'REFERAT permission encrypted'],
    [first, 'Punkt 3, Bilag 1: Indstilling: Vision for Job Aarhus', 'INDSTILLING side 1 portrait'],
    [first + 1, 'Punkt 3, Bilag 1: Indstilling: Vision for Job Aarhus', 'INDSTILLING side 2 landscape'],
    [first + 2, 'Punkt 3, Bilag 1: Indstilling: Vision for Job Aarhus', 'INDSTILLING side 3 A3'],
    [first + 3, 'Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf', 'SLIDES rotate 90'],
    [first + 4, 'Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf', 'SLIDES rotate 180'],
    [first + 5, 'Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf', 'SLIDES rotate 270'],
    [first + 6, 'Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf', 'SLIDES offset origin with cropbox'],
    [first + 7, 'Punkt 4, Bilag 1: Økonomi.xlsx', 'Bilaget kunne ikke medtages i mødepakken'],
  ];
  for (const [n, stamp, original] of expected) {
    const page = words(pdf, n);
    assert.equal(page.top, stamp, `page ${n}`);
    assert.ok(page.between, `page ${n}: no word straddles a strip's edge`);
    const middle = new Set(page.middle.map((w) => w.text));
    for (const word of [...original.split(' '), 'Linje', 'tempor.'])
      if (n !== first + 7 || !/Linje|tempor/.test(word)) assert.ok(middle.has(word), `page ${n}: "${word}"`);
  }
  for (let n = 2; n < first - 1; n++) assert.equal(words(pdf, n).top, '', `agenda page ${n} has no stamp`);

  // Drawing hidden above the CropBox stays hidden where the page grows (see pdf-pages.ts: a black bar
  // 30–150 pt from the right, 4–16 pt above the crop), and the stamp is there in ink.
  const cropped = render(pdf, first + 6);
  for (let y = 5; y < 16; y++) for (let x = cropped.width - 148; x < cropped.width - 52; x++) assert.equal(cropped.at(x, y), 255, `white at ${x},${y}`);
  assert.ok(
    [...Array(200 * 12).keys()].some((i) => cropped.at(20 + (i % 200), 4 + Math.floor(i / 200)) < 128),
    'the stamp is drawn',
  );
  assert.match(
    run('pdftotext', ['-f', String(first + 7), '-l', String(first + 7), pdf, '-']),
    /Bilag 1: Økonomi\.xlsx[\s\S]*Årsag: Filen kunne ikke omdannes til PDF\./,
  );

  // The original pages keep their size: the strips are added above and below (A4 portrait as read, A3).
  const sizes = run('pdfinfo', ['-f', String(first), '-l', String(first + 6), pdf]);
  const size = (n: number) =>
    sizes
      .match(new RegExp(`Page\\s+${n} size:\\s+([\\d.]+) x ([\\d.]+)`))!
      .slice(1)
      .map(Number);
  assert.deepEqual(size(first), [595.28, 841.89 + 40]);
  assert.deepEqual(
    size(first + 2),
    [841.89, 1190.55 + 2 * 20 * (841.89 / 595.28)].map((x) => Math.round(x * 100) / 100),
  );
  const out = await PDFDocument.load(fs.readFileSync(pdf));
  const p90 = out.getPage(first + 2);
  assert.equal(p90.getRotation().angle, 90);
  // Rotated 90°: the strips widen the user-space box (left = the top the reader sees).
  assert.deepEqual(p90.getCropBox(), { x: -20, y: 0, width: 595.28 + 40, height: 841.89 });

  // Bookmarks: cover, and the agenda holding the items holding their parts, each opening its first page.
  assert.deepEqual(outline(out), [
    { title: 'Forside', page: 0, children: [] },
    {
      title: 'Dagsorden',
      page: 1,
      children: [
        { title: 'Punkt 1: Dagsorden', page: 1, children: [] },
        { title: 'Punkt 2: Referat', page: first - 2, children: [{ title: 'Bilag 1: 200126_Referat.pdf', page: first - 2, children: [] }] },
        {
          title: 'Punkt 3: Vision for Job Aarhus',
          page: first - 1,
          children: [
            { title: 'Bilag 1: Indstilling: Vision for Job Aarhus', page: first - 1, children: [] },
            { title: 'Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf', page: first + 2, children: [] },
          ],
        },
        {
          title: 'Punkt 4: Årshjul for opfølgningerne på mål og økonomi',
          page: first + 6,
          children: [{ title: 'Bilag 1: Økonomi.xlsx', page: first + 6, children: [] }],
        },
      ],
    },
  ]);
  assert.equal(out.catalog.lookup(PDFName.of('Lang'))?.toString(), '(da)');
  assert.equal(out.catalog.lookup(PDFName.of('PageMode'))?.toString(), '/UseOutlines');
  assert.ok(out.getPages().every((p) => p.node.lookup(PDFName.of('Rotate'), PDFNumber)));

  // A PDF that needs a password to be opened is refused, naming the part.
  await assert.rejects(
    assemblePackage({
      ...input,
      items: [{ bookmark: 'Punkt 2: Referat', parts: [{ bookmark: 'Bilag 1', stamp: 'Punkt 2, Bilag 1: låst.pdf', source: { pdf: f.locked } }] }],
    }),
    (e) => e instanceof PackageError && e.code === 'pdf_password_required' && e.part === 'Punkt 2, Bilag 1: låst.pdf',
  );
});

test('the pages of each PDF exactly, in order; a PDF without pages gets a placeholder page', needsTools, async () => {
  const one = (label: string) => pdfWithPages([{ size: A4, label }]);
  const pdf = file(
    'small.pdf',
    await assemblePackage({
      title: 'Meeting package',
      lang: 'en',
      cover: await one('COVER'),
      agenda: await one('AGENDA'),
      items: [
        {
          bookmark: 'Item 1',
          parts: [
            { bookmark: 'Att 1', stamp: 'Item 1, Att 1: report.pdf', source: { pdf: await one('REPORT') } },
            {
              bookmark: 'Att 2: empty.pdf',
              stamp: 'Item 1, Att 2: empty.pdf',
              source: { pdf: await (await PDFDocument.create()).save({ addDefaultPage: false }) },
            },
          ],
        },
      ],
    }),
  );
  const text = run('pdftotext', ['-layout', pdf, '-']).split('\f');
  assert.equal(text.filter((t) => t.trim()).length, 4);
  assert.match(text[0], /COVER[\s\S]*1 ?\/ ?4/);
  assert.match(text[1], /AGENDA[\s\S]*2 ?\/ ?4/);
  assert.match(text[2], /Item 1, Att 1: report\.pdf[\s\S]*REPORT[\s\S]*3 ?\/ ?4/);
  // A PDF without pages gets the placeholder page, in the package's language.
  assert.match(
    text[3],
    /Item 1, Att 2: empty\.pdf[\s\S]*could not be included[\s\S]*Att 2: empty\.pdf[\s\S]*Reason: The PDF file has no pages\.[\s\S]*4 ?\/ ?4/,
  );
});
