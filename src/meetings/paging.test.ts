// GET /api/meetings a page at a time, on both databases: with 1,200 meetings more than a page,
// walking every page returns each meeting the viewer may see exactly once, in order, and no other;
// a bad cursor or limit is a 400 that says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { assertBadPagingRefused, walkPages } from '../../test/helpers/paging.ts';
import { addUser } from '../access/operations.ts';
import { PUBLISHED_STATES } from '../access/model.ts';
import { newId } from '../lib/ids.ts';
import { nowMs } from '../lib/time.ts';
import { PAGE_MAX, PAGE_SIZE } from '../shared/paging.ts';
import type { MeetingList, MeetingState, MeetingSummary } from './schemas.ts';

const PASSWORD = 'Byraadet-Paa-Side-To-4471';
const CLOSED = 'Ikke udsendt møde';
const MANY = 1200;

for (const kind of backendKinds) {
  describe(`meeting list paging on ${kind}`, () => {
    let t: TestApp;
    let committee: string;
    let council: string;
    const cookies = new Map<string, string>();

    before(async () => {
      t = await startTestApp(kind);
      const db = t.db.handle.db;
      const org = async (name: string) => (await db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      committee = await org('Social- og Beskæftigelsesudvalget');
      council = await org('Aarhus Byråd');
      await addUser({ db, username: 'bobyr', password: PASSWORD, name: 'Bo Byråd', organizationShortNameOrName: 'Aarhus Byråd', role: 'member' });
      cookies.set('bobyr', await t.login('bobyr', PASSWORD));
      cookies.set('medlem', await t.login('medlem'));
      // Three meetings share each start (the id breaks the tie); every tenth is the committee's and not sent yet.
      const now = new Date(nowMs()).toISOString();
      const rows = Array.from({ length: MANY }, (_, i) => {
        const start = new Date(nowMs() + (Math.floor(i / 3) - MANY / 6) * 86_400_000).toISOString();
        const past = start < now;
        const closed = i % 10 === 0;
        return {
          id: newId(),
          organizationId: closed || i % 2 ? committee : council,
          title: closed ? CLOSED : `Møde ${i}`,
          start,
          end: new Date(Date.parse(start) + 3_600_000).toISOString(),
          location: null,
          state: closed ? 'planned' : past ? 'held' : 'agenda_published',
          agendaVersion: 0,
          created: now,
          modified: now,
          deleted: null,
        };
      });
      for (let i = 0; i < rows.length; i += 100)
        await db
          .insertInto('meetings')
          .values(rows.slice(i, i + 100))
          .execute();
    });
    after(async () => t.close());

    const get = async (url: string, who?: string) => {
      const r = await t.app.inject({ url, headers: who ? { cookie: cookies.get(who)! } : {} });
      return { status: r.statusCode, json: r.json(), link: r.headers.link as string | undefined };
    };

    /** Every page of a list (test/helpers/paging.ts holds each page to the paging contract). */
    const walk = async (query: string, who?: string, limit = PAGE_SIZE) => {
      const { rows, pages } = await walkPages<MeetingSummary>(t, `/api/meetings?${query}`, { cookie: who && cookies.get(who), limit, field: 'meetings' });
      return { seen: rows, pages };
    };

    /** The meetings a viewer may read, straight from the table, in the list's order. */
    const expected = async (mayRead: (m: { organizationId: string; state: string }) => boolean, when: 'all' | 'upcoming' | 'past') => {
      const now = new Date(nowMs()).toISOString();
      const all = await t.db.handle.db.selectFrom('meetings').select(['id', 'organizationId', 'state', 'start', 'end']).where('deleted', 'is', null).execute();
      const chosen = all.filter((m) => mayRead(m) && (when === 'all' || (when === 'upcoming' ? m.end >= now : m.end < now)));
      return new Set(chosen.map((m) => m.id));
    };

    const checkOrder = (seen: MeetingSummary[], descending: boolean) => {
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = descending ? [seen[i], seen[i - 1]] : [seen[i - 1], seen[i]];
        assert.ok(Date.parse(a.start) <= Date.parse(b.start), `in start order at ${i}: ${a.start} ${b.start}`);
      }
    };

    const published = (m: { state: string }) => PUBLISHED_STATES.includes(m.state as MeetingState);

    test('anonymous: every published meeting once, oldest first, in pages of 50; no meeting not sent yet', async () => {
      const { seen, pages } = await walk('when=all');
      const want = await expected(published, 'all');
      assert.ok(want.size > MANY * 0.8);
      assert.equal(pages, Math.ceil(want.size / PAGE_SIZE));
      assert.deepEqual(new Set(seen.map((m) => m.id)), want);
      assert.ok(!seen.some((m) => m.title === CLOSED));
      checkOrder(seen, false);
    });

    test('upcoming soonest first and past latest first, each whole, as the home page shows them', async () => {
      for (const when of ['upcoming', 'past'] as const) {
        const { seen } = await walk(`when=${when}`, undefined, PAGE_MAX);
        assert.deepEqual(new Set(seen.map((m) => m.id)), await expected(published, when), when);
        checkOrder(seen, when === 'past');
      }
    });

    test('a member of another body sees what the public sees and that body’s own; the committee’s member also its meetings not sent yet', async () => {
      const other = await walk('when=all', 'bobyr', PAGE_MAX);
      assert.deepEqual(new Set(other.seen.map((m) => m.id)), await expected((m) => published(m) || m.organizationId === council, 'all'));
      assert.ok(!other.seen.some((m) => m.title === CLOSED));
      const member = await walk('when=all', 'medlem', PAGE_MAX);
      assert.deepEqual(new Set(member.seen.map((m) => m.id)), await expected((m) => published(m) || m.organizationId === committee, 'all'));
      assert.equal(member.seen.filter((m) => m.title === CLOSED).length, MANY / 10);
      checkOrder(member.seen, false);
    });

    test('the organization filter pages within the organization', async () => {
      const { seen } = await walk(`when=all&organizationId=${council}`, undefined, PAGE_MAX);
      assert.ok(seen.length > PAGE_MAX);
      assert.ok(seen.every((m) => m.organization.id === council));
    });

    test('a bad cursor or limit is a 400 saying why', async () => {
      const first = (await get('/api/meetings?when=past&limit=2')).json as MeetingList;
      await assertBadPagingRefused(t, '/api/meetings', 'meetings');
      // A cursor of this list whose key has the wrong kinds of parts.
      const r = await get(`/api/meetings?cursor=${Buffer.from('["meetings",1,2]').toString('base64url')}`);
      assert.equal(r.status, 400);
      assert.equal(r.json.error.reason, 'paging.cursor');
      // Nothing changed: the same first page as before.
      assert.deepEqual(((await get('/api/meetings?when=past&limit=2')).json as MeetingList).meetings, first.meetings);
    });
  });
}
