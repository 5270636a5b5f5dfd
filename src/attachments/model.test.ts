import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  contentDisposition,
  contentKind,
  fileNameProblem,
  itemParts,
  kindOfName,
  locateCentralDirectory,
  numbered,
  officeKindOf,
  orderProblem,
  parseCentralDirectory,
  pngBombProblem,
  pdfNameOf,
  pagedText,
  searchableText,
  sniff,
  zipBombProblem,
  ZIP_TAIL_BYTES,
} from './model.ts';
import { png, zip } from '../../test/helpers/files.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('the extension says what a file promises to be; case does not matter', () => {
  assert.equal(kindOfName('Referat.PDF'), 'pdf');
  assert.equal(kindOfName('foto.jpeg'), 'jpeg');
  assert.equal(kindOfName('foto.JPG'), 'jpeg');
  assert.equal(kindOfName('Budget 2026.xlsx'), 'xlsx');
  assert.equal(kindOfName('Indstilling.docm'), null, 'macro documents are not taken');
  assert.equal(kindOfName('noextension'), null);
  assert.equal(kindOfName('virus.exe'), null);
});

test('file names with path separators, control or direction characters are refused; Danish letters are fine', () => {
  assert.equal(fileNameProblem('Årshjul – udvalget 2026.pdf'), null);
  assert.match(fileNameProblem('../../etc/passwd.pdf')!, /\//);
  assert.match(fileNameProblem('C:\\Users\\x.pdf')!, /\\/);
  assert.match(fileNameProblem('a\u0000b.pdf')!, /control/);
  assert.match(fileNameProblem('a\nb.pdf')!, /control/);
  assert.match(fileNameProblem('rapport\u202efdp.exe')!, /direction/);
  assert.match(fileNameProblem('   ')!, /no name/);
  assert.match(fileNameProblem('x'.repeat(256) + '.pdf')!, /255/);
});

test('sniffing: PDF (also after leading junk), PNG, JPEG, zip; anything else is unknown', () => {
  assert.equal(sniff(bytes('%PDF-1.7\n')), 'pdf');
  assert.equal(sniff(bytes('\r\n  %PDF-1.4')), 'pdf');
  assert.equal(sniff(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'png');
  assert.equal(sniff(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
  assert.equal(sniff(Uint8Array.from([0x50, 0x4b, 0x03, 0x04])), 'zip');
  assert.equal(sniff(bytes('<html>%PDF-1.4')), 'pdf', 'a reader would open it as a PDF, and pdf.js decides if it is one');
  assert.equal(sniff(bytes('MZ\x90\x00')), 'unknown');
  assert.equal(sniff(new Uint8Array()), 'unknown');
});

test('an Office file is told by its parts: [Content_Types].xml and word/, ppt/ or xl/', () => {
  assert.equal(officeKindOf(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']), 'docx');
  assert.equal(officeKindOf(['[Content_Types].xml', 'ppt/presentation.xml']), 'pptx');
  assert.equal(officeKindOf(['[Content_Types].xml', 'xl/workbook.xml']), 'xlsx');
  assert.equal(officeKindOf(['word/document.xml']), null, 'no content types: not an Office file');
  assert.equal(officeKindOf(['[Content_Types].xml', 'word/a.xml', 'xl/b.xml']), null, 'ambiguous');
  assert.equal(contentKind('zip', ['[Content_Types].xml', 'xl/workbook.xml']), 'xlsx');
  assert.equal(contentKind('zip', null), null);
  assert.equal(contentKind('png', null), 'png');
  assert.equal(contentKind('unknown', null), null);
});

test('the zip directory is read from the end of the file with its declared sizes', () => {
  const archive = zip([
    { name: '[Content_Types].xml', data: bytes('<Types/>') },
    { name: 'word/document.xml', data: bytes('x'.repeat(10_000)) },
  ]);
  const tailStart = Math.max(0, archive.length - ZIP_TAIL_BYTES);
  const cd = locateCentralDirectory(archive.subarray(tailStart), tailStart, archive.length);
  assert.ok(cd && cd !== 'zip64');
  const entries = parseCentralDirectory(archive.subarray(cd.offset, cd.offset + cd.size), cd.count)!;
  assert.deepEqual(
    entries.map((e) => [e.name, e.uncompressedSize]),
    [
      ['[Content_Types].xml', 8],
      ['word/document.xml', 10_000],
    ],
  );
  assert.ok(entries[1].compressedSize < 200, 'deflated');
  assert.equal(locateCentralDirectory(bytes('not a zip at all, just text'), 0, 27), null);
  assert.equal(parseCentralDirectory(bytes('garbage garbage garbage garbage garbage garbage'), 1), null);
});

test('zip bombs: refused on declared size, ratio or part count; ordinary Office files pass', () => {
  const MB = 1024 * 1024;
  const entry = (uncompressedSize: number, compressedSize = uncompressedSize / 8) => ({ name: 'word/x.xml', uncompressedSize, compressedSize });
  assert.equal(zipBombProblem([entry(2 * MB, 100_000)], 120_000), null, 'a small document compressing 17× is normal');
  assert.equal(zipBombProblem([entry(5 * MB, 50_000)], 60_000), null, 'high ratio but small: fine');
  assert.match(zipBombProblem([entry(400 * MB, 400_000)], 500_000)!, /times its size/);
  assert.match(zipBombProblem([entry(300 * MB), entry(300 * MB)], 80 * MB)!, /500 MB/);
  assert.match(zipBombProblem([entry(Infinity, 10)], 100)!, /500 MB/, 'ZIP64 sizes count as too large');
  assert.match(
    zipBombProblem(
      Array.from({ length: 5001 }, () => entry(10, 10)),
      200_000,
    )!,
    /5000/,
  );
});

test('a PNG whose header promises too many pixels is refused before decoding', () => {
  assert.equal(pngBombProblem(png(20, 10)), null);
  const huge = png(1, 1);
  huge.writeUInt32BE(100_000, 16);
  huge.writeUInt32BE(100_000, 20);
  assert.match(pngBombProblem(huge)!, /100000 × 100000/);
});

test('bilag are numbered by position, whatever the positions are', () => {
  const rows = [
    { id: 'c', position: 7 },
    { id: 'a', position: 2 },
    { id: 'b', position: 3 },
  ];
  assert.deepEqual(
    numbered(rows).map((r) => `${r.number}:${r.id}`),
    ['1:a', '2:b', '3:c'],
  );
});

test('a new order needs the current order seen and exactly the same attachments', () => {
  assert.equal(orderProblem(['a', 'b', 'c'], ['a', 'b', 'c'], ['c', 'a', 'b']), null);
  assert.equal(orderProblem(['a', 'b', 'c'], ['b', 'a', 'c'], ['c', 'a', 'b']), 'stale');
  assert.equal(orderProblem(['a', 'b', 'c'], ['a', 'b'], ['b', 'a']), 'stale');
  assert.equal(orderProblem(['a', 'b'], ['a', 'b'], ['a', 'a']), 'not_the_same_attachments');
  assert.equal(orderProblem(['a', 'b'], ['a', 'b'], ['a', 'b', 'x']), 'not_the_same_attachments');
});

test('names sent back: the PDF name, and a Content-Disposition that keeps æ, ø, å', () => {
  assert.equal(pdfNameOf('Budget 2026.xlsx'), 'Budget 2026.pdf');
  assert.equal(pdfNameOf('Referat.PDF'), 'Referat.PDF');
  assert.equal(
    contentDisposition('attachment', 'Årshjul "2026" (udkast).pdf'),
    `attachment; filename="Arshjul _2026_ (udkast).pdf"; filename*=UTF-8''%C3%85rshjul%20%222026%22%20%28udkast%29.pdf`,
  );
  assert.match(contentDisposition('inline', 'Søren.pdf'), /^inline; filename="S_ren.pdf"; filename\*=UTF-8''S%C3%B8ren.pdf$/);
});

test('extracted text loses NUL and control characters and folds blanks', () => {
  assert.equal(searchableText('a\u0000b  \t c\n\n  d'), 'a b c\nd');
  assert.equal(searchableText('x'.repeat(50), 10), 'x'.repeat(10));
});

test('a paged text keeps its pages apart by a form feed, an empty page too', () => {
  assert.equal(pagedText(['Side  1\n\n om\u000cbudget', '', 'Side 3']), 'Side 1\nom budget\f\fSide 3');
});

test("an item's parts are numbered proposal first, then its files, then the item's own; a hidden one keeps its number", () => {
  const f = (id: string, position: number, isPublic = true) => ({ id, position, isPublic });
  const parts = itemParts(
    { proposal: { id: 'p' }, proposalFiles: [f('pb', 2), f('pa', 1, false)], files: [f('ib', 5), f('ia', 3)] },
    { file: (a) => a.isPublic },
  );
  assert.deepEqual(
    parts.map((p) => `${p.number}:${p.kind === 'proposal' ? 'proposal' : `${p.owner}/${p.file.id}`}${p.shown ? '' : ' (withheld)'}`),
    ['1:proposal', '2:proposal/pa (withheld)', '3:proposal/pb', '4:item/ia', '5:item/ib'],
  );
  assert.deepEqual(
    itemParts({ proposal: null, proposalFiles: [f('x', 1)], files: [f('a', 1)] }).map((p) => p.number),
    [1],
    'without a proposal the item is numbered from 1',
  );
});
