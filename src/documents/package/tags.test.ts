import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { A4, A4_LANDSCAPE, pdfWithPages } from '../../../test/helpers/pdf-pages.ts';
import { coverPdf } from '../cover.ts';
import { proposalPdf } from '../proposal.ts';
import { renderPdf } from '../render.ts';
import { assemblePackage } from './assemble.ts';
import type { PackageInput } from './model.ts';

const tools = (() => {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-package-tags-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

const proposal = () =>
  proposalPdf({
    content: {
      title: 'Vision for Job Aarhus',
      addressee: 'Rådmanden',
      atPoints: ['at rådmanden godkender visionen.'],
      sections: [
        { key: 'introduction', heading: 'Indledning', blocks: [{ kind: 'paragraph', spans: [{ text: 'Én samlet retning for beskæftigelsesindsatsen.' }] }] },
        { key: 'recommendation', heading: 'Indstilling', blocks: [] },
      ],
    },
    meetingDate: '2026-01-27',
    plannedMinutes: 15,
    unitName: 'Fagligt Sekretariat',
    proposalDate: '2026-01-22',
    caseNumber: 'EMN-2025-00982',
    caseOfficer: null,
    version: null,
    municipality: 'Aarhus Kommune',
    lang: 'da',
  });

/** The package, its structure tree read back (streams decompressed by qpdf so content can be read). */
async function packaged(input: PackageInput) {
  const pdf = path.join(dir, 'package.pdf');
  const plain = path.join(dir, 'package-plain.pdf');
  fs.writeFileSync(pdf, await assemblePackage(input));
  run('qpdf', ['--qdf', '--object-streams=disable', pdf, plain]);
  const doc = await PDFDocument.load(fs.readFileSync(plain), { updateMetadata: false });
  const dict = (o: PDFObject | undefined) => doc.context.lookup(o) as PDFDict;
  const list = (o: PDFObject | undefined): PDFObject[] => {
    const v = doc.context.lookup(o);
    return v instanceof PDFArray ? v.asArray() : v ? [o!] : [];
  };
  const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
  const content = (page: PDFDict) =>
    list(page.get(PDFName.of('Contents')))
      .map((s) => Buffer.from((doc.context.lookup(s) as PDFRawStream).contents).toString('latin1'))
      .join('\n');
  return { pdf, doc, dict, list, text, content };
}

interface Element {
  type: string;
  title?: string;
  actualText?: string;
  kids: Element[];
}

test(
  'the package is tagged: one structure tree reading cover, agenda and each item in order, the Typst parts with their headings, an untagged attachment and a missing one described, stamps and numbers as artifacts',
  { skip: tools ? false : 'needs qpdf and poppler-utils' },
  async () => {
    const name = 'Punkt 2, Bilag 2: Vision for Job Aarhus - slideshow.pdf';
    const input: PackageInput = {
      title: 'Mødepakke: Rådmandsmøde 27. januar 2026',
      lang: 'da',
      cover: coverPdf({
        municipality: 'Aarhus Kommune',
        organizationName: 'Rådmandsmøde',
        meetingTitle: 'Rådmandsmøde',
        start: '2026-01-27T08:00:00Z',
        end: '2026-01-27T09:00:00Z',
        location: 'Rådhuset',
        audience: 'member',
        generatedAt: '2026-01-26T12:00:00Z',
        lang: 'da',
      }),
      agenda: renderPdf('annual-wheel', {
        municipality: 'Aarhus Kommune',
        title: 'Dagsorden',
        organization: 'Rådmandsmøde',
        year: 2026,
        status: 'approved',
        approved: '27. januar 2026',
        entries: [],
      }),
      items: [
        { bookmark: 'Punkt 1: Godkendelse af dagsorden', parts: [] },
        {
          bookmark: 'Punkt 2: Vision for Job Aarhus',
          parts: [
            {
              bookmark: 'Bilag 1: Indstilling: Vision for Job Aarhus',
              stamp: 'Punkt 2, Bilag 1: Indstilling: Vision for Job Aarhus',
              source: { pdf: proposal() },
            },
            {
              bookmark: 'Bilag 2: Vision for Job Aarhus - slideshow.pdf',
              stamp: name,
              source: {
                pdf: await pdfWithPages([
                  { size: A4_LANDSCAPE, label: 'SLIDES 1' },
                  { size: A4, label: 'SLIDES 2' },
                ]),
              },
            },
            { bookmark: 'Bilag 3: Økonomi.xlsx', stamp: 'Punkt 2, Bilag 3: Økonomi.xlsx', source: { missing: 'Filen kunne ikke omdannes til PDF.' } },
          ],
        },
      ],
    };
    const { pdf, doc, dict, list, text, content } = await packaged(input);

    assert.match(run('qpdf', ['--check', pdf]), /No syntax or stream encoding errors/);
    assert.match(run('pdfinfo', [pdf]), /Tagged:\s+yes/);
    const catalog = doc.catalog;
    assert.equal(dict(catalog.get(PDFName.of('MarkInfo'))).get(PDFName.of('Marked')), PDFBool.True);
    assert.equal(text(catalog.get(PDFName.of('Lang'))), 'da');
    assert.equal(dict(catalog.get(PDFName.of('ViewerPreferences'))).get(PDFName.of('DisplayDocTitle')), PDFBool.True);
    // One structure tree: the sources' roots are not carried along.
    const roots = doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('StructTreeRoot'));
    assert.equal(roots.length, 1);
    const root = dict(catalog.get(PDFName.of('StructTreeRoot')));

    const read = (o: PDFObject): Element | undefined => {
      const d = doc.context.lookup(o);
      if (!(d instanceof PDFDict) || !(d.get(PDFName.of('S')) instanceof PDFName)) return undefined;
      const kids = list(d.get(PDFName.of('K')))
        .map(read)
        .filter((k) => k !== undefined);
      const title = text(d.get(PDFName.of('T')));
      const actualText = text(d.get(PDFName.of('ActualText')));
      return { type: (d.get(PDFName.of('S')) as PDFName).decodeText(), ...(title && { title }), ...(actualText && { actualText }), kids };
    };
    const [document] = list(root.get(PDFName.of('K'))).map(read);
    assert.equal(document?.type, 'Document');
    const outline = (e: Element) => [e.type, e.title];
    assert.deepEqual(document.kids.map(outline), [
      ['Part', 'Forside'],
      ['Part', 'Dagsorden'],
      ['Part', 'Punkt 2: Vision for Job Aarhus'], // an item without parts has nothing of its own to read
    ]);
    const [cover, agenda, item] = document.kids;
    assert.deepEqual(item.kids.map(outline), [
      ['Sect', 'Bilag 1: Indstilling: Vision for Job Aarhus'],
      ['Sect', 'Bilag 2: Vision for Job Aarhus - slideshow.pdf'],
      ['Sect', 'Bilag 3: Økonomi.xlsx'],
    ]);
    const [proposalPart, slides, missing] = item.kids;
    const types = (e: Element): string[] => [e.type, ...e.kids.flatMap(types)];
    assert.ok(cover.kids.length > 0 && agenda.kids.length > 0);
    assert.ok(types(agenda).includes('H1'), 'the agenda keeps its heading');
    assert.ok(
      ['H1', 'H2', 'P', 'L', 'LI'].every((t) => types(proposalPart).includes(t)),
      `the proposal keeps its structure: ${types(proposalPart)}`,
    );
    // The untagged attachment: one paragraph saying so, naming it; its pages stay unmarked.
    assert.equal(slides.kids.length, 1);
    assert.equal(slides.kids[0].type, 'P');
    assert.match(slides.kids[0].actualText!, /^Punkt 2, Bilag 2: Vision for Job Aarhus - slideshow\.pdf: teksten er ikke tagget .*\(2 sider/);
    // The missing attachment's placeholder page: a heading and paragraphs.
    assert.deepEqual(
      missing.kids.map((k) => k.type),
      ['H1', 'P', 'P', 'P'],
    );

    // A screen reader's view (poppler reads the tree with each element's text): the parts' text in
    // order, never a stamp or a page number.
    const reader = run('pdfinfo', ['-struct-text', pdf]);
    const order = [
      'Mødepakke',
      'Dagsorden',
      'Vision for Job Aarhus',
      'INDLEDNING',
      'Én samlet retning',
      'at rådmanden godkender',
      'Bilaget kunne ikke medtages',
      'Årsag: Filen kunne ikke omdannes til PDF.',
    ];
    const at = order.map((s) => reader.indexOf(s));
    assert.ok(
      at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1])),
      `in reading order: ${JSON.stringify(at)}\n${reader}`,
    );
    assert.doesNotMatch(reader, /Punkt 2, Bilag|\d+ \/ \d+/);

    // Every page with marked content has its parent tree entry: MCID i → the element on that page holding i.
    const parents = new Map<number, PDFObject>();
    const nums = list(dict(root.get(PDFName.of('ParentTree'))).get(PDFName.of('Nums')));
    for (let i = 0; i < nums.length; i += 2) parents.set((nums[i] as PDFNumber).asNumber(), nums[i + 1]);
    assert.ok((root.get(PDFName.of('ParentTreeNextKey')) as PDFNumber).asNumber() > Math.max(...parents.keys()));
    const pages = doc.getPages();
    let marked = 0;
    for (const [n, page] of pages.entries()) {
      const stream = content(page.node);
      const mcids = [...stream.matchAll(/\/MCID\s+(\d+)/g)].map((m) => +m[1]);
      if (!mcids.length) continue;
      marked++;
      const key = page.node.get(PDFName.of('StructParents'));
      assert.ok(key instanceof PDFNumber, `page ${n + 1} has /StructParents`);
      const entry = list(parents.get(key.asNumber()));
      for (const mcid of mcids) {
        const element = dict(entry[mcid]);
        assert.ok(element instanceof PDFDict, `page ${n + 1}, MCID ${mcid}: an element`);
        assert.equal(element.get(PDFName.of('Pg')), page.ref, `page ${n + 1}, MCID ${mcid}: the element's page`);
        const holds = list(element.get(PDFName.of('K'))).some((k) => {
          const v = doc.context.lookup(k);
          return (v instanceof PDFNumber ? v : v instanceof PDFDict ? v.get(PDFName.of('MCID')) : undefined)?.toString() === String(mcid);
        });
        assert.ok(holds, `page ${n + 1}: the element holds MCID ${mcid}`);
      }
    }
    // Cover, agenda, the proposal, the slides' first page (the note) and the placeholder.
    assert.ok(marked >= 5, `${marked} pages with marked content`);
    for (const [n, page] of pages.entries()) {
      const annots = page.node.get(PDFName.of('Annots'));
      if (annots) assert.equal(page.node.get(PDFName.of('Tabs')), PDFName.of('S'), `page ${n + 1}: tab order by structure`);
      // The stamp and the number are drawn in the stamp font, each inside an artifact.
      const stream = content(page.node);
      const drawn = stream.match(/\/RdsStamp\S* [\d.]+ Tf/g) ?? [];
      const artifacts = [...stream.matchAll(/\/Artifact <<\/Type \/Pagination \/Subtype \/(Header|Footer)>> BDC BT \/RdsStamp\S* [\d.]+ Tf [^]*? Tj ET EMC/g)];
      const stamped = n >= pages.length - 4; // the item's four pages: the proposal (one page), two slides, the placeholder
      assert.equal(drawn.length, stamped ? 2 : 1, `page ${n + 1}: stamp and number`);
      assert.deepEqual(
        artifacts.map((m) => m[1]),
        stamped ? ['Header', 'Footer'] : ['Footer'],
        `page ${n + 1}: as artifacts`,
      );
    }
  },
);

