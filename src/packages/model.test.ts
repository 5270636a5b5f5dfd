import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageKey, packageMap, planItemParts, type AttachmentFacts, type ItemFacts } from './model.ts';

const file = (title: string, extra: Partial<AttachmentFacts> = {}): AttachmentFacts => ({
  id: title,
  title,
  fileName: `${title}.pdf`,
  isPublic: true,
  pdfSha256: `sha-${title}`,
  conversion: 'native',
  ...extra,
});
const item = (extra: Partial<ItemFacts> = {}): ItemFacts => ({
  number: 3,
  title: 'Vision for Job Aarhus',
  restricted: false,
  proposal: null,
  proposalAttachments: [],
  attachments: [],
  approves: null,
  ...extra,
});

test('the proposal is Bilag 1, then its files, then the item’s own, each stamped "Punkt N, Bilag M: name"', () => {
  const parts = planItemParts(
    item({
      proposal: { id: 'p', title: 'Godkendelse af vision' },
      proposalAttachments: [file('Bilag 1: Vision for Job Aarhus - slideshow')],
      attachments: [file('Notat')],
    }),
    'full',
    'da',
  );
  assert.deepEqual(
    parts.map((p) => [p.number, p.stamp, p.origin.kind]),
    [
      [1, 'Punkt 3, Bilag 1: Indstilling: Godkendelse af vision', 'proposal'],
      [2, 'Punkt 3, Bilag 2: Bilag 1: Vision for Job Aarhus - slideshow.pdf', 'file'],
      [3, 'Punkt 3, Bilag 3: Notat.pdf', 'file'],
    ],
  );
  assert.equal(parts[1].fileName, 'Punkt 3, Bilag 2 - Bilag 1_ Vision for Job Aarhus - slideshow.pdf');
});

test('a file that is not public keeps its number in the public edition, naming nothing of it; a closed item has no parts', () => {
  const facts = item({ attachments: [file('Internt', { isPublic: false }), file('Offentligt')] });
  const shown = planItemParts(facts, 'public', 'da');
  assert.deepEqual(
    shown.map((p) => p.stamp),
    ['Punkt 3, Bilag 1: Bilaget er ikke offentligt', 'Punkt 3, Bilag 2: Offentligt.pdf'],
  );
  assert.deepEqual(shown[0].origin, { kind: 'withheld' });
  assert.ok(!JSON.stringify(shown).includes('Internt'), 'nothing of the withheld file');
  assert.deepEqual(
    planItemParts(facts, 'full', 'da').map((p) => p.stamp),
    ['Punkt 3, Bilag 1: Internt.pdf', 'Punkt 3, Bilag 2: Offentligt.pdf'],
  );
  assert.equal(planItemParts(facts, 'public', 'en')[0].stamp, 'Item 3, Attachment 1: The attachment is not public');
  // A proposal this reader may not read yet is still Bilag 1: what follows keeps the agenda's numbers.
  const unread = planItemParts(item({ proposal: { id: 'p', title: 'Ikke udsendt', withheld: true }, attachments: [file('Offentligt')] }), 'full', 'da');
  assert.deepEqual(
    unread.map((p) => p.stamp),
    ['Punkt 3, Bilag 1: Bilaget er ikke offentligt', 'Punkt 3, Bilag 2: Offentligt.pdf'],
  );
  assert.deepEqual(planItemParts(item({ restricted: true, attachments: [file('Hemmeligt')] }), 'full', 'da'), []);
});

test('a file that is not there says why; the minutes named on "Godkendelse af referat" are rendered', () => {
  const parts = planItemParts(
    item({
      approves: { meetingId: 'm0', fileName: '200126_Referat.pdf' },
      attachments: [
        file('200126_Referat.pdf', { fileName: null, pdfSha256: null, conversion: null }),
        file('Kun navn', { fileName: null, pdfSha256: null, conversion: null }),
        file('Budget', { fileName: 'Budget.xlsx', pdfSha256: null, conversion: 'unavailable' }),
        file('Slides', { fileName: 'Slides.pptx', pdfSha256: null, conversion: 'failed' }),
      ],
    }),
    'full',
    'en',
  );
  assert.deepEqual(
    parts.map((p) => p.origin),
    [
      { kind: 'minutes', meetingId: 'm0' },
      { kind: 'missing', reason: 'no_file' },
      { kind: 'missing', reason: 'no_converter' },
      { kind: 'missing', reason: 'conversion_failed' },
    ],
  );
  assert.equal(parts[2].stamp, 'Item 3, Attachment 3: Budget.xlsx');
});

test('the cache key changes with anything the package holds, and only then', () => {
  const base = {
    meetingId: 'm',
    edition: 'full' as const,
    lang: 'da' as const,
    agendaVersion: 4,
    meetingModified: 't1',
    proposals: [{ id: 'p', modified: 't2' }],
    approvedFrom: [],
  };
  assert.equal(packageKey(base), packageKey({ ...base, proposals: [{ id: 'p', modified: 't2' }] }));
  for (const changed of [
    { agendaVersion: 5 },
    { edition: 'public' as const },
    { lang: 'en' as const },
    { proposals: [{ id: 'p', modified: 't3' }] },
    { approvedFrom: ['m0@t'] },
  ]) {
    assert.notEqual(packageKey(base), packageKey({ ...base, ...changed }), JSON.stringify(changed));
  }
});

test('an office file still being converted says so', () => {
  const [part] = planItemParts(item({ attachments: [file('Budget', { fileName: 'Budget.xlsx', pdfSha256: null, conversion: 'pending' })] }), 'full', 'da');
  assert.deepEqual(part.origin, { kind: 'missing', reason: 'converting' });
});

test("the page map: cover and agenda first, then each item's parts in order with the pages each took; a withheld file names nothing", () => {
  const parts = planItemParts(
    item({ proposal: { id: 'p', title: 'Vision' }, attachments: [file('Notat'), file('Hemmeligt', { isPublic: false })] }),
    'public',
    'da',
  );
  const map = packageMap(
    [{ id: 'i3', number: 3, title: 'Vision for Job Aarhus', parts }],
    { coverPages: 1, agendaPages: 2, partPages: [[2, 5, 1]] },
    () => '4',
    'da',
  );
  assert.equal(map.pageCount, 11);
  assert.deepEqual(
    map.parts.map((p) => [p.target, p.label, p.documentId, p.documentVersion, p.firstPage, p.pageCount]),
    [
      ['cover', 'Forside', null, null, 1, 1],
      ['agenda', 'Dagsorden', null, null, 2, 2],
      ['proposal', 'Bilag 1: Indstilling: Vision', 'p', '4', 4, 2],
      ['attachment', 'Bilag 2: Notat.pdf', 'Notat', 'sha-Notat', 6, 5],
      ['withheld', 'Bilag 3: Bilaget er ikke offentligt', null, null, 11, 1],
    ],
  );
  assert.deepEqual(map.items, [{ number: 3, agendaItemId: 'i3', title: 'Vision for Job Aarhus' }]);
});
