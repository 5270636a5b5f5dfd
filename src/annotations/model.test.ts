import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorStatus, page, replyProblem, retentionCutoff, shapeProblem } from './model.ts';
import type { PutAnnotationBody } from './schemas.ts';

const note = (extra: Partial<PutAnnotationBody> = {}): PutAnnotationBody => ({
  meetingId: 'm',
  agendaItemId: 'i',
  target: 'item',
  kind: 'note',
  visibility: 'private',
  body: 'tekst',
  ...extra,
});

describe('annotation rules', () => {
  test('a comment is shared and a note private; a shared root names its audience, a reply none', () => {
    assert.equal(shapeProblem(note()), null);
    assert.equal(shapeProblem(note({ kind: 'comment' }))?.reason, 'annotation.kind_visibility');
    assert.equal(shapeProblem(note({ visibility: 'shared' }))?.reason, 'annotation.kind_visibility');
    assert.equal(shapeProblem(note({ kind: 'comment', visibility: 'shared' }))?.reason, 'annotation.audience_missing');
    assert.equal(shapeProblem(note({ kind: 'comment', visibility: 'shared', audience: [{ kind: 'group' }] }))?.reason, 'annotation.audience_value');
    assert.equal(shapeProblem(note({ kind: 'comment', visibility: 'shared', audience: [{ kind: 'members' }] })), null);
    assert.equal(
      shapeProblem(note({ kind: 'comment', visibility: 'shared', parentId: 'r', audience: [{ kind: 'members' }] }))?.reason,
      'annotation.reply_audience',
    );
    assert.equal(shapeProblem(note({ kind: 'comment', visibility: 'shared', parentId: 'r' })), null);
    assert.equal(shapeProblem(note({ mentions: ['p'] }))?.reason, 'annotation.mention_private');
  });

  test('a document note names its document; a marked passage its page; a highlight may be without text', () => {
    assert.equal(shapeProblem(note({ target: 'proposal', documentId: null }))?.reason, 'annotation.document_missing');
    const selector = { exact: 'x', prefix: '', suffix: '', start: 0, end: 1 };
    assert.equal(shapeProblem(note({ target: 'proposal', documentId: 'p', selector }))?.reason, 'annotation.selector_page');
    assert.equal(shapeProblem(note({ target: 'proposal', documentId: 'p', selector, page: 2, kind: 'highlight', body: '' })), null);
    assert.equal(shapeProblem(note({ body: '  ' }))?.reason, 'annotation.body_empty');
  });

  test('a reply answers the first comment of a shared thread on the same place', () => {
    const root = { parentId: null, visibility: 'shared' as const, meetingId: 'm', agendaItemId: 'i', target: 'item' as const, documentId: null, deleted: null };
    const here = { meetingId: 'm', agendaItemId: 'i', target: 'item' as const, documentId: null };
    assert.equal(replyProblem(root, here), null);
    assert.equal(replyProblem(undefined, here)?.reason, 'annotation.reply_unknown');
    assert.equal(replyProblem({ ...root, visibility: 'private' }, here)?.reason, 'annotation.reply_to_private');
    assert.equal(replyProblem({ ...root, parentId: 'x' }, here)?.reason, 'annotation.reply_not_root');
    assert.equal(replyProblem(root, { ...here, agendaItemId: 'j' })?.reason, 'annotation.reply_elsewhere');
  });

  test('anchor: current on the current version, reanchored when the quote is still found, orphaned otherwise', () => {
    const a = { target: 'proposal' as const, documentVersion: '1', selector: { exact: 'unge i fokus', prefix: '', suffix: '' }, quote: 'unge i fokus' };
    assert.equal(anchorStatus(a, { version: '1', text: '' }), 'current');
    assert.equal(anchorStatus(a, { version: '2', text: 'Vi sætter\nunge  i fokus i 2027' }), 'reanchored');
    assert.equal(anchorStatus(a, { version: '2', text: 'Vi sætter de ældre først' }), 'orphaned');
    assert.equal(anchorStatus({ ...a, target: 'item' }, undefined), null);
  });

  test('keyset paging and the retention cut-off', () => {
    assert.deepEqual(page([1, 2, 3], 2, String), { rows: [1, 2], next: '2' });
    assert.deepEqual(page([1, 2], 2, String), { rows: [1, 2], next: null });
    assert.equal(retentionCutoff('2026-03-01', 30), '2026-01-30');
  });
});
