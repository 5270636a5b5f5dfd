import { test } from 'node:test';
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { arrangeSections, DEFAULT_TEMPLATE, parseBlocks, type ProposalContent } from '../proposals/model.ts';
import { needsPoppler, readPdf, unzip, wordText } from '../../test/helpers/documents.ts';
import { proposalDocx, proposalPdf, type ProposalDocumentInput } from './proposal.ts';

// The seed's proposal to the rådmand of 27 January 2026 (shared/seed), in the editor's written form.
const seedContent: ProposalContent = {
  title: 'Godkendelse af vision og strategiske indsatsområder for Job Aarhus',
  addressee: 'Rådmanden',
  atPoints: ['at rådmanden godkender visionen, visionspejlemærkerne og de strategiske indsatsområder for Job Aarhus.'],
  sections: arrangeSections(
    DEFAULT_TEMPLATE,
    Object.entries({
      introduction:
        'For at klæde organisationen bedst muligt på til at navigere i forandringerne på beskæftigelsesområdet, er der behov for én samlet, strategisk retning for beskæftigelsesindsatsen i Aarhus, som skal godkendes af rådmanden. Med denne indstilling præsenteres rådmanden for forvaltningens bud på en vision for Job Aarhus, som samler og viderebringer de seneste års strategiske arbejde på beskæftigelsesområdet.',
      caseDescription: [
        'Beskæftigelsesområdet i Aarhus er under stor forandring i de kommende år. De nærmere detaljer for både visionen, visionspejlemærkerne og de strategiske indsatsområder er beskrevet i bilag 1.',
        '',
        '**”Vi fremmer lediges og virksomheders handlekraft – ved at flest muligt bliver en del af et arbejdsfællesskab.”**',
        '',
        'Derfor arbejder vi ud fra pejlemærkerne (uddybet i bilag 1):',
        '- Aarhus har plads til og brug for alle',
        '- Virkeligheden virker',
        '- Kunden i centrum',
      ].join('\n'),
      risks:
        'Visionen er det strategiske udgangspunkt for samtlige processer på beskæftigelsesområdet og udgangspunktet for kommunikationen internt og eksternt i de kommende år.',
      furtherProcess:
        'Forvaltningen er i gang med at formulere konkrete indsatser/handlinger under de strategiske indsatsområder.\n\nSocial- og Beskæftigelsesudvalget præsenteres for vision og de strategiske indsatsområder på udvalgsmødet den 25. februar 2026.',
      coordinatedWith: 'Organisation og Ledelse',
      attachments: 'Bilag 1: Vision for Job Aarhus – slideshow',
    }).map(([key, text]) => ({ key, blocks: parseBlocks(text) })),
  ),
};

const seedInput: ProposalDocumentInput = {
  content: seedContent,
  meetingDate: '2026-01-27',
  plannedMinutes: 15,
  unitName: 'Fagligt Sekretariat',
  proposalDate: '2026-01-22',
  caseNumber: 'EMN-2025-00982',
  caseOfficer: { name: 'Daniel Færgemand Laursen', phone: '41 85 91 46', email: 'lfda@aarhus.dk' },
  version: null,
  municipality: 'Aarhus Kommune',
  lang: 'da',
};

const squash = (s: string) => s.replace(/\s+/g, ' ');

test(
  'the seed proposal reads as the seed does: addressee and meeting on top, sections in capitals, "Det indstilles, 1. at …", an empty section as "-", the case officer beside it',
  needsPoppler,
  () => {
    const pdf = proposalPdf(seedInput);
    const { raw, info, pages } = readPdf(pdf);
    const flat = squash(raw);
    const firstPage = squash(raw.split('\f')[0]);
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, /Title:\s+Godkendelse af vision og strategiske indsatsområder for Job Aarhus/);
    assert.match(pages[0], /^\s*Aarhus Kommune\s+Indstilling til Rådmanden · 27\.01\.26/);
    assert.match(flat, /Indstilling til Rådmanden 27\.01\.26 - 15 minutter Godkendelse af vision og strategiske indsatsområder for Job Aarhus/);
    for (const h of [
      'INDLEDNING',
      'INDSTILLING',
      'SAGSFREMSTILLING',
      'RESSOURCER',
      'RISICI, MULIGHEDER OG KOMMUNIKATIVE OPMÆRKSOMHEDER',
      'VIDERE PROCES',
      'KOORDINERET MED',
      'BILAG',
    ])
      assert.ok(flat.includes(h), `heading ${h}`);
    assert.match(flat, /INDSTILLING Det indstilles, 1\. at rådmanden godkender visionen/);
    assert.match(flat, /RESSOURCER - RISICI/);
    assert.match(flat, /• Aarhus har plads til og brug for alle • Virkeligheden virker • Kunden i centrum/);
    // The side column on the first page.
    for (const line of [
      'Fagligt Sekretariat',
      '22.01.2026',
      'Sag: EMN-2025-00982',
      'Sagsbehandler: Daniel Færgemand Laursen',
      'Tlf.: 41 85 91 46',
      'E-post: lfda@aarhus.dk',
    ])
      assert.ok(firstPage.includes(line), `side column: ${line}`);
    assert.match(pages.at(-1)!, new RegExp(`side ${pages.length} af ${pages.length}`));
    assert.doesNotMatch(flat, /Version/);
  },
);

