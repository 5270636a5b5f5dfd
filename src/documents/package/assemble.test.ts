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

interface Line {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** The lines of text pdftotext finds on a page as the reader sees it (the CropBox, turned by /Rotate), in points from its top left corner. */
function lines(pdf: string, page: number): Line[] {
  const html = run('pdftotext', ['-bbox-layout', '-cropbox', '-f', String(page), '-l', String(page), pdf, '-']);
  return [...html.matchAll(/<line xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
    x0: +m[1],
    y0: +m[2],
    x1: +m[3],
    y1: +m[4],
    text: [...m[5].matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => w[1].replace(/&amp;/g, '&')).join(' '),
  }));
}

/** A page's size, rotation and boxes as pdfinfo reports them. */
function geometry(pdf: string, page: number) {
  const info = run('pdfinfo', ['-box', '-f', String(page), '-l', String(page), pdf]);
  return info
    .split('\n')
    .filter((l) => /^Page\s+\d+\s+(size|rot|MediaBox|CropBox|BleedBox|TrimBox|ArtBox):/.test(l))
    .map((l) => l.replace(/^Page\s+\d+\s+/, ''));
}

/**
 * A package page read against the page it was made from: the lines the package added (the stamp
 * above all of the page's own lines, the number below them, any elsewhere), the page's own lines it
 * lost, whether they kept their places, and how much they were shrunk.
 */
function marksOn(pkg: string, n: number, source: string, m: number) {
  const page = lines(pkg, n);
  const unmatched = lines(source, m);
  const content: { line: Line; was: Line }[] = [];
  const added: Line[] = [];
  for (const l of page) {
    const i = unmatched.findIndex((o) => o.text === l.text);
    if (i >= 0) content.push({ line: l, was: unmatched.splice(i, 1)[0] });
    else added.push(l);
  }
  const top = Math.min(...content.map((c) => c.line.y0));
  const bottom = Math.max(...content.map((c) => c.line.y1));
  const text = (ls: Line[]) => ls.map((l) => l.text).join(' ');
  const near = (a: number, b: number) => Math.abs(a - b) < 0.5;
  return {
    stamp: text(added.filter((l) => l.y1 <= top)),
    number: text(added.filter((l) => l.y0 >= bottom)),
    elsewhere: text(added.filter((l) => l.y1 > top && l.y0 < bottom)),
    lost: text(unmatched),
    unmoved: content.every(({ line, was }) => near(line.x0, was.x0) && near(line.y0, was.y0) && near(line.y1, was.y1)),
    scale: Math.min(...content.map(({ line, was }) => (line.y1 - line.y0) / (was.y1 - was.y0))),
  };
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
  // Drawn to 4 pt from the edges: no margin for the marks, so the drawing must make room.
  const edges = await pdfWithPages([
    { size: A4, label: 'KANT TIL KANT portrait', margin: 4 },
    { size: A4, label: 'KANT TIL KANT rotate 90', margin: 4, rotate: 90 },
  ]);
  const plain = file('plain.pdf', await pdfWithPages([{ size: A4, label: 'REFERAT permission encrypted' }]));
  run('qpdf', ['--encrypt', '', 'owner', '256', '--print=none', '--', plain, file('permissions.pdf')]);
  run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, file('locked.pdf')]);
  return { cover, proposal, slides, edges, permissions: fs.readFileSync(file('permissions.pdf')), locked: fs.readFileSync(file('locked.pdf')) };
}

const LONG_NAME = 'Punkt 5, Bilag 1: Økonomiske nøgletal og tabeller samlet for hele forvaltningen i budgetperioden 2026-2029 med noter.pdf';
const LONG_WORD = 'Punkt 5, Bilag 2: Okonomi_tabeller_samlet_for_hele_forvaltningen_i_budgetperioden_2026-2029_med_noter_og_endelig_version.pdf';

