import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgendaItemView } from '../meetings/schemas.ts';
import { groupOverview } from './overview-model.ts';
import type { Annotation } from './schemas.ts';

const me = { personId: 'p1', name: 'Karen Holm', initials: 'KH' };
const other = { personId: 'p2', name: 'Sara Bech', initials: 'SB' };
let n = 0;
const ann = (a: Partial<Annotation>): Annotation => ({
  id: `a${++n}`,
  meetingId: 'm',
  agendaItemId: 'i3',
  target: 'item',
  documentId: null,
  documentVersion: null,
  page: null,
  selector: null,
  quote: null,
  kind: 'note',
  visibility: 'private',
  audience: [],
  parentId: null,
  body: 'x',
  color: null,
  created: '2026-02-02T09:00:00Z',
  modified: '2026-02-02T09:00:00Z',
  deleted: false,
  author: me,
  mine: true,
  edited: false,
  anchor: null,
  mentions: [],
  ...a,
});

const items: Pick<AgendaItemView, 'id' | 'number' | 'title' | 'plannedMinutes' | 'parts'>[] = [
  { id: 'i2', number: 2, title: 'Godkendelse af referat', plannedMinutes: 5, parts: [] },
  {
    id: 'i3',
    number: 3,
    title: 'Vision for Job Aarhus',
    plannedMinutes: 15,
    parts: [
      { kind: 'proposal', number: 1, proposalId: 'pr', title: 'Godkendelse af vision', caseNumber: null, caseOfficer: null },
      { kind: 'attachment', number: 2, owner: 'proposal', attachment: { id: 'att', number: 2, title: 'Visionspejlemærker', public: true, file: null } },
    ],
  },
];

test('the overview groups notes per item in agenda order and per Bilag (item first, then by number, then by page), comments with their replies', () => {
  const onAttachment = ann({ target: 'attachment', documentId: 'att', page: 1, quote: 'tillid', body: 'bilag' });
  const late = ann({ target: 'proposal', documentId: 'pr', page: 2, body: 'side 2' });
  const early = ann({ target: 'proposal', documentId: 'pr', page: 1, body: 'side 1' });
  const whole = ann({ body: 'punktet' });
  const onItem2 = ann({ agendaItemId: 'i2', body: 'referat' });
  const gone = ann({ target: 'attachment', documentId: 'removed', page: 1, body: 'væk' });
  const comment = ann({ kind: 'comment', visibility: 'shared', author: other, mine: false, audience: [{ kind: 'person', value: 'p1' }], body: 'kommentar' });
  const reply2 = ann({ kind: 'comment', visibility: 'shared', parentId: comment.id, body: 'svar 2', created: '2026-02-04T09:00:00Z' });
  const reply1 = ann({
    kind: 'comment',
    visibility: 'shared',
    parentId: comment.id,
    author: other,
    mine: false,
    body: 'svar 1',
    created: '2026-02-03T09:00:00Z',
  });
  const deletedRoot = ann({
    kind: 'comment',
    visibility: 'shared',
    author: other,
    mine: false,
    deleted: true,
    body: 'hemmelig',
    quote: 'citat',
    created: '2026-02-05T09:00:00Z',
    audience: [{ kind: 'members', value: '' }],
  });
  const replyToDeleted = ann({ kind: 'comment', visibility: 'shared', parentId: deletedRoot.id, body: 'stadig her' });

  const o = groupOverview(
    [onAttachment, late, early, whole, onItem2, gone, comment, reply2, reply1, deletedRoot, replyToDeleted],
    items,
    new Map([['p1', 'Karen Holm']]),
  );
  assert.deepEqual(
    o.notes.map((i) => [i.number, i.documents.map((d) => [d.target, d.number, d.entries.map((e) => e.body)])]),
    [
      [2, [['item', null, ['referat']]]],
      [
        3,
        [
          ['item', null, ['punktet']],
          ['proposal', 1, ['side 1', 'side 2']],
          ['attachment', 2, ['bilag']],
          ['attachment', null, ['væk']],
        ],
      ],
    ],
  );
  const [c, d] = o.comments[0].documents[0].entries;
  assert.equal(c.body, 'kommentar');
  assert.deepEqual(c.audience, [{ kind: 'person', value: 'p1', name: 'Karen Holm' }]);
  assert.deepEqual(
    c.replies.map((r) => r.body),
    ['svar 1', 'svar 2'],
  );
  assert.deepEqual([d.deleted, d.body, d.quote, d.replies.map((r) => r.body)], [true, '', null, ['stadig her']]);
  assert.equal(o.notes.flatMap((i) => i.documents.flatMap((x) => x.entries)).length, 6, 'comments are not notes');
});