test(
  'a tagged PDF with owner-password permissions (no printing) keeps its tags in the package',
  { skip: tools ? false : 'needs qpdf and poppler-utils' },
  async () => {
    const plain = path.join(dir, 'proposal.pdf');
    const locked = path.join(dir, 'proposal-permissions.pdf');
    fs.writeFileSync(plain, proposal());
    run('qpdf', ['--encrypt', '', 'owner', '256', '--print=none', '--', plain, locked]);
    const one = (label: string) => pdfWithPages([{ size: A4, label }]);
    const { pdf } = await packaged({
      title: 'Mødepakke',
      lang: 'da',
      cover: await one('FORSIDE'),
      agenda: await one('DAGSORDEN'),
      items: [{ bookmark: 'Punkt 1', parts: [{ bookmark: 'Bilag 1', stamp: 'Punkt 1, Bilag 1: Indstilling', source: { pdf: fs.readFileSync(locked) } }] }],
    });
    const reader = run('pdfinfo', ['-struct-text', pdf]);
    assert.match(reader, /H1 "Vision for Job Aarhus"[\s\S]*H2 "INDLEDNING"[\s\S]*"Én samlet retning for beskæftigelsesindsatsen\."/);
    assert.match(run('pdftotext', [pdf, '-']), /Vision for Job Aarhus/);
  },
);

