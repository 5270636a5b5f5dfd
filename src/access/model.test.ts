import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canCreateMeetingIn, canOnMeeting, canSeeAnnotation, type Actor, type AnnotationResource } from './model.ts';

const actor = (memberships: Actor['memberships'], isAdmin = false): Actor => ({ userId: 'u', personId: 'p', username: 'x', name: 'X', isAdmin, memberships });
const SBU = 'sbu';
const secretary = actor([{ organizationId: SBU, organizationName: 'SBU', role: 'secretary' }]);
const member = actor([{ organizationId: SBU, organizationName: 'SBU', role: 'member' }]);
const otherMember = actor([{ organizationId: 'other', organizationName: 'Other', role: 'member' }]);
const employee = actor([{ organizationId: 'fas', organizationName: 'FAS', role: 'employee' }]);

test('anyone reads a published meeting; only its own people read a planned one', () => {
  const published = { organizationId: SBU, state: 'agenda_published' as const };
  const planned = { organizationId: SBU, state: 'planned' as const };
  for (const v of [null, member, otherMember, employee, secretary]) assert.ok(canOnMeeting(v, 'read', published));
  assert.ok(!canOnMeeting(null, 'read', planned));
  assert.ok(!canOnMeeting(otherMember, 'read', planned));
  assert.ok(!canOnMeeting(employee, 'read', planned));
  assert.ok(canOnMeeting(member, 'read', planned));
});

test('closed items: members and the secretariat of the organization only', () => {
  const m = { organizationId: SBU, state: 'held' as const };
  assert.ok(canOnMeeting(member, 'readClosed', m));
  assert.ok(canOnMeeting(secretary, 'readClosed', m));
  assert.ok(!canOnMeeting(null, 'readClosed', m));
  assert.ok(!canOnMeeting(employee, 'readClosed', m));
  assert.ok(!canOnMeeting(otherMember, 'readClosed', m));
});

test('only the secretariat (or an administrator) edits', () => {
  const m = { organizationId: SBU, state: 'planned' as const };
  assert.ok(canOnMeeting(secretary, 'editAgenda', m));
  assert.ok(!canOnMeeting(member, 'editAgenda', m));
  assert.ok(canOnMeeting(actor([], true), 'editAgenda', m));
  assert.ok(canCreateMeetingIn(secretary, SBU));
  assert.ok(!canCreateMeetingIn(secretary, 'other'));
  assert.ok(!canCreateMeetingIn(null, SBU));
});

describe('canSeeAnnotation', () => {
  const actor = (userId: string, memberships: Actor['memberships'] = [], isAdmin = false): Actor => ({
    userId,
    personId: `p-${userId}`,
    username: userId,
    name: userId,
    isAdmin,
    memberships,
  });
  const org = (role: Actor['memberships'][number]['role']) => [{ organizationId: 'sbu', organizationName: 'SBU', role }];
  const base: AnnotationResource = {
    authorUserId: 'a',
    visibility: 'private',
    audience: [],
    organizationId: 'sbu',
    meetingState: 'agenda_published',
    target: 'item',
    itemPublic: true,
  };
  const author = actor('a', org('member'));
  const member = actor('b', org('member'));
  const secretary = actor('s', org('secretary'));
  const admin = actor('x', [], true);
  const employee = actor('e', [{ organizationId: 'fas', organizationName: 'FAS', role: 'employee' }]);

  test('a private note: its author only, not the secretariat, not an administrator', () => {
    assert.equal(canSeeAnnotation(author, [], base), true);
    for (const v of [member, secretary, admin, employee, null]) assert.equal(canSeeAnnotation(v, ['Venstre'], base), false);
  });

  test('a comment to a group: its members in that group; the secretariat only when named', () => {
    const c = { ...base, visibility: 'shared' as const, audience: [{ kind: 'group', value: 'Venstre' }] };
    assert.equal(canSeeAnnotation(member, ['Venstre'], c), true);
    assert.equal(canSeeAnnotation(member, ['SF'], c), false);
    assert.equal(canSeeAnnotation(secretary, [], c), false);
    assert.equal(canSeeAnnotation(secretary, [], { ...c, audience: [...c.audience, { kind: 'secretariat', value: '' }] }), true);
    assert.equal(canSeeAnnotation(admin, [], { ...c, audience: [{ kind: 'members', value: '' }] }), false);
  });

  test('a named person sees it only if they may read what it is on', () => {
    const c = { ...base, visibility: 'shared' as const, audience: [{ kind: 'person', value: 'p-e' }] };
    assert.equal(canSeeAnnotation(employee, [], c), true);
    assert.equal(canSeeAnnotation(employee, [], { ...c, itemPublic: false }), false);
    assert.equal(canSeeAnnotation(employee, [], { ...c, meetingState: 'planned' }), false);
    assert.equal(canSeeAnnotation(member, [], { ...c, audience: [{ kind: 'members', value: '' }], target: 'proposal', meetingState: 'planned' }), false);
  });
});
