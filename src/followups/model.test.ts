import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, isOverdue, remindersDue, suggestFollowUps } from './model.ts';

const units = [
  { id: 'fas', shortName: 'FAS', name: 'Fagligt Sekretariat' },
  { id: 'mob', shortName: 'MØB', name: 'MØB' },
  { id: 'ol', shortName: 'OL', name: 'Organisation og Ledelse' },
];

test('the seed’s remarks propose follow-ups with the unit filled in, a short one with the sentence before it', () => {
  const remarks = [
    '• Rådmanden anbefalede Odense Kommunes inspirationsoplæg fra KØF. FAS følger op ift. at skaffe oplægget.',
    'Rådmanden får en status på arbejdet i MSB på et kommende rådmandsmøde. MØB følger op.',
    'Vi skal være opmærksom på intern orientering - OL laver en plan ift. hvornår hvem bliver orienteret i processen.',
    'Godt med opsøgende kontakt til virksomheder.',
    'FASE 2 følger op senere.',
  ].join('\n');
  const s = suggestFollowUps(remarks, units);
  assert.deepEqual(
    s.map((x) => [x.unit.shortName, x.text]),
    [
      ['FAS', 'Rådmanden anbefalede Odense Kommunes inspirationsoplæg fra KØF. FAS følger op ift. at skaffe oplægget.'],
      ['MØB', 'Rådmanden får en status på arbejdet i MSB på et kommende rådmandsmøde. MØB følger op.'],
      ['OL', 'Vi skal være opmærksom på intern orientering - OL laver en plan ift. hvornår hvem bliver orienteret i processen.'],
    ],
  );
});

test('overdue: active and past its due date', () => {
  assert.ok(isOverdue({ status: 'open', dueDate: '2026-11-26' }, '2026-11-27'));
  assert.ok(!isOverdue({ status: 'open', dueDate: '2026-11-27' }, '2026-11-27'), 'due today is not overdue yet');
  assert.ok(!isOverdue({ status: 'done', dueDate: '2026-01-01' }, '2026-11-27'));
  assert.ok(!isOverdue({ status: 'in_progress', dueDate: null }, '2026-11-27'));
});

test('each reminder goes out once: soon before the due date, overdue after it', () => {
  const base = { status: 'open', remindedSoon: null, remindedOverdue: null };
  const list = [
    { ...base, id: 'a', dueDate: '2026-11-29' },
    { ...base, id: 'b', dueDate: '2026-11-20' },
    { ...base, id: 'c', dueDate: '2026-12-20' },
    { ...base, id: 'd', dueDate: '2026-11-28', remindedSoon: '2026-11-26' },
    { ...base, id: 'e', dueDate: '2026-11-01', status: 'done' },
  ];
  assert.deepEqual(remindersDue(list, '2026-11-27', '2026-11-30'), [
    { id: 'a', kind: 'soon' },
    { id: 'b', kind: 'overdue' },
  ]);
});

test('status moves: done and cancelled can be reopened, nothing else from them', () => {
  assert.ok(canMove('open', 'done'));
  assert.ok(canMove('done', 'open'));
  assert.ok(!canMove('done', 'in_progress'));
  assert.ok(!canMove('cancelled', 'done'));
});
