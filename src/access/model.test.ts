import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canCreateMeetingIn, canOnMeeting, type Actor } from './model.ts';

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
