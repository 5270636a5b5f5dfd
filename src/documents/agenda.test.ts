import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import type { AgendaItemView, MeetingDetail } from '../meetings/schemas.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { needsPoppler, readPdf, unzip, wordText } from '../../test/helpers/documents.ts';
import { agendaDocx, agendaPdf } from './agenda.ts';

const aarhus = { municipality: 'Aarhus Kommune', lang: 'da' } as const;
const squash = (s: string) => s.replace(/\s+/g, ' ');

// The demo's meetings as the API hands them to the secretariat and to an anonymous reader.
let t: TestApp;
let committee: MeetingDetail;
let aldermanMembers: MeetingDetail;
let aldermanPublic: MeetingDetail;
before(async () => {
  t = await startTestApp('sqlite');
  committee = await t.meetingOn('2026-02-04', 'sekretariat');
  aldermanMembers = await t.meetingOn('2026-01-27', 'sekretariat');
  aldermanPublic = await t.meetingOn('2026-01-27');
});
after(() => t?.close());

test(
  'the committee agenda of 4 February reads as the seed: time and place, the short agenda, and each item with its slot, responsible, purpose, method and attachments',
  needsPoppler,
  () => {
    const { text, pages, info } = readPdf(agendaPdf(committee, aarhus));
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, /Title:\s+Dagsorden: Social- og Beskæftigelsesudvalgsmøde/);
    assert.match(pages[0], /^\s*Aarhus Kommune\s+Dagsorden: Social- og Beskæftigelsesudvalgsmøde/);
    assert.match(
      squash(text),
      /Social- og Beskæftigelsesudvalget Dagsorden: Social- og Beskæftigelsesudvalgsmøde Mødedato: 4\. februar 2026 Mødetid: Kl\. 20\.00 – 21\.30 Mødested: Rådhuset, lokale 398/,
    );
    assert.match(text, /Dagsorden kort\s+1\. Godkendelse af dagsorden\s+2\. Referat fra udvalgets møde den 21\. januar 2026/);
    assert.match(text, /13\. Evt\./);
    const flat = squash(text);
    assert.match(
      flat,
      /1\. Godkendelse af dagsorden Baggrund\/formål: Dagsordenen for mødet i Social- og Beskæftigelsesudvalget godkendes\. Ansvarlig: Anna Thusgård Tid: 20\.00 – 20\.03 \(3 min\.\) Bilag: - Bilag 1: Dagsorden til mødet i Social- og Beskæftigelsesudvalget den 4\. februar 2026/,
    );
    assert.match(
      flat,
      /3\. Godkendelse af revideret mødeplan Baggrund\/formål: .* Metode: Udvalget skal godkende den reviderede mødeplan\. Ansvarlig: Anna Thusgård Tid: 20\.04 – 20\.05 \(1 min\.\) Bilag: - Bilag 1: Indstilling/,
    );
    assert.match(text, /Tid: 20\.05 – 20\.25 \(20 min\.\)/);
    // Purpose text with bullet lines keeps them as a list.
    assert.match(flat, /introduceret til: • Reformens intentioner/);
    assert.equal(pages.length > 1, true);
    pages.forEach((p, i) => assert.match(p, new RegExp(`side ${i + 1} af ${pages.length}`)));
  },
);

