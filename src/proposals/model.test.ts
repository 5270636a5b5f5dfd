import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proposalDeadline } from '../meetings/model.ts';
import { allowedEvents, arrangeSections, blocksToText, DEFAULT_TEMPLATE, isLate, mayEditText, parseBlocks, parseSpans, transition } from './model.ts';

test('written text becomes paragraphs, bullet lists and bold runs, and back again', () => {
  const text =
    'Derfor arbejder vi ud fra **pejlemærkerne**:\nuddybet i bilag 1.\n\n- Aarhus har plads til og brug for alle\n• Virkeligheden virker\n- Kunden i centrum\n\nSidste afsnit.';
  const blocks = parseBlocks(text);
  assert.deepEqual(blocks, [
    { kind: 'paragraph', spans: [{ text: 'Derfor arbejder vi ud fra ' }, { text: 'pejlemærkerne', bold: true }, { text: ': uddybet i bilag 1.' }] },
    { kind: 'bullets', items: [[{ text: 'Aarhus har plads til og brug for alle' }], [{ text: 'Virkeligheden virker' }], [{ text: 'Kunden i centrum' }]] },
    { kind: 'paragraph', spans: [{ text: 'Sidste afsnit.' }] },
  ]);
  assert.deepEqual(parseBlocks(blocksToText(blocks)), blocks);
});

test('markup-like text stays text; an unmatched ** is kept literally', () => {
  assert.deepEqual(parseSpans('<b>#set page(fill: red)</b> $x$'), [{ text: '<b>#set page(fill: red)</b> $x$' }]);
  assert.deepEqual(parseSpans('2 ** 3 er 8'), [{ text: '2 ** 3 er 8' }]);
  assert.deepEqual(parseBlocks('\n\n  \n'), []);
});

test("sections follow the template's order; missing ones are empty, unknown ones dropped", () => {
  const s = arrangeSections(DEFAULT_TEMPLATE, [
    { key: 'resources', blocks: parseBlocks('-') },
    { key: 'introduction', blocks: parseBlocks('Indledning') },
    { key: 'nonsense', blocks: parseBlocks('x') },
  ]);
  assert.deepEqual(
    s.map((x) => x.heading),
    [
      'Indledning',
      'Indstilling',
      'Sagsfremstilling',
      'Ressourcer',
      'Risici, muligheder og kommunikative opmærksomheder',
      'Videre proces',
      'Koordineret med',
      'Bilag',
    ],
  );
  assert.equal(s[0].blocks.length, 1);
  assert.equal(s[2].blocks.length, 0);
});

test('life cycle: kladde → indsendt → godkendt → på dagsorden → besluttet, and who may do each step', () => {
  const writer = ['writer'] as const;
  const secretary = ['secretary'] as const;
  assert.deepEqual(transition('draft', 'submit', { roles: writer }), { ok: true, to: 'submitted' });
  assert.deepEqual(transition('submitted', 'accept', { roles: writer }), { ok: false, reason: 'not_permitted' });
  assert.deepEqual(transition('submitted', 'accept', { roles: secretary }), { ok: true, to: 'accepted' });
  assert.deepEqual(transition('accepted', 'schedule', { roles: secretary }), { ok: true, to: 'scheduled' });
  assert.deepEqual(transition('scheduled', 'decide', { roles: secretary }), { ok: true, to: 'decided' });
  assert.deepEqual(transition('decided', 'withdraw', { roles: secretary }), { ok: false, reason: 'not_allowed' });
  assert.deepEqual(transition('draft', 'accept', { roles: secretary }), { ok: false, reason: 'not_allowed' });
  assert.deepEqual(transition('submitted', 'return', { roles: secretary }), { ok: true, to: 'draft' });
  assert.deepEqual(allowedEvents('draft', writer), ['submit', 'withdraw']);
  assert.deepEqual(allowedEvents('decided', secretary), []);
});

test('a late proposal is accepted only with the secretariat saying so', () => {
  assert.deepEqual(transition('submitted', 'accept', { roles: ['secretary'], late: true }), { ok: false, reason: 'late' });
  assert.deepEqual(transition('submitted', 'accept', { roles: ['secretary'], late: true, acceptLate: true }), { ok: true, to: 'accepted' });
  assert.equal(isLate('2026-01-20T11:00:00.000Z', '2026-01-20T11:00:00.000Z'), false);
  assert.equal(isLate('2026-01-20T11:00:01.000Z', '2026-01-20T11:00:00.000Z'), true);
  assert.equal(isLate(null, '2026-01-20T11:00:00.000Z'), false);
});

test('the default deadline is noon Copenhagen time a week before; a meeting may set its own', () => {
  // 27 January 2026 14.00 in Copenhagen (winter time, UTC+1) → 20 January 12.00 = 11.00 UTC.
  assert.equal(proposalDeadline('2026-01-27T13:00:00.000Z', null), '2026-01-20T11:00:00.000Z');
  // Across the change to summer time: 2 April 2026 → 26 March 12.00 (UTC+1).
  assert.equal(proposalDeadline('2026-04-02T12:00:00.000Z', null), '2026-03-26T11:00:00.000Z');
  assert.equal(proposalDeadline('2026-01-27T13:00:00.000Z', '2026-01-22T09:00:00.000Z'), '2026-01-22T09:00:00.000Z');
});

test('the text is the writer’s while a draft; afterwards only the secretariat corrects it, until decided', () => {
  assert.equal(mayEditText('draft', ['writer']), true);
  assert.equal(mayEditText('submitted', ['writer']), false);
  assert.equal(mayEditText('scheduled', ['secretary']), true);
  assert.equal(mayEditText('decided', ['secretary']), false);
  assert.equal(mayEditText('draft', []), false);
});
