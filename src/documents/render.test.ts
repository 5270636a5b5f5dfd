import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderPdf } from './render.ts';

const pdfText = (pdf: Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-pdf-')), 'x.pdf');
  fs.writeFileSync(file, pdf);
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }) };
};
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test(
  'an annual wheel renders as a tagged Danish PDF, and markup in user text stays text',
  { skip: hasPoppler ? false : 'poppler-utils (pdftotext) is not installed' },
  () => {
    const pdf = renderPdf('annual-wheel', {
      municipality: 'Aarhus Kommune',
      title: 'Udvalgets årshjul 2026',
      organization: 'Social- og Beskæftigelsesudvalget',
      year: 2026,
      status: 'approved',
      approved: '4. februar 2026',
      entries: [
        {
          title: 'Beskæftigelsesplan 2027',
          dueMonth: 8,
          kind: 'statutory',
          unit: 'FAS',
          responsible: null,
          minutes: 30,
          method: 'Drøftelse',
          afterDate: '1. august',
          reason: 'Lovbestemt.',
          placed: null,
          noMeeting: false,
          offer: '10. august 2026',
        },
        {
          title: '#set text(red) *ikke fed* = overskrift',
          dueMonth: 3,
          kind: 'other',
          unit: null,
          responsible: null,
          minutes: 5,
          method: null,
          afterDate: null,
          reason: null,
          placed: null,
          noMeeting: true,
          offer: null,
        },
      ],
    });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const { text, info } = pdfText(pdf);
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, /Title:\s+Udvalgets årshjul 2026/);
    assert.match(text, /Marts[\s\S]*#set text\(red\) \*ikke fed\* = overskrift[\s\S]*Intet møde i måneden/);
    assert.match(text, /August[\s\S]*Beskæftigelsesplan 2027[\s\S]*Lovbestemt · Ansvarlig: FAS · 30 min\./);
    assert.match(text, /side 1 af 1/);
  },
);
