// GET /api/proposals a page at a time, on both databases: with more proposals than fit a page,
// walking every page (the next in the Link header) returns each proposal the viewer may read
// exactly once, latest changed first, and never a closed item's proposal to the public, to a member
// of another body or to the writing unit at large.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { assertBadPagingRefused, idsOf, walkPages } from '../../test/helpers/paging.ts';
import { addUser } from '../access/operations.ts';
import { newId } from '../lib/ids.ts';
import { nowMs } from '../lib/time.ts';
import type { ProposalSummary } from './schemas.ts';

const PASSWORD = 'Indstillinger-Paa-Sider-8812';
const EACH = 90;

for (const kind of backendKinds) {
  describe(`proposal list paging on ${kind}`, () => {
    let t: TestApp;
    let meetingId: string;
    let committee: string;
    const groups = { draft: new Set<string>(), open: new Set<string>(), closed: new Set<string>() };
    const cookies = new Map<string, string>();

    before(async () => {
      t = await startTestApp(kind);
      const db = t.db.handle.db;
      const org = async (name: string) => (await db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      committee = await org('Social- og Beskæftigelsesudvalget');
      const fas = await org('Fagligt Sekretariat');
      await addUser({ db, username: 'bobyr', password: PASSWORD, name: 'Bo Byråd', organizationShortNameOrName: 'Aarhus Byråd', role: 'member' });
      await addUser({ db, username: 'kollega', password: PASSWORD, name: 'Kim Kollega', organizationShortNameOrName: 'FAS', role: 'employee' });
      for (const u of ['bobyr', 'kollega']) cookies.set(u, await t.login(u, PASSWORD));
      for (const u of ['enhed', 'medlem', 'sekretariat']) cookies.set(u, await t.login(u));
      const author = (await db.selectFrom('users').select('id').where('username', '=', 'enhed').executeTakeFirstOrThrow()).id;
      const ts = new Date(nowMs()).toISOString();
      const life = { created: ts, modified: ts, deleted: null };
      // A meeting whose agenda is sent, with an open and a closed item.
      meetingId = newId();
      const start = new Date(nowMs() + 7 * 86_400_000).toISOString();
      await db
        .insertInto('meetings')
        .values({
          id: meetingId,
          organizationId: committee,
          title: 'Sendt møde',
          start,
          end: start.replace(/T\d\d/, 'T23'),
          location: null,
          state: 'agenda_published',
          agendaVersion: 1,
          ...life,
        })
        .execute();
      const item = (isPublic: number, position: number) => ({
        id: newId(),
        meetingId,
        position,
        title: `Punkt ${position}`,
        plannedMinutes: 10,
        kind: 'decision',
        isPublic,
        ...life,
      });
      const [openItem, closedItem] = [item(1, 1), item(0, 2)];
      await db.insertInto('agendaItems').values([openItem, closedItem]).execute();
      // Four proposals share each modified time (the id breaks the tie).
      const rows = Array.from({ length: EACH * 3 }, (_, i) => {
        const group = (['draft', 'open', 'closed'] as const)[i % 3];
        const id = newId();
        groups[group].add(id);
        return {
          id,
          organizationId: committee,
          unitId: fas,
          meetingId: group === 'draft' ? null : meetingId,
          agendaItemId: group === 'draft' ? null : group === 'open' ? openItem.id : closedItem.id,
          state: group === 'draft' ? 'draft' : 'scheduled',
          title: `${group} ${i}`,
          caseNumber: null,
          caseOfficerName: null,
          caseOfficerPhone: null,
          caseOfficerEmail: null,
          proposalDate: null,
          plannedMinutes: 10,
          authorUserId: author,
          submittedAt: null,
          lateAcceptedAt: null,
          created: ts,
          modified: new Date(nowMs() - Math.floor(i / 4) * 60_000).toISOString(),
          deleted: null,
        };
      });
      for (let i = 0; i < rows.length; i += 100)
        await db
          .insertInto('proposals')
          .values(rows.slice(i, i + 100))
          .execute();
    });
    after(async () => t.close());

    const walk = async (query: string, who?: string) => {
      const { rows: seen } = await walkPages<ProposalSummary>(t, `/api/proposals?${query}`, { cookie: who && cookies.get(who) });
      for (let i = 1; i < seen.length; i++) assert.ok(Date.parse(seen[i - 1].modified) >= Date.parse(seen[i].modified), 'latest changed first');
      return idsOf(seen);
    };
    const union = (...sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));
    const ours = (ids: Set<string>) => new Set([...ids].filter((id) => groups.draft.has(id) || groups.open.has(id) || groups.closed.has(id)));

    test("a meeting's proposals: the public, and a member of another body, read the open item's only; the body's member also the closed item's", async () => {
      assert.deepEqual(await walk(`meetingId=${meetingId}`), groups.open);
      assert.deepEqual(await walk(`meetingId=${meetingId}`, 'bobyr'), groups.open);
      assert.deepEqual(await walk(`meetingId=${meetingId}`, 'medlem'), union(groups.open, groups.closed));
    });

    test('the writer reads all of theirs; the unit at large only what the public reads; the secretariat its desk', async () => {
      assert.deepEqual(ours(await walk('mine=true', 'enhed')), union(groups.draft, groups.open, groups.closed));
      assert.deepEqual(ours(await walk('mine=true', 'kollega')), groups.open);
      assert.deepEqual(ours(await walk('desk=true', 'sekretariat')), union(groups.draft, groups.open, groups.closed));
      assert.deepEqual(ours(await walk(`organizationId=${committee}`, 'bobyr')), groups.open);
    });

    test('a bad cursor or limit is a 400 saying why', async () => {
      await assertBadPagingRefused(t, `/api/proposals?meetingId=${meetingId}`, 'proposals');
    });
  });
}
