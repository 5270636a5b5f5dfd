// GET /api/plans and /api/wheels a page at a time, on both databases: with hundreds of meeting plans
// and annual wheels over three bodies and many years (four share each body and year, two each title:
// the id breaks the tie), walking every page returns each one the viewer may read exactly once,
// latest year first, then by body and title, and a draft only to the body's own people; a bad cursor
// or limit is a 400 that says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { assertBadPagingRefused, idsOf, walkPages } from '../../test/helpers/paging.ts';
import { addUser } from '../access/operations.ts';
import { DEMO_PASSWORD } from '../demo/load.ts';
import { newId } from '../lib/ids.ts';
import { nowMs } from '../lib/time.ts';
import { PAGE_MAX, PAGE_SIZE } from '../shared/paging.ts';

const MANY = 480;

interface Row {
  id: string;
  organization: { id: string; name: string };
  year: number;
  title: string;
  status: string;
}

const LISTS = [
  { list: 'plans', path: '/api/plans', table: 'meetingPlans', statuses: ['approved', 'superseded'] },
  { list: 'wheels', path: '/api/wheels', table: 'annualWheels', statuses: ['approved'] },
] as const;

for (const kind of backendKinds) {
  describe(`meeting plan and annual wheel paging on ${kind}`, () => {
    let t: TestApp;
    let committee: string;
    let council: string;
    let third: string;

    before(async () => {
      t = await startTestApp(kind);
      const db = t.db.handle.db;
      const org = async (name: string) => (await db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      committee = await org('Social- og Beskæftigelsesudvalget');
      council = await org('Aarhus Byråd');
      third = (
        await db
          .selectFrom('organizations')
          .select('id')
          .where('kind', '!=', 'unit')
          .where('id', 'not in', [committee, council])
          .where('deleted', 'is', null)
          .executeTakeFirstOrThrow()
      ).id;
      await addUser({ db, username: 'bobyr', password: DEMO_PASSWORD, name: 'Bo Byråd', organizationShortNameOrName: 'Aarhus Byråd', role: 'member' });
      const ts = new Date(nowMs()).toISOString();
      for (const { table, statuses } of LISTS) {
        // Every fifth a draft; the same body and year four times, the same title twice.
        const rows = Array.from({ length: MANY }, (_, i) => {
          const year = 2000 + Math.floor(i / 12);
          const draft = i % 5 === 0;
          return {
            id: newId(),
            organizationId: [committee, council, third][i % 3],
            year,
            title: `${draft ? 'Kladde' : 'Plan'} ${year} ${Math.floor(i / 6) % 2}`,
            status: draft ? 'draft' : statuses[i % statuses.length],
            approved: draft ? null : ts,
            created: ts,
            modified: ts,
            deleted: null,
          };
        });
        for (let i = 0; i < rows.length; i += 100) {
          const chunk = rows.slice(i, i + 100);
          if (table === 'meetingPlans')
            await db
              .insertInto('meetingPlans')
              .values(chunk.map((r) => ({ ...r, revisesId: null, rule: '{}', exceptions: '[]' })))
              .execute();
          else await db.insertInto('annualWheels').values(chunk).execute();
        }
      }
    });
    after(async () => t.close());

    /** The rows a viewer may read, straight from the table. */
    const expected = async (table: (typeof LISTS)[number]['table'], mayRead: (r: { organizationId: string; status: string }) => boolean) => {
      const all = await t.db.handle.db.selectFrom(table).select(['id', 'organizationId', 'status']).where('deleted', 'is', null).execute();
      return new Set(all.filter(mayRead).map((r) => r.id));
    };
    const noDraft = (r: { status: string }) => r.status !== 'draft';

    /** Latest year first; within a year one body's rows together, by title. */
    const checkOrder = (rows: Row[]) => {
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1], rows[i]];
        assert.ok(a.year >= b.year, `latest year first at ${i}: ${a.year} ${b.year}`);
        if (a.year === b.year && a.organization.id === b.organization.id) assert.ok(a.title <= b.title, `by title at ${i}: ${a.title} ${b.title}`);
      }
      const runs = rows.map((r) => `${r.year} ${r.organization.id}`).filter((k, i, all) => k !== all[i - 1]);
      assert.equal(new Set(runs).size, runs.length, "a body's rows of a year together");
    };

    for (const { list, path, table } of LISTS) {
      test(`${list}: anonymous reads every one but the drafts once, in order, in full pages of 50`, async () => {
        const { rows, pages } = await walkPages<Row>(t, path);
        const want = await expected(table, noDraft);
        assert.ok(want.size > MANY * 0.75);
        assert.equal(pages, Math.ceil(want.size / PAGE_SIZE));
        assert.deepEqual(idsOf(rows), want);
        assert.ok(!rows.some((r) => r.status === 'draft'));
        checkOrder(rows);
      });

      test(`${list}: a body's member also reads that body's drafts, and no other body's; an administrator all`, async () => {
        const member = await walkPages<Row>(t, path, { as: 'medlem', limit: 7 });
        assert.deepEqual(idsOf(member.rows), await expected(table, (r) => noDraft(r) || r.organizationId === committee));
        assert.ok(member.rows.some((r) => r.status === 'draft'));
        checkOrder(member.rows);
        const other = await walkPages<Row>(t, path, { as: 'bobyr', limit: PAGE_MAX });
        assert.deepEqual(idsOf(other.rows), await expected(table, (r) => noDraft(r) || r.organizationId === council));
        const admin = await walkPages<Row>(t, path, { as: 'admin', limit: PAGE_MAX });
        assert.deepEqual(idsOf(admin.rows), await expected(table, () => true));
        checkOrder(admin.rows);
      });

      test(`${list}: the body and year filters page within them`, async () => {
        const { rows } = await walkPages<Row>(t, `${path}?organizationId=${committee}`, { as: 'medlem', limit: 9 });
        assert.deepEqual(idsOf(rows), await expected(table, (r) => r.organizationId === committee));
        const year = await walkPages<Row>(t, `${path}?year=2010`, { as: 'admin', limit: 5 });
        assert.equal(year.rows.length, 12);
        assert.ok(year.rows.every((r) => r.year === 2010));
        checkOrder(year.rows);
      });

      test(`${list}: a bad cursor or limit is a 400 saying why`, async () => {
        await assertBadPagingRefused(t, path, list);
        // A year no plan or wheel can have is refused, not passed to the database (PostgreSQL's integer ends at 2,147,483,647).
        assert.equal((await t.request({ method: 'GET', url: `${path}?year=3000000000` })).status, 400);
        const plansCursor = (await t.request({ method: 'GET', url: `${LISTS[0].path}?limit=1` })).headers.link as string;
        const wheelsCursor = (await t.request({ method: 'GET', url: `${LISTS[1].path}?limit=1` })).headers.link as string;
        // A real cursor of the other list is refused too.
        const foreign = new URL(/<([^>]+)>/.exec(list === 'plans' ? wheelsCursor : plansCursor)![1], 'http://x').searchParams.get('cursor')!;
        const r = await t.request({ method: 'GET', url: `${path}?cursor=${encodeURIComponent(foreign)}` });
        assert.equal(r.status, 400);
        assert.equal(r.json.error.reason, 'paging.cursor');
      });
    }
  });
}
