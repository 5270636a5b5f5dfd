// Attendance and votes through the API on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import type { AttendanceView, VoteEventView } from './schemas.ts';

for (const kind of backendKinds) {
  describe(`attendance and votes on ${kind}`, () => {
    let t: TestApp;
    let m: MeetingDetail;
    before(async () => {
      t = await startTestApp(kind);
      m = await t.meetingOn('2026-02-04', 'sekretariat');
    });
    after(() => t.close());

    test("the committee's members are listed, attendance is recorded, a member who left is kept", async () => {
      const list = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/attendance`, as: 'sekretariat' })).json as AttendanceView[];
      assert.deepEqual(
        list.map((a) => [a.person.name, a.role, a.present]),
        [
          ['Anders Ravn', 'chair', null],
          ['Karen Holm', 'member', null],
          ['Mads Lund', 'member', null],
          ['Peter Berg', 'member', null],
          ['Sara Ali', 'member', null],
        ],
      );
      const sara = list.find((a) => a.person.name === 'Sara Ali')!;
      const r = await t.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/attendance/${sara.person.id}`,
        payload: { present: false, reason: 'Syg' },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200);
      const karen = list.find((a) => a.person.name === 'Karen Holm')!;
      const left = await t.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/attendance/${karen.person.id}`,
        payload: { present: true, leftAfterItemId: m.items[5].id },
        as: 'sekretariat',
      });
      const after = left.json as AttendanceView[];
      assert.deepEqual(after.find((a) => a.person.name === 'Sara Ali')!.present, false);
      assert.equal(after.find((a) => a.person.name === 'Karen Holm')!.leftAfterItemId, m.items[5].id);
      assert.equal(
        (await t.request({ method: 'PUT', url: `/api/meetings/${m.id}/attendance/${sara.person.id}`, payload: { present: true }, as: 'medlem' })).status,
        403,
      );
      const stranger = await t.request({ method: 'PUT', url: `/api/meetings/${m.id}/attendance/nobody`, payload: { present: true }, as: 'sekretariat' });
      assert.equal(stranger.status, 400);
    });

    test('a vote by members and by party group is counted, with a dissent; bad votes are refused', async () => {
      const members = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/attendance`, as: 'sekretariat' })).json as AttendanceView[];
      const id = (name: string) => members.find((a) => a.person.name === name)!.person.id;
      const item = m.items[2];
      const r = await t.request({
        method: 'POST',
        url: `/api/meetings/${m.id}/items/${item.id}/votes`,
        payload: {
          motion: 'Udvalget godkender den reviderede mødeplan.',
          votes: [
            { personId: id('Anders Ravn'), option: 'for' },
            { personId: id('Karen Holm'), option: 'for' },
            { personId: id('Mads Lund'), option: 'against', dissent: 'Enhedslisten ønsker møderne om eftermiddagen.' },
            { personId: id('Peter Berg'), option: 'blank' },
            { personId: id('Sara Ali'), option: 'absent' },
          ],
        },
        as: 'sekretariat',
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      const v = r.json as VoteEventView;
      assert.deepEqual(v.counts, { for: 2, against: 1, blank: 1, absent: 1 });
      assert.equal(v.result, 'adopted');
      assert.equal(v.votes.find((x) => x.dissent)?.person?.name, 'Mads Lund');

      const group = await t.request({
        method: 'POST',
        url: `/api/meetings/${m.id}/items/${m.items[3].id}/votes`,
        payload: {
          motion: 'Sagen sendes tilbage til byrådet.',
          votes: [
            { group: 'Socialdemokratiet', weight: 3, option: 'for' },
            { group: 'Venstre', weight: 4, option: 'against' },
          ],
        },
        as: 'sekretariat',
      });
      assert.equal(group.status, 201);
      assert.equal((group.json as VoteEventView).result, 'rejected');

      const bad: [object, string][] = [
        [{ motion: 'x', votes: [] }, 'votes'],
        [{ motion: '  ', votes: [{ group: 'V', option: 'for' }] }, 'motion'],
        [
          {
            motion: 'x',
            votes: [
              { personId: id('Mads Lund'), option: 'for' },
              { personId: id('Mads Lund'), option: 'against' },
            ],
          },
          'votes.1',
        ],
        [{ motion: 'x', votes: [{ personId: 'nobody', option: 'for' }] }, 'votes.0.personId'],
        [{ motion: 'x', votes: [{ group: 'V', option: 'maybe' }] }, 'votes.0.option'],
      ];
      for (const [payload, field] of bad) {
        const b = await t.request({ method: 'POST', url: `/api/meetings/${m.id}/items/${item.id}/votes`, payload, as: 'sekretariat' });
        assert.equal(b.status, 400, JSON.stringify(payload));
        assert.equal(b.json.error.field, field, JSON.stringify(payload));
      }
      const all = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/votes` })).json as VoteEventView[];
      assert.equal(all.length, 2, 'open votes are public');
      const pdf = await t.app.inject({ url: `/api/meetings/${m.id}/minutes.pdf` });
      assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 200));
    });

    test('a vote on a closed item is not shown to the public', async () => {
      const held = await t.meetingOn('2026-01-27', 'sekretariat');
      const closed = held.items.find((i) => !i.public)!;
      const r = await t.request({
        method: 'POST',
        url: `/api/meetings/${held.id}/items/${closed.id}/votes`,
        payload: { motion: 'Indstillet kandidat ansættes.', votes: [{ group: 'Alle', weight: 1, option: 'for' }] },
        as: 'sekretariat',
      });
      assert.equal(r.status, 201);
      const pub = await t.request({ method: 'GET', url: `/api/meetings/${held.id}/votes` });
      assert.equal(pub.status, 200);
      assert.ok(!JSON.stringify(pub.json).includes('Indstillet kandidat'));
      const own = await t.request({ method: 'GET', url: `/api/meetings/${held.id}/votes`, as: 'sekretariat' });
      assert.ok(JSON.stringify(own.json).includes('Indstillet kandidat'));
    });

    test('a member who left after item 3 is not in the vote on item 5; the minutes say he left; attendance cannot contradict a vote', async () => {
      const m = await t.meetingOn('2026-02-04', 'sekretariat');
      const roll = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/attendance`, as: 'sekretariat' })).json as AttendanceView[];
      const mads = roll.find((a) => a.person.name === 'Mads Lund')!.person.id;
      const other = roll.find((a) => a.person.name !== 'Mads Lund')!.person.id;
      const put = (person: string, payload: object) =>
        t.request({ method: 'PUT', url: `/api/meetings/${m.id}/attendance/${person}`, payload, as: 'sekretariat' });
      assert.equal((await put(mads, { present: true, leftAfterItemId: m.items[2].id })).status, 200);
      const after = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/attendance`, as: 'sekretariat' })).json as AttendanceView[];
      const row = after.find((a) => a.person.id === mads)!;
      assert.equal(row.leftAfterNumber, 3);
      assert.equal(row.absentFrom, 4, 'not at item 4 and on');
      const vote = (itemIndex: number, votes: object[]) =>
        t.request({
          method: 'POST',
          url: `/api/meetings/${m.id}/items/${m.items[itemIndex].id}/votes`,
          payload: { motion: 'Indstillingen', votes },
          as: 'sekretariat',
        });
      const refused = await vote(4, [
        { personId: other, option: 'for' },
        { personId: mads, option: 'for' },
      ]);
      assert.equal(refused.status, 409);
      assert.equal(refused.json.error.code, 'voter_not_present');
      assert.equal(refused.json.error.field, 'votes.1.personId');
      assert.match(refused.json.error.message, /left the meeting after item 3/);
      assert.equal(
        ((await t.request({ method: 'GET', url: `/api/meetings/${m.id}/votes`, as: 'sekretariat' })).json as VoteEventView[]).filter(
          (v) => v.agendaItemId === m.items[4].id,
        ).length,
        0,
        'nothing recorded',
      );
      // Counted as away, he may appear as "fraværende"; on item 3 he was there and votes.
      assert.equal(
        (
          await vote(4, [
            { personId: other, option: 'for' },
            { personId: mads, option: 'absent' },
          ])
        ).status,
        201,
      );
      const onThree = await vote(2, [{ personId: mads, option: 'against', dissent: 'Imod.' }]);
      assert.equal(onThree.status, 201);
      // Saying now that he left after item 2 would contradict his vote on item 3.
      const contradiction = await put(mads, { present: true, leftAfterItemId: m.items[1].id });
      assert.equal(contradiction.status, 409);
      assert.equal(contradiction.json.error.code, 'voter_not_present');
      const minutes = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/minutes`, as: 'sekretariat' })).json;
      assert.ok(
        minutes.present.some((p: string) => p.startsWith('Mads Lund') && p.endsWith('forlod mødet efter punkt 3')),
        JSON.stringify(minutes.present),
      );
      const en = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/minutes?lang=en`, as: 'sekretariat' })).json;
      assert.ok(en.present.some((p: string) => p.endsWith('left the meeting after item 3')));
    });

    test('votes cannot be recorded on a meeting whose minutes are approved', async () => {
      const approved = await t.meetingOn('2026-01-20', 'sekretariat');
      const r = await t.request({
        method: 'POST',
        url: `/api/meetings/${approved.id}/items/${approved.items[2].id}/votes`,
        payload: { motion: 'x', votes: [{ group: 'V', option: 'for' }] },
        as: 'sekretariat',
      });
      assert.equal(r.status, 409);
    });
  });
}

describe('votes and attendance keep to the facts', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
  });
  after(() => t.close());

  test('absence reasons stay internal; an absent member cannot vote; a mistaken vote can be withdrawn', async () => {
    const m = await t.meetingOn('2026-02-04', 'sekretariat');
    const roll = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/attendance`, as: 'sekretariat' })).json as AttendanceView[];
    const sara = roll.find((a) => a.person.name === 'Sara Ali')!.person.id;
    await t.request({ method: 'PUT', url: `/api/meetings/${m.id}/attendance/${sara}`, payload: { present: false, reason: 'Syg' }, as: 'sekretariat' });
    const pub = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/attendance` })).json as AttendanceView[];
    assert.equal(pub.find((a) => a.person.id === sara)!.present, false);
    assert.equal(pub.find((a) => a.person.id === sara)!.reason, null, 'the public does not learn why');
    const left = await t.request({
      method: 'PUT',
      url: `/api/meetings/${m.id}/attendance/${sara}`,
      payload: { present: false, leftAfterItemId: m.items[1].id },
      as: 'sekretariat',
    });
    assert.equal(left.status, 400);

    const absent = await t.request({
      method: 'POST',
      url: `/api/meetings/${m.id}/items/${m.items[2].id}/votes`,
      payload: { motion: 'x', votes: [{ personId: sara, option: 'for' }] },
      as: 'sekretariat',
    });
    assert.equal(absent.status, 409);
    assert.equal(absent.json.error.code, 'voter_not_present');
    assert.equal(absent.json.error.field, 'votes.0.personId');
    const mixed = await t.request({
      method: 'POST',
      url: `/api/meetings/${m.id}/items/${m.items[2].id}/votes`,
      payload: {
        motion: 'x',
        votes: [
          { personId: sara, option: 'absent' },
          { group: 'Venstre', weight: 1, option: 'for' },
        ],
      },
      as: 'sekretariat',
    });
    assert.equal(mixed.status, 400);

    const v = await t.request({
      method: 'POST',
      url: `/api/meetings/${m.id}/items/${m.items[2].id}/votes`,
      payload: { motion: 'Fejlregistrering', votes: [{ group: 'Venstre', weight: 1, option: 'for' }] },
      as: 'sekretariat',
    });
    assert.equal(v.status, 201);
    assert.equal((await t.request({ method: 'DELETE', url: `/api/meetings/${m.id}/votes/${v.json.id}`, as: 'sekretariat' })).status, 204);
    const after = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/votes`, as: 'sekretariat' })).json as VoteEventView[];
    assert.ok(!after.some((x) => x.id === v.json.id));
  });
});
