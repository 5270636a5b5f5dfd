import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument, PDFName } from 'pdf-lib';
import { pdfText } from '../../test/helpers/pdf-text.ts';
import { overviewPdf, type Overview, type OverviewEntry } from './overview.ts';

const karen = { personId: 'p1', name: 'Karen Holm', initials: 'KH' };
const sara = { personId: 'p2', name: 'Sara Bech', initials: 'SB' };
const entry = (e: Partial<OverviewEntry>): OverviewEntry => ({
  id: 'x',
  kind: 'note',
  quote: null,
  page: null,
  body: '',
  created: '2026-02-02T09:00:00Z',
  anchor: null,
  edited: false,
  deleted: false,
  author: karen,
  mine: true,
  audience: [],
  replies: [],
  ...e,
});

export const overviewFixture: Overview = {
  municipality: 'Aarhus Kommune',
  meeting: {
    id: 'm',
    title: 'Rådmandsmøde',
    organizationName: 'Rådmanden for Sociale Forhold og Beskæftigelse',
    start: '2026-01-27T13:00:00Z',
    end: '2026-01-27T15:00:00Z',
  },
  notes: [
    {
      id: 'i3',
      number: 3,
      title: 'Vision for Job Aarhus',
      plannedMinutes: 15,
      documents: [
        { target: 'item', documentId: null, number: null, title: null, entries: [entry({ body: 'Spørg til tidsplanen' })] },
        {
          target: 'proposal',
          documentId: 'pr',
          number: 1,
          title: 'Godkendelse af vision og strategiske indsatsområder for Job Aarhus',
          entries: [
            entry({ quote: 'én samlet, strategisk retning', page: 1, body: 'Hvad betyder det for jobcentrene?', anchor: 'current' }),
            entry({ kind: 'highlight', quote: 'frisættelse', page: 2, anchor: 'orphaned' }),
          ],
        },
        {
          target: 'attachment',
          documentId: 'a2',
          number: 2,
          title: 'Visionspejlemærker',
          entries: [entry({ quote: 'tillid', page: 3, body: '#set page(fill: red) *fed*', anchor: 'current' })],
        },
      ],
    },
  ],
  comments: [
    {
      id: 'i3',
      number: 3,
      title: 'Vision for Job Aarhus',
      plannedMinutes: 15,
      documents: [
        {
          target: 'proposal',
          documentId: 'pr',
          number: 1,
          title: 'Godkendelse af vision',
          entries: [
            entry({
              kind: 'comment',
              author: sara,
              mine: false,
              quote: 'viderebringer de seneste års strategiske arbejde',
              page: 1,
              body: 'Lad os tage det op i gruppen',
              edited: true,
              audience: [
                { kind: 'group', value: 'Venstre', name: 'Venstre' },
                { kind: 'person', value: 'p1', name: 'Karen Holm' },
              ],
              replies: [entry({ kind: 'comment', body: 'Enig, jeg tager det med', created: '2026-02-03T09:00:00Z' })],
            }),
            entry({ kind: 'comment', author: sara, mine: false, deleted: true, body: '', audience: [{ kind: 'members', value: null, name: null }] }),
          ],
        },
      ],
    },
  ],
};

test('the overview PDF prints "Overblik: Noter" then "Overblik: Delte kommentarer", per item and Bilag, with quote, page, note, date and version', async () => {
  const { text } = await pdfText(overviewPdf(overviewFixture, 'da'));
  assert.match(text, /^Aarhus Kommune /);
  assert.match(text, /Overblik: Noter Punkt 3: Vision for Job Aarhus \(15 min\) Punktet Spørg til tidsplanen/);
  assert.match(
    text,
    /Bilag 1: Indstilling: Godkendelse af vision og strategiske indsatsområder for Job Aarhus side 1 én samlet, strategisk retning Hvad betyder det for jobcentrene\? 2\. februar 2026/,
  );
  assert.match(text, /side 2 · Markering · Knyttet til en tidligere version frisættelse/);
  assert.match(text, /Bilag 2: Visionspejlemærker side 3 tillid #set page\(fill: red\) \*fed\*/);
  assert.ok(text.indexOf('Overblik: Noter') < text.indexOf('Overblik: Delte kommentarer'));
  const shared = text.slice(text.indexOf('Overblik: Delte kommentarer'));
  assert.match(shared, /Punkt 3: Vision for Job Aarhus \(15 min\) Bilag 1: Indstilling: Godkendelse af vision/);
  assert.match(shared, /Lad os tage det op i gruppen Sara Bech · 2\. februar 2026 · redigeret Delt med: gruppen Venstre, Karen Holm/);
  assert.match(shared, /Enig, jeg tager det med Karen Holm · 3\. februar 2026/);
  assert.match(shared, /Kommentaren er slettet Sara Bech · 2\. februar 2026 Delt med: alle medlemmer/);
});

test('the overview in English, and an empty one says so', async () => {
  const { text } = await pdfText(overviewPdf(overviewFixture, 'en'));
  assert.match(text, /Overview: Notes Item 3: Vision for Job Aarhus \(15 min\) The item/);
  assert.match(text, /Attachment 1: Proposal: Godkendelse/);
  assert.match(text, /Attached to an earlier version/);
  assert.match(text, /Shared with: the group Venstre, Karen Holm/);
  const empty = (await pdfText(overviewPdf({ ...overviewFixture, notes: [], comments: [] }, 'da'))).text;
  assert.match(empty, /Overblik: Noter Du har ingen noter til dette møde\./);
  assert.match(empty, /Overblik: Delte kommentarer Ingen kommentarer er delt med dig på dette møde\./);
});

test('the overview names its language for screen readers and quotes as block quotes in its structure', async () => {
  const bytes = overviewPdf(overviewFixture, 'en');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  assert.equal(String(doc.catalog.get(PDFName.of('Lang'))), '(en)');
  assert.equal(doc.getTitle(), 'Overview: Notes: Rådmandsmøde');
  assert.ok(doc.catalog.get(PDFName.of('StructTreeRoot')), 'a structure tree (tagged PDF)');
  assert.match(bytes.toString('latin1'), /\/BlockQuote/);
});
