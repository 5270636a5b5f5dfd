import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument, PDFName } from 'pdf-lib';
import { needsPoppler, readPdf } from '../../test/helpers/documents.ts';
import { coverPdf, type CoverInput } from './cover.ts';

const cover: CoverInput = {
  municipality: 'Aarhus Kommune',
  organizationName: 'Social- og Beskæftigelsesudvalget',
  meetingTitle: 'Social- og Beskæftigelsesudvalgsmøde',
  start: '2026-02-04T19:00:00Z',
  end: '2026-02-04T20:30:00Z',
  location: 'Rådhuset, lokale 398',
  audience: 'member',
  // Summer time: the cover shows Copenhagen's clock, whatever the server's zone.
  generatedAt: '2026-06-30T09:05:00Z',
  lang: 'da',
};

test('the package cover is one page naming the meeting, its time and place in Copenhagen time, and the edition', needsPoppler, () => {
  const { text, info } = readPdf(coverPdf(cover));
  assert.match(info, /Pages:\s+1\n/);
  assert.match(info, /Tagged:\s+yes/);
  assert.match(info, /Title:\s+Mødepakke: Social- og Beskæftigelsesudvalgsmøde/);
  assert.match(text, /Social- og Beskæftigelsesudvalget\s+Mødepakke\s+Social- og Beskæftigelsesudvalgsmøde/);
  assert.match(text, /Mødetid:\s+Onsdag den 4\. februar 2026, 20\.00 – 21\.30/);
  assert.match(text, /Mødested:\s+Rådhuset, lokale 398/);
  assert.match(text, /Udgave til medlemmer/);
  assert.match(text, /Dannet 30\. juni 2026 kl\. 11\.05/);
  assert.doesNotMatch(text, /side 1 af/);

  const pub = readPdf(coverPdf({ ...cover, audience: 'public', location: null, lang: 'en', meetingTitle: '#set page(fill: red) *Møde* $x$' })).text;
  assert.match(pub, /Meeting package\s+#set page\(fill: red\) \*Møde\* \$x\$/);
  assert.match(pub, /Time:\s+Wednesday 4 February 2026, 20:00 – 21:30/);
  assert.match(pub, /Public edition/);
  assert.doesNotMatch(pub, /Place:|members/i);
  assert.match(pub, /Generated 30 June 2026 at 11:05/);
});

test('the document language is in the PDF catalog, for screen readers (/Lang)', async () => {
  for (const lang of ['da', 'en'] as const) {
    const doc = await PDFDocument.load(coverPdf({ ...cover, lang }), { updateMetadata: false });
    assert.equal(String(doc.catalog.get(PDFName.of('Lang'))), `(${lang})`);
  }
});