test('a changed version says so, user text is never markup, and English prints the fixed texts in English', needsPoppler, () => {
  const hostile = '#set page(fill: red) *fed* $x$ <label> @ref // kommentar _kursiv_ `kode` \\ [klamme]';
  const pdf = proposalPdf({
    ...seedInput,
    content: {
      ...seedContent,
      title: `Æbler, øl og ål: ${hostile}`,
      atPoints: [hostile, 'rådmanden godkender planen'],
      sections: seedContent.sections.map((s) =>
        s.key === 'introduction' ? { ...s, blocks: [{ kind: 'paragraph', spans: [{ text: hostile }, { text: ' og fed tekst', bold: true }] }] } : s,
      ),
    },
    version: { number: 2, changeNote: 'Bilag 1 er opdateret efter #rådmandsmødet' },
  });
  const flat = squash(readPdf(pdf).raw);
  assert.match(flat, /Version 2 – ændret: Bilag 1 er opdateret efter #rådmandsmødet/);
  assert.ok(flat.includes(`Æbler, øl og ål: ${hostile}`), flat.slice(0, 600));
  assert.ok(flat.includes(`1. at ${hostile}`));
  assert.ok(flat.includes('2. at rådmanden godkender planen'));
  assert.ok(flat.includes(`${hostile} og fed tekst`));

  const en = squash(readPdf(proposalPdf({ ...seedInput, lang: 'en', caseOfficer: { name: 'Daniel Færgemand Laursen', phone: '', email: '' } })).raw);
  assert.match(en, /Proposal to Rådmanden 27 January 2026 - 15 minutes/);
  assert.match(en, /RECOMMENDATION It is recommended 1\. at rådmanden godkender/);
  assert.match(en, /CASE DESCRIPTION/);
  assert.match(en, /Case officer: Daniel Færgemand Laursen/);
  assert.doesNotMatch(en, /Phone:|E-mail:/);
  assert.match(en, /page 1 of \d/);
});

test('a long e-mail address breaks inside the side column instead of running off the page', needsPoppler, () => {
  const email = 'sofie.broendt.joergensen.gehlert@socialforvaltningen.aarhus.dk';
  const { raw, text } = readPdf(proposalPdf({ ...seedInput, caseOfficer: { name: 'Sofie Brøndt Jørgensen', phone: '41 85 99 39', email } }));
  const firstPage = raw.split('\f')[0];
  assert.ok(firstPage.replace(/[\s\u200b]/g, '').includes(`E-post:${email}`), firstPage);
  // Wrapped: no line of the page holds the whole address.
  assert.ok(!text.split('\n').some((line) => line.includes(email)));
  assert.match(firstPage, /Tlf\.: 41 85 99 39/);
});

test('a proposal without unit or case officer uses the full width and leaves the side column out', needsPoppler, () => {
  const { raw: text } = readPdf(proposalPdf({ ...seedInput, unitName: null, proposalDate: null, caseNumber: null, caseOfficer: null, meetingDate: null }));
  assert.match(text, /Indstilling til Rådmanden\s+15 minutter/);
  assert.doesNotMatch(text, /Sagsbehandler|Fagligt Sekretariat/);
});

test('the proposal as DOCX: Word headings, the at-points as a numbered list, bullets, bold runs, header, page fields and language', async () => {
  const docx = await proposalDocx({ ...seedInput, version: { number: 3, changeNote: 'Ny tidsplan' } });
  const { value: html } = await mammoth.convertToHtml({ buffer: docx });
  assert.match(html, /<h1>Godkendelse af vision og strategiske indsatsområder for Job Aarhus<\/h1>/);
  assert.match(html, /<h2>Indstilling<\/h2><p>Det indstilles,<\/p><ol><li>at rådmanden godkender visionen/);
  assert.match(html, /<ul><li>Aarhus har plads til og brug for alle<\/li><li>Virkeligheden virker<\/li>/);
  assert.match(html, /<strong>”Vi fremmer lediges/);
  assert.match(html, /<h2>Ressourcer<\/h2><p>-<\/p>/);
  const parts = unzip(docx);
  const body = parts.get('word/document.xml')!.toString();
  assert.match(body, /<w:caps\/>|<w:caps w:val="true"\/>/, 'section headings print in capitals');
  const text = wordText(body);
  assert.match(text, /Version 3 – ændret: Ny tidsplan/);
  assert.match(
    text,
    /Fagligt Sekretariat\n22\.01\.2026\nSag: EMN-2025-00982\nSagsbehandler: Daniel Færgemand Laursen\nTlf\.: 41 85 91 46\nE-post: lfda@aarhus\.dk/,
  );
  const header = [...parts].find(([n]) => /^word\/header\d*\.xml$/.test(n))![1].toString();
  assert.match(wordText(header), /Aarhus Kommune\tIndstilling til Rådmanden · 27\.01\.26/);
  const footer = [...parts].find(([n]) => /^word\/footer\d*\.xml$/.test(n))![1].toString();
  assert.match(wordText(footer).replace(/\s+/g, ' '), /side \{ ?PAGE ?\} af \{ ?NUMPAGES ?\}/);
  assert.match(parts.get('word/styles.xml')!.toString(), /<w:lang w:val="da-DK"/);
  assert.match(parts.get('docProps/core.xml')!.toString(), /<dc:title>Godkendelse af vision og strategiske indsatsområder for Job Aarhus<\/dc:title>/);
});
