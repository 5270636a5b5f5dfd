// GET /api/followups a page at a time, on both databases: with more follow-ups than fit a page,
// walking every page (the next in the Link header) returns each follow-up the viewer may read
// exactly once, soonest due first (those without a due date last), and a closed item's follow-up
// never to the owning unit's employees or a member of another body; the CSV holds all of them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { assertBadPagingRefused, idsOf, walkPages } from '../../test/helpers/paging.ts';
import { addUser } from '../access/operations.ts';
import { newId } from '../lib/ids.ts';
import { nowMs } from '../lib/time.ts';
import type { FollowUpView } from './schemas.ts';

const PASSWORD = 'Opfoelgning-Paa-Sider-5521';
const EACH = 80;

for (const kind of backendKinds) {
  describe(`follow-up list paging on ${kind}`, () => {
    let t: TestApp;
    let meetingId: string;
    const groups = { open: new Set<string>(), closed: new Set<string>(), person: new Set<string>() };
    const cookies = new Map<string, string>();

    before(async () => {
      t = await startTestApp(kind);
      const db = t.db.handle.db;
      const org = async (name: string) => (await db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      const committee = await org('Social- og Beskæftigelsesudvalget');
      const fas = await org('Fagligt Sekretariat');
      const bobyrUser = await addUser({
        db,
        username: 'bobyr',
        password: PASSWORD,
        name: 'Bo Byråd',
        organizationShortNameOrName: 'Aarhus Byråd',
        role: 'member',
      });
      const bobyr = (await db.selectFrom('users').select('personId').where('id', '=', bobyrUser).executeTakeFirstOrThrow()).personId;
      cookies.set('bobyr', await t.login('bobyr', PASSWORD));
      for (const u of ['enhed', 'medlem']) cookies.set(u, await t.login(u));
      const ts = new Date(nowMs()).toISOString();
      const life = { created: ts, modified: ts, deleted: null };
      meetingId = newId();
      const start = new Date(nowMs() - 7 * 86_400_000).toISOString();
      await db
        .insertInto('meetings')
        .values({
          id: meetingId,
          organizationId: committee,
          title: 'Holdt møde',
          start,
          end: start.replace(/T\d\d/, 'T23'),
          location: null,
          state: 'held',
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
      // Every fifth has no due date; the others share a due date in fours (created and id break the tie).
      const rows = Array.from({ length: EACH * 3 }, (_, i) => {
        const group = (['open', 'closed', 'person'] as const)[i % 3];
        const id = newId();
        groups[group].add(id);
        return {
          id,
          organizationId: committee,
          meetingId,
          agendaItemId: group === 'open' ? openItem.id : closedItem.id,
          text: `${group === 'open' ? 'Åben' : 'Lukket'} opfølgning ${i}`,
          ownerUnitId: group === 'person' ? null : fas,
          ownerPersonId: group === 'person' ? bobyr : null,
          dueDate: i % 5 === 0 ? null : new Date(nowMs() + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10),
          focusArea: group === 'open' ? 'Unge i job' : 'Fortroligt fokus',
          status: 'open',
          doneAt: null,
          createdByUserId: null,
          remindedSoon: null,
          remindedOverdue: null,
          ...life,
          created: new Date(nowMs() - (i % 7) * 1000).toISOString(),
        };
      });
      for (let i = 0; i < rows.length; i += 100)
        await db
          .insertInto('followUps')
          .values(rows.slice(i, i + 100))
          .execute();
    });
    after(async () => t.close());

    const get = async (url: string, who: string) => {
      const r = await t.app.inject({ url, headers: { cookie: cookies.get(who)! } });
      return { status: r.statusCode, body: r.body, link: r.headers.link as string | undefined };
    };

    const walk = async (query: string, who: string) => {
      const { rows: seen } = await walkPages<FollowUpView>(t, `/api/followups?${query}`, { cookie: cookies.get(who) });
      const dues = seen.map((f) => f.dueDate ?? '9999-12-31');
      assert.deepEqual(dues, [...dues].sort(), 'soonest due first, those without a due date last');
      return idsOf(seen);
    };
    const union = (...sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));

    test("the unit's employee reads the open item's; the body's member all; a member of another body only those they own", async () => {
      assert.deepEqual(await walk(`meetingId=${meetingId}`, 'enhed'), groups.open);
      assert.deepEqual(await walk(`meetingId=${meetingId}`, 'medlem'), union(groups.open, groups.closed, groups.person));
      assert.deepEqual(await walk(`meetingId=${meetingId}`, 'bobyr'), groups.person);
      assert.deepEqual(await walk('mine=true', 'bobyr'), groups.person);
    });

    test('the focus areas offered are those of the follow-ups the viewer reads', async () => {
      const areas = async (who: string) => JSON.parse((await get('/api/followups/focus-areas', who)).body) as string[];
      const employee = await areas('enhed');
      assert.ok(employee.includes('Unge i job') && !employee.includes('Fortroligt fokus'), employee.join());
      assert.deepEqual(await areas('bobyr'), ['Fortroligt fokus']);
      const member = await areas('medlem');
      assert.ok(member.includes('Unge i job') && member.includes('Fortroligt fokus'));
      assert.equal(new Set(member).size, member.length, 'each once');
      assert.equal((await t.app.inject({ url: '/api/followups/focus-areas' })).statusCode, 401);
    });

    test('the CSV holds the whole list, not a page', async () => {
      const csv = await get(`/api/followups.csv?meetingId=${meetingId}`, 'enhed');
      assert.equal(csv.status, 200);
      assert.equal((csv.body.match(/Åben opfølgning/g) ?? []).length, EACH);
      assert.ok(!csv.body.includes('Lukket opfølgning'));
    });

    test('a bad cursor or limit is a 400 saying why', async () => {
      await assertBadPagingRefused(t, '/api/followups', 'followups', { cookie: cookies.get('medlem') });
      // A cursor of this list one key part short.
      const r = await get(`/api/followups?cursor=${Buffer.from('["followups","a","b"]').toString('base64url')}`, 'medlem');
      assert.equal(r.status, 400);
      assert.equal(JSON.parse(r.body).error.reason, 'paging.cursor');
    });
  });
}