test(
  'role maps are merged: a custom type two sources map differently is renamed in the second',
  { skip: tools ? false : 'needs qpdf and poppler-utils' },
  async () => {
    // The proposal's title heading as a custom /Title mapped to H1, where Typst's own PDFs map Title to P.
    const source = await PDFDocument.load(proposal(), { updateMetadata: false });
    const tree = source.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    tree.lookup(PDFName.of('RoleMap'), PDFDict).set(PDFName.of('Title'), PDFName.of('H1'));
    const h1 = source.context.enumerateIndirectObjects().find(([, o]) => o instanceof PDFDict && o.get(PDFName.of('S')) === PDFName.of('H1'))![1] as PDFDict;
    h1.set(PDFName.of('S'), PDFName.of('Title'));
    const retitled = await source.save();
    const { doc, dict } = await packaged({
      title: 'Mødepakke',
      lang: 'da',
      cover: proposal(),
      agenda: proposal(),
      items: [{ bookmark: 'Punkt 1', parts: [{ bookmark: 'Bilag 1', stamp: 'Punkt 1, Bilag 1: Indstilling', source: { pdf: retitled } }] }],
    });
    const roleMap = dict(dict(doc.catalog.get(PDFName.of('StructTreeRoot'))).get(PDFName.of('RoleMap')));
    assert.equal(roleMap.get(PDFName.of('Title')), PDFName.of('P'));
    assert.equal(roleMap.get(PDFName.of('Title_2')), PDFName.of('H1'));
    const typed = (s: string) => doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('S')) === PDFName.of(s));
    assert.equal(typed('Title_2').length, 1);
    assert.equal(typed('Title').length, 0);
    assert.equal(typed('H1').length, 2); // the cover's and the agenda's
  },
);