test('the public edition prints a closed item by its public title and nothing else of it; the members edition prints it whole and marked', needsPoppler, () => {
  const closedTitle = 'Personalesag: Ansættelse af ny chef i Job Aarhus';
  const secrets = [closedTitle, 'ansættelsesforløbet', 'Indstilling om ansættelse', 'Organisation og Ledelse', 'Indstilling: Vision for Job Aarhus'];
  const pub = squash(readPdf(agendaPdf(aldermanPublic, aarhus)).text);
  for (const s of secrets) assert.ok(!pub.includes(s), `public edition shows "${s}"`);
  assert.match(pub, /4\. Personalesag \(Lukket punkt\)/);
  assert.match(
    pub,
    /4\. Personalesag Lukket punkt Hjemmel: Offentlighedslovens § 21 og § 30, nr\. 1 \(oplysninger om private forhold\) Tid: 08\.49 – 08\.59 \(10 min\.\) 5\. Orientering fra Magistraten/,
  );

  const members = squash(readPdf(agendaPdf(aldermanMembers, aarhus)).text);
  assert.match(members, /4\. Personalesag: Ansættelse af ny chef i Job Aarhus Lukket punkt \(offentlig titel: Personalesag\) Hjemmel: Offentlighedslovens/);
  assert.match(
    members,
    /Baggrund\/formål: Rådmanden orienteres om ansættelsesforløbet og den indstillede kandidat\. Metode: Orientering Ansvarlig: Organisation og Ledelse/,
  );
  assert.match(members, /Bilag: - Bilag 1: Indstilling om ansættelse/);

  // The document keeps to "restricted" on its own, whatever else a caller leaves in the item.
  const leaky: MeetingDetail = {
    ...aldermanPublic,
    items: aldermanPublic.items.map((i) =>
      i.restricted
        ? {
            ...i,
            purpose: 'HEMMELIGT formål',
            method: 'HEMMELIG metode',
            responsible: 'HEMMELIG',
            subheading: 'HEMMELIG',
            attachments: [{ ...committee.items[0].attachments[0], title: 'HEMMELIGT bilag' }],
            parts: [{ kind: 'proposal', number: 1, proposalId: 'p', title: 'HEMMELIG indstilling', caseNumber: 'HEMMELIG', caseOfficer: 'HEMMELIG' }],
          }
        : i,
    ),
  };
  assert.doesNotMatch(readPdf(agendaPdf(leaky, aarhus)).text, /HEMMELIG/);
});

// Items written by hand, on the shape of the API's own (whatever fields it grows).
const item = (n: number, over: Partial<AgendaItemView>): AgendaItemView => ({
  ...committee.items[0],
  id: `item-${n}`,
  number: n,
  title: `Punkt ${n}`,
  plannedMinutes: 5,
  plannedStart: `2026-01-27T14:${String((n - 1) * 5).padStart(2, '0')}:00+01:00`,
  plannedEnd: `2026-01-27T14:${String(n * 5).padStart(2, '0')}:00+01:00`,
  subheading: null,
  responsible: null,
  purpose: null,
  method: null,
  attachments: [],
  parts: [],
  overrun: false,
  ...over,
});

const hostile = '#set page(fill: red) *fed* _kursiv_ $x$ <label> @ref // kommentar \\ [klamme] = ikke overskrift';
const written = (): MeetingDetail => ({
  ...committee,
  title: 'Rådmandsmøde',
  organization: { id: 'o', name: 'Rådmandsmøde – Sociale Forhold og Beskæftigelse', shortName: null },
  start: '2026-01-27T13:00:00Z',
  end: '2026-01-27T14:30:00Z',
  location: 'Rådhuset, lokale 398',
  state: 'agenda_published',
  items: [
    item(1, {
      title: `Æblegrød, øl og ål: ${hostile}`,
      responsible: hostile,
      purpose: `${hostile}\n- punkt med *stjerner*\n• ${hostile}`,
      method: 'Drøftelse',
      parts: [{ kind: 'attachment', number: 1, owner: 'item', attachment: { ...committee.items[0].attachments[0], title: `Bilag ${hostile}` } }],
    }),
    item(2, { title: 'Bordet rundt', plannedMinutes: 0, plannedEnd: '2026-01-27T14:05:00+01:00' }),
    item(3, { title: 'Evt.', plannedStart: '2026-01-27T14:05:00+01:00', plannedEnd: '2026-01-27T14:15:00+01:00', plannedMinutes: 10 }),
  ],
});

