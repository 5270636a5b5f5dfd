// Digital approval of minutes, item by item, on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '../access/passwords.ts';
import { newId } from '../lib/ids.ts';
import { nowIso } from '../lib/time.ts';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { approvalTally } from './model.ts';
import type { ItemApprovalsView } from './schemas.ts';

test('an item needs more than half of the members; the minutes need every item', () => {
  const t = approvalTally(['a', 'b'], 5, [
    { agendaItemId: 'a', personId: '1' },
    { agendaItemId: 'a', personId: '2' },
    { agendaItemId: 'a', personId: '3' },
    { agendaItemId: 'b', personId: '1' },
    { agendaItemId: 'b', personId: '2' },
  ]);
  assert.equal(t.needed, 3);
  assert.deepEqual(
    t.items.map((i) => i.approved),
    [true, false],
  );
  assert.equal(t.complete, false);
  assert.equal(
    approvalTally(
      ['a'],
      4,
      [1, 2, 3].map((p) => ({ agendaItemId: 'a', personId: String(p) })),
    ).complete,
    true,
  );
  assert.equal(approvalTally([], 5, []).complete, false);
});

for (const kind of backendKinds) {
  describe(`digital approval of minutes on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
      // Two more committee members get accounts, so that three of five can approve.
      const db = t.db.handle.db;
      const hash = await hashPassword('demo1234');
      for (const [name, username] of [
        ['Anders Ravn', 'formand'],
        ['Mads Lund', 'mads'],
      ]) {
        const person = await db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow();
        const now = nowIso();
        await db
          .insertInto('users')
          .values({ id: newId(), personId: person.id, username, passwordHash: hash, isAdmin: 0, created: now, modified: now, deleted: null })
          .execute();
      }
    });
    after(() => t.close());

    test('members approve item by item; the approval that completes a majority on every item locks the minutes', async () => {
      const m = await t.meetingOn('2026-02-04', 'sekretariat');
      const url = `/api/meetings/${m.id}/minutes/item-approvals`;
      const first = (await t.request({ method: 'GET', url, as: 'medlem' })).json as ItemApprovalsView;
      assert.deepEqual([first.enabled, first.open, first.memberCount, first.needed, first.mayApprove], [true, true, 5, 3, true]);
      // The secretariat and a unit employee are not members: they do not approve.
      const approve = (itemId: string, as: string) => t.request({ method: 'POST', url: `/api/meetings/${m.id}/items/${itemId}/minutes-approval`, as });
      assert.equal((await approve(m.items[0].id, 'sekretariat')).status, 403);
      assert.equal((await approve(m.items[0].id, 'enhed')).status, 403);
      const one = (await approve(m.items[0].id, 'medlem')).json as ItemApprovalsView;
      assert.deepEqual(one.items[0], { itemId: m.items[0].id, approved: false, approvedBy: ['Karen Holm'], mine: true });
      const twice = await approve(m.items[0].id, 'medlem');
      assert.equal(twice.status, 409);
      for (const as of ['medlem', 'formand', 'mads']) {
        for (const item of m.items) {
          if (as === 'medlem' && item.id === m.items[0].id) continue;
          const r = await approve(item.id, as);
          assert.equal(r.status, 200, `${as} ${item.number}: ${JSON.stringify(r.json)}`);
        }
      }
      const after = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json;
      assert.equal(after.state, 'minutes_approved');
      // Locked: an edit in place is refused.
      const edit = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${m.items[2].id}`,
        payload: { decision: 'Ændret' },
        as: 'sekretariat',
      });
      assert.equal(edit.status, 409);
      assert.equal((await approve(m.items[0].id, 'formand')).status, 409);
    });

    test('a body that approves at its next meeting has no digital approval', async () => {
      const m = await t.meetingOn('2026-01-27', 'sekretariat');
      const v = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/minutes/item-approvals`, as: 'sekretariat' })).json as ItemApprovalsView;
      assert.equal(v.enabled, false);
    });
  });
}
