// The rule for closed items' proposals and follow-ups, as the policy states it (pure; the channels
// are tested in closed-access.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/schema.ts';
import { canOnFollowUp, canReadProposal, proposalRoles, type Actor, type ProposalResource } from './model.ts';

const actor = (userId: string, personId: string, memberships: [string, Role][] = [], isAdmin = false): Actor => ({
  userId,
  personId,
  username: userId,
  name: userId,
  isAdmin,
  memberships: memberships.map(([organizationId, role]) => ({ organizationId, organizationName: organizationId, role })),
});

const author = actor('u-author', 'p-author', [['unit', 'employee']]);
const officer = actor('u-officer', 'p-officer', [['unit', 'employee']]);
const colleague = actor('u-colleague', 'p-colleague', [['unit', 'employee']]);
const head = actor('u-head', 'p-head', [['unit', 'chair']]);
const secretary = actor('u-secretary', 'p-secretary', [['committee', 'secretary']]);
const member = actor('u-member', 'p-member', [['committee', 'member']]);
const outsider = actor('u-outsider', 'p-outsider', [['other-unit', 'employee']]);

const proposal = (over: Partial<ProposalResource> = {}): ProposalResource => ({
  organizationId: 'committee',
  unitId: 'unit',
  authorUserId: 'u-author',
  caseOfficerPersonId: 'p-officer',
  sent: true,
  itemPublic: false,
  ...over,
});

test('a closed proposal: its author, the named case officer, the secretariat and the members read it; the unit’s other employees do not', () => {
  const p = proposal();
  assert.deepEqual(
    [author, officer, secretary, member].map((v) => canReadProposal(v, p)),
    [true, true, true, true],
  );
  assert.deepEqual(
    [colleague, head, outsider, null].map((v) => canReadProposal(v, p)),
    [false, false, false, false],
  );
  assert.deepEqual(proposalRoles(colleague, p), []);
  assert.deepEqual(proposalRoles(officer, p), ['writer']);
});

test('the case officer named on it writes it only while working in the writing unit', () => {
  const moved = actor('u-officer', 'p-officer', [['other-unit', 'employee']]);
  assert.equal(canReadProposal(moved, proposal()), false);
  assert.deepEqual(proposalRoles(moved, proposal({ sent: false })), []);
});

test('an open proposal once sent is read by everyone; before it is sent only by its writers and the secretariat', () => {
  assert.equal(canReadProposal(colleague, proposal({ itemPublic: true })), true);
  assert.equal(canReadProposal(null, proposal({ itemPublic: true })), true);
  const draft = proposal({ sent: false, itemPublic: false });
  assert.deepEqual(
    [author, officer, secretary, member, colleague].map((v) => canReadProposal(v, draft)),
    [true, true, true, false, false],
  );
});

test('a follow-up from a closed item: its owner person, the unit’s head, the secretariat and the members — not every unit employee', () => {
  const f = { organizationId: 'committee', ownerUnitId: 'unit', ownerPersonId: 'p-officer', fromClosedItem: true };
  assert.deepEqual(
    [officer, head, secretary, member, colleague].map((v) => canOnFollowUp(v, 'read', f)),
    [true, true, true, true, false],
  );
  assert.deepEqual(
    [officer, head, secretary, member, colleague].map((v) => canOnFollowUp(v, 'report', f)),
    [true, true, true, false, false],
  );
  // From an open item the whole owning unit reads and reports, as before.
  const open = { ...f, fromClosedItem: false };
  assert.equal(canOnFollowUp(colleague, 'read', open), true);
  assert.equal(canOnFollowUp(colleague, 'report', open), true);
  assert.equal(canOnFollowUp(colleague, 'edit', open), false);
});