test('user text is printed literally, never as Typst markup, with Danish letters; an item without minutes shows its start', needsPoppler, () => {
  const pdf = agendaPdf(written(), aarhus);
  const { text, info } = readPdf(pdf);
  assert.match(info, /Pages:\s+1\n/, 'no page set-up was changed by the text');
  const flat = squash(text);
  assert.match(flat, /Mødedato: 27\. januar 2026 Mødetid: Kl\. 14\.00 – 15\.30/);
  assert.ok(flat.includes(`1. Æblegrød, øl og ål: ${hostile}`), flat);
  assert.ok(flat.includes(`Baggrund/formål: ${hostile} • punkt med *stjerner* • ${hostile}`));
  assert.ok(flat.includes(`Ansvarlig: ${hostile}`));
  assert.ok(flat.includes(`Tid: 14.00 – 14.05 (5 min.) Bilag: - Bilag 1: Bilag ${hostile}`));
  assert.match(flat, /2\. Bordet rundt Tid: 14\.05 3\. Evt\. Tid: 14\.05 – 14\.15 \(10 min\.\)/);
});

test('in English the fixed texts and times are English; a cancelled meeting and an empty agenda say so', needsPoppler, () => {
  const en = squash(readPdf(agendaPdf(written(), { municipality: 'Aarhus Kommune', lang: 'en' })).text);
  assert.match(en, /Agenda: Rådmandsmøde Date: 27 January 2026 Time: 14:00 – 15:30 Place: Rådhuset, lokale 398/);
  assert.match(en, /Agenda at a glance/);
  assert.match(en, /Responsible: #set page/);
  assert.match(en, /Time: 14:00 – 14:05 \(5 min\.\) Attachments:/);
  assert.match(en, /page 1 of 1/);
  const cancelled = squash(readPdf(agendaPdf({ ...written(), state: 'cancelled', items: [] }, aarhus)).text);
  assert.match(cancelled, /Mødet er aflyst\. Dagsordenen har endnu ingen punkter\./);
});

test('the agenda as DOCX: Word headings, the short agenda as a numbered list, fields, attachments as bullets, header, page fields, language', async () => {
  const docx = await agendaDocx(committee, aarhus);
  const { value: html } = await mammoth.convertToHtml({ buffer: docx });
  assert.match(html, /<h1>Dagsorden: Social- og Beskæftigelsesudvalgsmøde<\/h1>/);
  assert.match(html, /<h2>Dagsorden kort<\/h2><ol><li>Godkendelse af dagsorden<\/li><li>Referat fra udvalgets møde den 21\. januar 2026<\/li>/);
  assert.match(
    html,
    /<h2>1\. Godkendelse af dagsorden<\/h2><p><strong>Baggrund\/formål:<\/strong> Dagsordenen for mødet i Social- og Beskæftigelsesudvalget godkendes\.<\/p><p><strong>Ansvarlig: <\/strong>Anna Thusgård<\/p><p><strong>Tid: <\/strong>20\.00 – 20\.03 \(3 min\.\)<\/p><p><strong>Bilag:<\/strong><\/p><ul><li>Bilag 1: Dagsorden til mødet/,
  );
  assert.match(html, /<h2>13\. Evt\.<\/h2>/);
  const parts = unzip(docx);
  const header = [...parts].find(([n]) => /^word\/header\d*\.xml$/.test(n))![1].toString();
  assert.match(wordText(header), /Aarhus Kommune\tDagsorden: Social- og Beskæftigelsesudvalgsmøde/);
  const footer = [...parts].find(([n]) => /^word\/footer\d*\.xml$/.test(n))![1].toString();
  assert.match(squash(wordText(footer)), /side \{ ?PAGE ?\} af \{ ?NUMPAGES ?\}/);
  assert.match(parts.get('word/styles.xml')!.toString(), /<w:lang w:val="da-DK"/);
  assert.match(parts.get('docProps/core.xml')!.toString(), /<dc:title>Dagsorden: Social- og Beskæftigelsesudvalgsmøde<\/dc:title>/);

  const pub = await mammoth.extractRawText({ buffer: await agendaDocx(aldermanPublic, aarhus) });
  assert.doesNotMatch(pub.value, /Ansættelse af ny chef|ansættelsesforløbet|Indstilling om ansættelse/);
  assert.match(pub.value, /4\. Personalesag\n+Lukket punkt/);
});
