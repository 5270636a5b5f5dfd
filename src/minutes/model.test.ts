import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countVotes, result, voteProblem } from './model.ts';

test('counts add up votes of members and weighted votes of party groups', () => {
  const c = countVotes([
    { option: 'for', weight: 4 },
    { option: 'against', weight: 2 },
    { option: 'for', weight: 1 },
    { option: 'blank', weight: 1 },
    { option: 'absent', weight: 1 },
  ]);
  assert.deepEqual(c, { for: 5, against: 2, blank: 1, absent: 1 });
  assert.equal(result(c), 'adopted');
  assert.equal(result({ for: 2, against: 3, blank: 0, absent: 0 }), 'rejected');
  assert.equal(result({ for: 2, against: 2, blank: 5, absent: 0 }), 'tied');
});

test('a member votes once; a vote is a member’s or a group’s', () => {
  assert.equal(voteProblem([{ personId: 'a' }, { personId: 'b' }]), null);
  assert.equal(voteProblem([{ group: 'S' }, { group: 'V' }]), null);
  assert.equal(voteProblem([{ personId: 'a' }, { group: 'V' }])?.index, 1, 'not both kinds in one vote');
  assert.equal(voteProblem([{ personId: 'a' }, { personId: 'a' }])?.index, 1);
  assert.equal(voteProblem([{ personId: 'a', group: 'V' }])?.index, 0);
  assert.equal(voteProblem([{}])?.index, 0);
});
