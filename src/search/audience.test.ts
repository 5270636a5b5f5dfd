import { test } from 'node:test';
import assert from 'node:assert/strict';
import { audienceOf, NOBODY, type OwnerRows } from './audience.ts';

const rows = (r: Partial<OwnerRows> & Pick<OwnerRows, 'kind'>): OwnerRows => ({
  part: 'full',
  meeting: null,
  item: null,
  proposal: null,
  attachment: null,
  followUp: null,
  ...r,
});
const meeting = (state: string, deleted: string | null = null) => ({ state, deleted, organizationId: 'byraad' });
const item = (isPublic: number, decision: string | null = null) => ({ deleted: null, isPublic, decision, publicDecision: null });
const proposal = { deleted: null, organizationId: 'byraad', authorUserId: 'u-author', unitId: 'unit-x', caseOfficerEmail: 'Sagsbehandler@Kommune.dk' };

test('a meeting: everyone once its agenda is sent, its body’s sitters before; nobody once deleted', () => {
  assert.deepEqual(audienceOf(rows({ kind: 'meeting', meeting: meeting('planned') })), { ...NOBODY, sittersOrg: 'byraad' });
  assert.equal(audienceOf(rows({ kind: 'meeting', meeting: meeting('agenda_published') })).everyone, 1);
  assert.equal(audienceOf(rows({ kind: 'meeting', meeting: meeting('cancelled') })).everyone, 0);
  assert.deepEqual(audienceOf(rows({ kind: 'item', meeting: meeting('held', '2026-01-01'), item: item(1) })), { ...NOBODY, decided: 0 });
});

test('a closed item: its text for the sitters only, its public part for everyone else', () => {
  const full = audienceOf(rows({ kind: 'item', meeting: meeting('held'), item: item(0, 'Godkendt') }));
  assert.deepEqual(full, { ...NOBODY, sittersOrg: 'byraad', decided: 1 });
  const part = audienceOf(rows({ kind: 'minutes', part: 'public', meeting: meeting('held'), item: item(0) }));
  assert.deepEqual(part, { ...NOBODY, everyone: 1, hiddenFromOrg: 'byraad', decided: 0 });
  assert.equal(audienceOf(rows({ kind: 'item', meeting: meeting('held'), item: item(1) })).everyone, 1);
});

test('a file on an item: everyone only when both the item and the file are public', () => {
  const file = (itemPublic: number, filePublic: number) =>
    audienceOf(
      rows({ kind: 'attachment', meeting: meeting('held'), item: item(itemPublic), attachment: { deleted: null, isPublic: filePublic, onItem: true } }),
    );
  assert.equal(file(1, 1).everyone, 1);
  assert.equal(file(1, 0).everyone, 0);
  assert.equal(file(0, 1).everyone, 0);
  assert.equal(file(1, 0).sittersOrg, 'byraad');
});

test('a proposal: its writers and the secretariat always; everyone and the sitters once it is on a sent agenda', () => {
  const draft = audienceOf(rows({ kind: 'proposal', proposal }));
  assert.deepEqual(draft, {
    ...NOBODY,
    secretariesOrg: 'byraad',
    writerUserId: 'u-author',
    writerUnitId: 'unit-x',
    officerEmail: 'sagsbehandler@kommune.dk',
  });
  const sent = audienceOf(rows({ kind: 'proposal', proposal, meeting: meeting('agenda_published'), item: item(1) }));
  assert.equal(sent.everyone, 1);
  assert.equal(sent.sittersOrg, 'byraad');
  const file = audienceOf(
    rows({ kind: 'attachment', proposal, meeting: meeting('agenda_published'), item: item(1), attachment: { deleted: null, isPublic: 0, onItem: false } }),
  );
  assert.equal(file.everyone, 0, 'a non-public file of a sent proposal');
  assert.equal(file.sittersOrg, 'byraad');
  assert.deepEqual(audienceOf(rows({ kind: 'proposal', proposal: { ...proposal, deleted: '2026-01-01' } })), NOBODY);
});

test('a follow-up: the body’s sitters, its owner, its unit (only the unit’s leaders for a closed item)', () => {
  const followUp = { deleted: null, organizationId: 'byraad', ownerPersonId: 'p-1', ownerUnitId: 'unit-x' };
  const open = audienceOf(rows({ kind: 'followup', followUp, item: item(1) }));
  assert.deepEqual(open, { ...NOBODY, sittersOrg: 'byraad', ownerPersonId: 'p-1', ownerUnitId: 'unit-x', decided: 0 });
  assert.equal(audienceOf(rows({ kind: 'followup', followUp, item: item(0) })).ownerUnitLeads, 1);
});
