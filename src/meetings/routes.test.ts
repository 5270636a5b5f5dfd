// The meeting API, through app.inject, on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { auditTrail } from '../audit/audit.ts';
import type { MeetingDetail } from './schemas.ts';

const hm = (iso: string) => iso.slice(11, 16);

for (const kind of backendKinds) {
  describe(`meetings API on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    const upcoming = async (as?: string) => {
      const list = await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as });
      return list.json.meetings as { id: string; state: string; title: string; start: string }[];
    };
    const publishedUpcoming = async () => {
      const m = (await upcoming('sekretariat')).find((x) => x.state === 'agenda_published' && x.title.startsWith('Social'))!;
      return (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
    };

    test('health answers with the database kind', async () => {
      const r = await t.request({ method: 'GET', url: '/api/health' });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { status: 'ok', database: kind, storage: 'ok' });
    });

    test('the 4 February committee meeting reads as the seed prints it', async () => {
      const m = await t.meetingOn('2026-02-04');
      assert.equal(m.location, 'Rådhuset, lokale 398');
      assert.equal(m.start, '2026-02-04T20:00:00+01:00');
      assert.equal(m.items.length, 13);
      const five = m.items[4];
      assert.equal(five.title, 'Introduktion til beskæftigelsesreformen');
      assert.equal(`${hm(five.plannedStart)} – ${hm(five.plannedEnd)}`, '20:25 – 20:55');
      assert.equal(five.plannedStart, '2026-02-04T20:25:00+01:00');
      assert.equal(five.responsible, 'Jeanette Hoppe');
      assert.equal(five.method, 'Mundtlig orientering og drøftelse');
      assert.deepEqual(
        m.items[5].attachments.map((a) => `${a.number}: ${a.title}`),
        ['1: Forklæde', '2: Emner til drøftelse af udvalgsarbejdet', '3: Fælles oplæg til udvalgsdrøftelser om studieture'],
      );
      assert.equal(m.items[8].subheading, 'A) Evt. orientering');
    });

    test('the agenda that runs past the end says by how much and from which item', async () => {
      const m = await t.meetingOn('2026-02-04');
      assert.equal(m.overrunMinutes, 20);
      assert.equal(m.overrunFromItemId, m.items[7].id);
      assert.equal(m.plannedEnd, '2026-02-04T21:50:00+01:00');
      assert.deepEqual(
        m.items.filter((i) => i.overrun).map((i) => i.number),
        [8, 9, 10, 11, 12, 13],
      );
    });

    test('unknown and malformed ids are 404', async () => {
      for (const url of ['/api/meetings/4b7c8a0e-0000-4000-8000-000000000000', '/api/meetings/nonsense', '/api/nothing']) {
        const r = await t.request({ method: 'GET', url });
        assert.equal(r.status, 404, url);
        assert.equal(r.json.error.code, 'not_found');
      }
      const m = await publishedUpcoming();
      const r = await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}/items/nope`, payload: { title: 'x' }, as: 'sekretariat' });
      assert.equal(r.status, 404);
    });

    test('anonymous visitors see published meetings only, and closed items by public title only', async () => {
      const anon = await upcoming();
      const all = await upcoming('sekretariat');
      assert.ok(anon.every((m) => m.state !== 'planned'));
      assert.ok(all.some((m) => m.state === 'planned'));
      const planned = all.find((m) => m.state === 'planned')!;
      assert.equal((await t.request({ method: 'GET', url: `/api/meetings/${planned.id}` })).status, 404);

      const m = await publishedUpcoming();
      const closed = m.items.find((i) => !i.public)!;
      const asAnon = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}` })).json as MeetingDetail;
      const seen = asAnon.items.find((i) => i.id === closed.id)!;
      assert.equal(seen.restricted, true);
      assert.equal(seen.title, 'Personalesag');
      assert.equal(seen.purpose, null);
      assert.deepEqual(seen.attachments, []);
      const body = JSON.stringify(asAnon);
      assert.ok(!body.includes(closed.title), 'the closed title must not leak');
      assert.ok(!body.includes('Notat om klagesagen'), 'the closed attachment must not leak');
      // A unit employee sees what the public sees; a member of the committee sees the item.
      const asUnit = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'enhed' })).json as MeetingDetail;
      assert.ok(!JSON.stringify(asUnit).includes(closed.title));
      const asMember = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'medlem' })).json as MeetingDetail;
      assert.equal(asMember.items.find((i) => i.id === closed.id)!.title, closed.title);
      assert.equal(asMember.abilities.editAgenda, false);
    });

    test('a closed item shows the public its publishable decision, and members the full one', async () => {
      const anon = await t.meetingOn('2026-01-27');
      const closed = anon.items.find((i) => !i.public)!;
      assert.equal(closed.decision, 'Rådmanden blev orienteret om en personalesag.');
      const full = (await t.meetingOn('2026-01-27', 'sekretariat')).items.find((i) => i.id === closed.id)!;
      assert.equal(full.decision, 'Rådmanden tog orienteringen til efterretning.');
      const approval =
        full &&
        (await t.db.handle.db
          .selectFrom('agendaItems')
          .select('approvesMeetingId')
          .where('title', '=', 'Referat')
          .where('meetingId', '=', anon.id)
          .executeTakeFirst());
      assert.equal(approval?.approvesMeetingId, (await t.meetingOn('2026-01-20')).id, '27 January approves the minutes of 20 January');
    });

    test('a member reading first never lets closed content reach the next anonymous reader', async () => {
      const m = await publishedUpcoming();
      const closed = m.items.find((i) => !i.public)!;
      await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'medlem' });
      const anon = await t.request({ method: 'GET', url: `/api/meetings/${m.id}` });
      assert.ok(!JSON.stringify(anon.json).includes(closed.title));
    });

    test('every change shows at once to every audience', async () => {
      const m = await publishedUpcoming();
      await t.request({ method: 'GET', url: `/api/meetings/${m.id}` });
      const patched = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${m.items[0].id}`,
        payload: { title: 'Godkendelse af dagsorden (ændret)' },
        as: 'sekretariat',
      });
      assert.equal(patched.status, 200);
      const anon = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}` })).json as MeetingDetail;
      assert.equal(anon.items[0].title, 'Godkendelse af dagsorden (ændret)');
      const moved = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}`,
        payload: { start: m.start.replace('T16:30', 'T17:00'), end: m.end.replace('T18:00', 'T18:30') },
        as: 'sekretariat',
      });
      assert.equal(moved.status, 200);
      const again = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}` })).json as MeetingDetail;
      assert.equal(again.items[0].plannedStart.slice(11, 16), '17:00');
    });

    test('the secretariat creates a meeting; others may not', async () => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' })).json;
      const org = list.canCreateIn.find((o: { name: string }) => o.name === 'Social- og Beskæftigelsesudvalget');
      assert.ok(org);
      const payload = {
        organizationId: org.id,
        title: 'Ekstraordinært møde',
        start: '2026-12-14T16:30',
        end: '2026-12-14T18:00',
        location: 'Rådhuset, lokale 398',
      };
      assert.equal((await t.request({ method: 'POST', url: '/api/meetings', payload })).status, 401);
      assert.equal((await t.request({ method: 'POST', url: '/api/meetings', payload, as: 'medlem' })).status, 403);
      const r = await t.request({ method: 'POST', url: '/api/meetings', payload, as: 'sekretariat' });
      assert.equal(r.status, 201);
      assert.equal(r.json.start, '2026-12-14T16:30:00+01:00');
      assert.equal(r.json.state, 'planned');
      const trail = await auditTrail(t.db.handle.db, 'meeting', r.json.id);
      assert.equal(trail[0].action, 'meeting.create');
      const bad = await t.request({ method: 'POST', url: '/api/meetings', payload: { ...payload, end: '2026-12-14T15:00' }, as: 'sekretariat' });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.field, 'end');
      const badDate = await t.request({ method: 'POST', url: '/api/meetings', payload: { ...payload, start: '2026-02-30T16:30' }, as: 'sekretariat' });
      assert.equal(badDate.status, 400);
      assert.equal(badDate.json.error.field, 'start');
    });

    test('changing planned minutes moves every later slot at once, and is audited', async () => {
      const m = await publishedUpcoming();
      const third = m.items[2];
      const r = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${third.id}`,
        payload: { plannedMinutes: third.plannedMinutes + 10 },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200);
      const after = r.json as MeetingDetail;
      assert.equal(after.items[2].plannedStart, m.items[2].plannedStart);
      for (let i = 3; i < m.items.length; i++) {
        assert.equal(Date.parse(after.items[i].plannedStart) - Date.parse(m.items[i].plannedStart), 10 * 60_000, `item ${i + 1}`);
      }
      assert.equal(after.agendaVersion, m.agendaVersion + 1);
      const trail = await auditTrail(t.db.handle.db, 'agendaItem', third.id);
      const last = trail[trail.length - 1];
      assert.equal(last.action, 'agendaItem.update');
      assert.equal(JSON.parse(last.before!).plannedMinutes, third.plannedMinutes);
      assert.equal(JSON.parse(last.after!).plannedMinutes, third.plannedMinutes + 10);
    });

    test('add, delete and reorder items; a stale reorder is 409 and changes nothing', async () => {
      const m = await publishedUpcoming();
      const added = await t.request({
        method: 'POST',
        url: `/api/meetings/${m.id}/items`,
        payload: { title: 'Nyt punkt', plannedMinutes: 7, position: 2, attachments: ['Notat'] },
        as: 'sekretariat',
      });
      assert.equal(added.status, 201);
      const a = added.json as MeetingDetail;
      assert.equal(a.items[1].title, 'Nyt punkt');
      assert.equal(a.items[1].number, 2);
      assert.equal(a.items[1].attachments[0].title, 'Notat');

      const ids = a.items.map((i) => i.id);
      const swapped = [ids[1], ids[0], ...ids.slice(2)];
      const ok = await t.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/order`,
        payload: { version: a.agendaVersion, itemIds: swapped },
        as: 'sekretariat',
      });
      assert.equal(ok.status, 200);
      assert.deepEqual(
        (ok.json as MeetingDetail).items.map((i) => i.id),
        swapped,
      );
      assert.equal((ok.json as MeetingDetail).items[0].plannedStart, a.items[0].plannedStart);

      const stale = await t.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/order`,
        payload: { version: a.agendaVersion, itemIds: ids },
        as: 'sekretariat',
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.json.error.code, 'stale_agenda');
      const missing = await t.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/order`,
        payload: { version: ok.json.agendaVersion, itemIds: ids.slice(1) },
        as: 'sekretariat',
      });
      assert.equal(missing.status, 409);
      const now = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      assert.deepEqual(
        now.items.map((i) => i.id),
        swapped,
      );

      const del = await t.request({ method: 'DELETE', url: `/api/meetings/${m.id}/items/${ids[1]}`, as: 'sekretariat' });
      assert.equal(del.status, 200);
      assert.equal(del.json.items.length, ids.length - 1);
      assert.deepEqual(
        del.json.items.map((i: { number: number }) => i.number),
        ids.slice(1).map((_, n) => n + 1),
      );
      const staleEdit = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${ids[0]}`,
        payload: { title: 'x', version: 0 },
        as: 'sekretariat',
      });
      assert.equal(staleEdit.status, 409);
    });

    test('bad input gets a clear answer naming the field and changes nothing', async () => {
      const m = await publishedUpcoming();
      const url = `/api/meetings/${m.id}/items`;
      const cases: [string, unknown, number, string | undefined][] = [
        ['negative minutes', { title: 'x', plannedMinutes: -5 }, 400, 'plannedMinutes'],
        ['absurd minutes', { title: 'x', plannedMinutes: 100_000 }, 400, 'plannedMinutes'],
        ['fractional minutes', { title: 'x', plannedMinutes: 2.5 }, 400, 'plannedMinutes'],
        ['missing title', { plannedMinutes: 5 }, 400, 'title'],
        ['empty title', { title: '   ', plannedMinutes: 5 }, 400, 'title'],
        ['too long title', { title: 'x'.repeat(301) }, 400, 'title'],
        ['control characters', { title: 'Punkt\u0007med\u0000bell' }, 400, 'title'],
        ['closed item without public title', { title: 'Hemmeligt', public: false, legalBasis: 'Offentlighedslovens § 30' }, 400, 'publicTitle'],
        ['closed item without legal basis', { title: 'Hemmeligt', public: false, publicTitle: 'Personalesag' }, 400, 'legalBasis'],
        ['wrong kind', { title: 'x', kind: 'party' }, 400, 'kind'],
      ];
      for (const [what, payload, status, field] of cases) {
        const r = await t.request({ method: 'POST', url, payload: payload as object, as: 'sekretariat' });
        assert.equal(r.status, status, what);
        assert.equal(r.json.error.field, field, what);
        assert.match(r.json.error.message, new RegExp(field!), what);
      }
      const huge = await t.request({ method: 'POST', url, payload: { title: 'x'.repeat(10 * 1024 * 1024) }, as: 'sekretariat' });
      assert.equal(huge.status, 413);
      assert.equal(huge.json.error.code, 'payload_too_large');
      const broken = await t.request({ method: 'POST', url, payload: '{"title": ', headers: { 'content-type': 'application/json' }, as: 'sekretariat' });
      assert.equal(broken.status, 400);
      assert.equal(broken.json.error.code, 'invalid_json');
      const after = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      assert.equal(after.items.length, m.items.length);
      assert.equal(after.agendaVersion, m.agendaVersion);
    });

    test('HTML and script in a title are kept as text', async () => {
      const m = await publishedUpcoming();
      const title = '<script>alert("x")</script><b>fed</b> & "citat"';
      const r = await t.request({ method: 'POST', url: `/api/meetings/${m.id}/items`, payload: { title }, as: 'sekretariat' });
      assert.equal(r.status, 201);
      // It goes before the closing "Evt.".
      assert.equal(r.json.items.at(-2).title, title);
      assert.equal(r.json.items.at(-1).title, 'Evt.');
    });

    test('the life cycle refuses impossible moves and approved meetings are not edited in place', async () => {
      const approved = await t.meetingOn('2026-01-20', 'sekretariat');
      assert.equal(approved.state, 'minutes_approved');
      assert.equal(approved.abilities.editAgenda, false);
      const edit = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${approved.id}/items/${approved.items[0].id}`,
        payload: { title: 'Ændret' },
        as: 'sekretariat',
      });
      assert.equal(edit.status, 409);
      assert.equal(edit.json.error.code, 'meeting_locked');
      const back = await t.request({ method: 'POST', url: `/api/meetings/${approved.id}/state`, payload: { state: 'planned' }, as: 'sekretariat' });
      assert.equal(back.status, 409);
      assert.equal(back.json.error.code, 'invalid_transition');
      const planned = (await upcoming('sekretariat')).find((x) => x.state === 'planned')!;
      // Which planned meeting comes first depends on the day the demo is loaded; an empty agenda is not sent (agenda_empty).
      const item = await t.request({ method: 'POST', url: `/api/meetings/${planned.id}/items`, payload: { title: 'Orientering' }, as: 'sekretariat' });
      assert.equal(item.status, 201, JSON.stringify(item.json));
      const pub = await t.request({ method: 'POST', url: `/api/meetings/${planned.id}/state`, payload: { state: 'agenda_published' }, as: 'sekretariat' });
      assert.equal(pub.status, 200, JSON.stringify(pub.json));
      assert.equal((await t.request({ method: 'GET', url: `/api/meetings/${planned.id}` })).status, 200, 'published: anonymous can read it now');
    });

    test('a member cannot change the agenda', async () => {
      const m = await publishedUpcoming();
      const r = await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}/items/${m.items[0].id}`, payload: { plannedMinutes: 1 }, as: 'medlem' });
      assert.equal(r.status, 403);
      const anon = await t.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/order`,
        payload: { version: m.agendaVersion, itemIds: m.items.map((i) => i.id) },
      });
      assert.equal(anon.status, 401);
    });

    test('the OpenAPI document describes the meeting routes and the docs page answers', async () => {
      const r = await t.request({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(r.status, 200);
      assert.ok(r.json.paths['/api/meetings/{id}'].get);
      assert.ok(r.json.paths['/api/meetings/{id}/order'].put);
      const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(docs.statusCode, 200);
      assert.match(docs.body, /swagger/i);
    });
  });
}

describe('two secretaries editing one item', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
  });
  after(() => t.close());

  test('the second save from a stale view is refused with 409, and the first is kept', async () => {
    const m = await t.meetingOn('2026-02-04', 'sekretariat');
    const item = m.items[2];
    const url = `/api/meetings/${m.id}/items/${item.id}`;
    const first = await t.request({ method: 'PATCH', url, payload: { decision: 'Godkendt med ændringer.', itemVersion: item.version }, as: 'sekretariat' });
    assert.equal(first.status, 200);
    const second = await t.request({ method: 'PATCH', url, payload: { decision: 'Godkendt.', itemVersion: item.version }, as: 'sekretariat' });
    assert.equal(second.status, 409);
    assert.equal(second.json.error.code, 'stale_item');
    const now = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
    assert.equal(now.items[2].decision, 'Godkendt med ændringer.');
    assert.equal(now.items[2].version, item.version + 1);
  });
});