test(
  'a meeting package: every page keeps its size, stamped and numbered in its margin, long names wrapped; bookmarks, placeholders, encrypted parts',
  needsTools,
  async () => {
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
        {
          bookmark: 'Punkt 5: Budget',
          parts: [
            { bookmark: 'Bilag 1', stamp: LONG_NAME, source: { pdf: f.edges } },
            { bookmark: 'Bilag 2', stamp: LONG_WORD, source: { pdf: f.edges } },
          ],
        },
      ],
    };
    const pdf = file('package.pdf', await assemblePackage(input));

    assert.match(run('qpdf', ['--check', pdf]), /No syntax or stream encoding errors/);
    const info = run('pdfinfo', [pdf]);
    const agendaPages = (await PDFDocument.load(input.agenda)).getPageCount();
    const total = 1 + agendaPages + 1 + 3 + 4 + 1 + 2 + 2;
    assert.match(info, new RegExp(`Pages:\\s+${total}\\n`));
    assert.match(info, /Title:\s+Mødepakke: Rådmandsmøde 27. januar 2026/);

    // Each package page against the page it was made from: the same size, rotation and boxes (so it
    // prints as the file does), its own words all there, the stamp above them and the number below.
    const sources = { cover: file('cover.pdf', f.cover), agenda: file('agenda.pdf', input.agenda), referat: file('plain.pdf') };
    const proposal = file('proposal.pdf', f.proposal);
    const slides = file('slides.pdf', f.slides);
    const edges = file('edges.pdf', f.edges);
    const first = agendaPages + 3; // the proposal's first page
    const pages: [number, string, number, string][] = [
      [1, sources.cover, 1, ''],
      ...Array.from({ length: agendaPages }, (_, i): [number, string, number, string] => [2 + i, sources.agenda, 1 + i, '']),
      [first - 1, sources.referat, 1, 'Punkt 2, Bilag 1: 200126_Referat.pdf'],
      ...[1, 2, 3].map((m): [number, string, number, string] => [first + m - 1, proposal, m, 'Punkt 3, Bilag 1: Indstilling: Vision for Job Aarhus']),
      ...[1, 2, 3, 4].map((m): [number, string, number, string] => [
        first + 2 + m,
        slides,
        m,
        'Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf',
      ]),
      [first + 8, edges, 1, LONG_NAME],
      [first + 9, edges, 2, LONG_NAME],
      [first + 10, edges, 1, LONG_WORD],
      [first + 11, edges, 2, LONG_WORD],
    ];
    for (const [n, source, m, stamp] of pages) {
      assert.deepEqual(geometry(pdf, n), geometry(source, m), `page ${n}: size, rotation and boxes as the file's`);
      const page = marksOn(pdf, n, source, m);
      // Never cut: a long name wraps onto more lines (pdftotext reads a word broken at a line's end as two).
      assert.equal(page.stamp.replace(/\s+/g, ''), stamp.replace(/\s+/g, ''), `page ${n}: the stamp`);
      assert.equal(page.number, `${n} / ${total}`, `page ${n}: the number`);
      assert.equal(page.elsewhere, '', `page ${n}: nothing added among the page's own words`);
      assert.equal(page.lost, '', `page ${n}: none of the page's own words lost`);
      if (source === edges) assert.ok(page.scale < 0.97 && page.scale > 0.85, `page ${n}: drawn to its edges, shrunk a little to make room (${page.scale})`);
      else assert.ok(page.unmoved && page.scale > 0.99, `page ${n}: with margins, nothing moved`);
    }
    assert.ok(
      lines(pdf, first + 8).some((l) => l.text === 'noter.pdf'),
      'the long name wraps onto a second line',
    );
    assert.match(
      run('pdftotext', ['-f', String(first + 7), '-l', String(first + 7), pdf, '-']),
      /Punkt 4, Bilag 1: Økonomi\.xlsx[\s\S]*Bilag 1: Økonomi\.xlsx[\s\S]*Årsag: Filen kunne ikke omdannes til PDF\./,
    );
    assert.deepEqual(
      geometry(pdf, first + 7)
        .slice(0, 2)
        .map((l) => l.replace(/\s+/g, ' ')),
      ['size: 595.28 x 841.89 pts (A4)', 'rot: 0'],
    );

    // Bookmarks: cover, and the agenda holding the items holding their parts, each part opening its
    // first page. This agenda has no numbered item headings: the items open it.
    const out = await PDFDocument.load(fs.readFileSync(pdf));
    assert.deepEqual(outline(out), [
      { title: 'Forside', page: 0, children: [] },
      {
        title: 'Dagsorden',
        page: 1,
        children: [
          { title: 'Punkt 1: Dagsorden', page: 1, children: [] },
          { title: 'Punkt 2: Referat', page: 1, children: [{ title: 'Bilag 1: 200126_Referat.pdf', page: first - 2, children: [] }] },
          {
            title: 'Punkt 3: Vision for Job Aarhus',
            page: 1,
            children: [
              { title: 'Bilag 1: Indstilling: Vision for Job Aarhus', page: first - 1, children: [] },
              { title: 'Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf', page: first + 2, children: [] },
            ],
          },
          {
            title: 'Punkt 4: Årshjul for opfølgningerne på mål og økonomi',
            page: 1,
            children: [{ title: 'Bilag 1: Økonomi.xlsx', page: first + 6, children: [] }],
          },
          {
            title: 'Punkt 5: Budget',
            page: 1,
            children: [
              { title: 'Bilag 1', page: first + 7, children: [] },
              { title: 'Bilag 2', page: first + 9, children: [] },
            ],
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
  },
);

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

test('form fields in an attachment are flattened: what was filled in is on the page, and the package has no orphaned fields', needsTools, async () => {
  const form = await PDFDocument.create();
  const page = form.addPage(A4);
  const fields = form.getForm();
  const filled = fields.createTextField('godkendt');
  filled.setText('Godkendt af Økonomiudvalget');
  filled.addToPage(page, { x: 60, y: 700, width: 300, height: 24 });
  const box = fields.createCheckBox('haster');
  box.addToPage(page, { x: 60, y: 650, width: 14, height: 14 });
  box.check();
  const withAppearances = await form.save();
  // A field written by a program that leaves drawing it to the viewer (NeedAppearances, no appearance stream).
  const bare = await PDFDocument.create();
  const barePage = bare.addPage(A4);
  const bareField = bare.getForm().createTextField('sagsnummer');
  bareField.setText('Sag EMN-2026-00042');
  bareField.addToPage(barePage, { x: 60, y: 600, width: 300, height: 24 });
  bare.getForm().acroForm.dict.set(PDFName.of('NeedAppearances'), bare.context.obj(true));
  for (const widget of bareField.acroField.getWidgets()) widget.dict.delete(PDFName.of('AP'));
  const withoutAppearances = await bare.save({ updateFieldAppearances: false });

  const one = (label: string) => pdfWithPages([{ size: A4, label }]);
  const pdf = file(
    'forms.pdf',
    await assemblePackage({
      title: 'Mødepakke',
      lang: 'da',
      cover: await one('FORSIDE'),
      agenda: await one('DAGSORDEN'),
      items: [
        {
          bookmark: 'Punkt 1',
          parts: [
            { bookmark: 'Bilag 1', stamp: 'Punkt 1, Bilag 1: skema.pdf', source: { pdf: withAppearances } },
            { bookmark: 'Bilag 2', stamp: 'Punkt 1, Bilag 2: sag.pdf', source: { pdf: withoutAppearances } },
          ],
        },
      ],
    }),
  );
  assert.match(run('qpdf', ['--check', pdf]), /No syntax or stream encoding errors/);
  assert.match(run('pdftotext', ['-f', '3', '-l', '3', pdf, '-']), /Godkendt af Økonomiudvalget/);
  assert.match(run('pdftotext', ['-f', '4', '-l', '4', pdf, '-']), /Sag EMN-2026-00042/);
  const out = await PDFDocument.load(fs.readFileSync(pdf));
  const widgets = out
    .getPages()
    .flatMap((p) =>
      (p.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).filter(
        (a) => out.context.lookup(a, PDFDict).lookup(PDFName.of('Subtype'))?.toString() === '/Widget',
      ),
    );
  assert.deepEqual(widgets, [], 'no widget is left without its form');
  // The ticked box is drawn: ink well inside the box (60–74 pt from the left, 650–664 pt from the bottom), away from its border.
  const base = file('checkbox');
  run('pdftoppm', ['-r', '72', '-gray', '-f', '3', '-l', '3', '-x', '63', '-y', '181', '-W', '8', '-H', '8', '-singlefile', pdf, base]);
  const pgm = fs.readFileSync(`${base}.pgm`);
  const header = pgm.toString('latin1', 0, 20).match(/^P5\s+\d+\s+\d+\s+255\s/)!;
  assert.ok(
    [...pgm.subarray(header[0].length)].some((v) => v < 128),
    'the check mark is drawn',
  );
});
