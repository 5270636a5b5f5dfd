// The agenda as part of the meeting's record, on both databases: where new items go, what members
// are told when a sent agenda changes, what is frozen once the meeting is held, and the guards on
// creating, publishing and scheduling.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { nowMs } from '../lib/time.ts';
import type { ProposalView } from '../proposals/schemas.ts';
import type { MeetingDetail } from './schemas.ts';

for (const kind of backendKinds) {
  describe(`the agenda as record on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    const get = async (id: string, as?: string) => (await t.request({ method: 'GET', url: `/api/meetings/${id}`, as })).json as MeetingDetail;
    const published = async () => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
      return get(list.find((x: { state: string; title: string }) => x.state === 'agenda_published' && x.title.startsWith('Social')).id, 'sekretariat');
    };

    test('an item added to a sent agenda goes before Evt., and members and the public see what changed', async () => {
      const m = await published();
      assert.equal(m.items.at(-1)!.title, 'Evt.');
      assert.equal(m.items.at(-1)!.closing, true);
      assert.deepEqual(m.changesSinceSent, [], 'nothing changed since it was sent');
      const added = await t.request({
        method: 'POST',
        url: `/api/meetings/${m.id}/items`,
        payload: { title: 'Orientering om budgetforlig', plannedMinutes: 10 },
        as: 'sekretariat',
      });
      assert.equal(added.status, 201, JSON.stringify(added.json));
      const after = added.json as MeetingDetail;
      assert.deepEqual(
        after.items.slice(-2).map((i) => i.title),
        ['Orientering om budgetforlig', 'Evt.'],
      );
      const newNumber = after.items.length - 1;
      assert.deepEqual(after.changesSinceSent, [
        { kind: 'added', itemId: after.items[newNumber - 1].id, number: newNumber, title: 'Orientering om budgetforlig' },
      ]);
      // The closed item is moved: members read its title, the public its public title only.
      const closed = after.items.find((i) => !i.public)!;
      const order = after.items.map((i) => i.id).filter((id) => id !== closed.id);
      order.splice(1, 0, closed.id);
      const moved = await t.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/order`,
        payload: { version: after.agendaVersion, itemIds: order },
        as: 'sekretariat',
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.json));
      const forMembers = (await get(m.id, 'medlem')).changesSinceSent;
      assert.ok(forMembers.some((c) => c.kind === 'moved' && c.title === closed.title && c.number === 2 && c.fromNumber === closed.number));
      const forPublic = (await get(m.id)).changesSinceSent;
      const publicMove = forPublic.find((c) => c.kind === 'moved')!;
      assert.equal(publicMove.title, closed.publicTitle);
      assert.ok(!JSON.stringify(forPublic).includes(closed.title), 'the closed title stays closed');
      // A removed item is listed too.
      const gone = after.items.find((i) => i.title === 'Kommende møder')!;
      const version = (await get(m.id, 'sekretariat')).agendaVersion;
      assert.equal((await t.request({ method: 'DELETE', url: `/api/meetings/${m.id}/items/${gone.id}?version=${version}`, as: 'sekretariat' })).status, 200);
      assert.ok((await get(m.id, 'medlem')).changesSinceSent.some((c) => c.kind === 'removed' && c.title === 'Kommende møder'));
    });

    test('an item marked closing keeps later items before it; an explicit position is kept', async () => {
      const m = await published();
      const roundTable = await t.request({
        method: 'POST',
        url: `/api/meetings/${m.id}/items`,
        payload: { title: 'Bordet rundt', kind: 'round_table', closing: true, plannedMinutes: 5 },
        as: 'sekretariat',
      });
      const withRound = roundTable.json as MeetingDetail;
      assert.deepEqual(
        withRound.items.slice(-2).map((i) => i.title),
        ['Bordet rundt', 'Evt.'],
      );
      const next = await t.request({ method: 'POST', url: `/api/meetings/${m.id}/items`, payload: { title: 'Sidste sag' }, as: 'sekretariat' });
      assert.deepEqual(
        (next.json as MeetingDetail).items.slice(-3).map((i) => i.title),
        ['Sidste sag', 'Bordet rundt', 'Evt.'],
      );
      const atEnd = await t.request({
        method: 'POST',
        url: `/api/meetings/${m.id}/items`,
        payload: { title: 'Efter Evt.', position: 99 },
        as: 'sekretariat',
      });
      assert.equal((atEnd.json as MeetingDetail).items.at(-1)!.title, 'Efter Evt.');
    });

    test('once held, the agenda is frozen: no item added, removed, moved or retitled; the decision and publication are still written', async () => {
      const m = await t.meetingOn('2026-02-04', 'sekretariat');
      const item = m.items[4];
      const tries = [
        await t.request({ method: 'POST', url: `/api/meetings/${m.id}/items`, payload: { title: 'Glemt punkt' }, as: 'sekretariat' }),
        await t.request({ method: 'DELETE', url: `/api/meetings/${m.id}/items/${item.id}`, as: 'sekretariat' }),
        await t.request({
          method: 'PUT',
          url: `/api/meetings/${m.id}/order`,
          payload: { version: m.agendaVersion, itemIds: [...m.items.map((i) => i.id)].reverse() },
          as: 'sekretariat',
        }),
        await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}/items/${item.id}`, payload: { title: 'Ny titel' }, as: 'sekretariat' }),
        await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}/items/${item.id}`, payload: { plannedMinutes: 90 }, as: 'sekretariat' }),
      ];
      for (const r of tries) {
        assert.equal(r.status, 409, JSON.stringify(r.json));
        assert.equal(r.json.error.code, 'agenda_frozen');
      }
      const same = await get(m.id, 'sekretariat');
      assert.deepEqual(
        same.items.map((i) => [i.id, i.number, i.title, i.plannedMinutes]),
        m.items.map((i) => [i.id, i.number, i.title, i.plannedMinutes]),
        'the record is unchanged',
      );
      // Its files are part of the record too; whether one is public is still decided.
      const files = m.items.find((i) => i.attachments.length > 0)!;
      const file = files.attachments[0];
      const fileTries = [
        await t.request({ method: 'POST', url: `/api/items/${files.id}/attachments/placeholders`, payload: { title: 'Eftersendt' }, as: 'sekretariat' }),
        await t.request({ method: 'DELETE', url: `/api/attachments/${file.id}`, as: 'sekretariat' }),
        await t.request({ method: 'PATCH', url: `/api/attachments/${file.id}`, payload: { title: 'Omdøbt' }, as: 'sekretariat' }),
      ];
      for (const r of fileTries) {
        assert.equal(r.status, 409, JSON.stringify(r.json));
        assert.equal(r.json.error.code, 'agenda_frozen');
      }
      const publication = await t.request({ method: 'PATCH', url: `/api/attachments/${file.id}`, payload: { public: !file.public }, as: 'sekretariat' });
      assert.equal(publication.status, 200, JSON.stringify(publication.json));
      const decision = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${item.id}`,
        payload: { decision: 'Udvalget drøftede reformen.', remarks: ['Opfølgning i marts.'] },
        as: 'sekretariat',
      });
      assert.equal(decision.status, 200, JSON.stringify(decision.json));
      assert.equal((decision.json as MeetingDetail).items[4].decision, 'Udvalget drøftede reformen.');
    });

    test('a new meeting whose usual deadline for proposals has passed needs its own', async () => {
      const committee = (await t.meetingOn('2026-02-04', 'sekretariat')).organization.id;
      const soon = DateTime.fromMillis(nowMs()).setZone('Europe/Copenhagen').plus({ days: 3 }).toISODate();
      const payload = { organizationId: committee, title: 'Ekstraordinært møde', start: `${soon}T16:30`, end: `${soon}T18:00` };
      const refused = await t.request({ method: 'POST', url: '/api/meetings', payload, as: 'sekretariat' });
      assert.equal(refused.status, 400);
      assert.equal(refused.json.error.field, 'proposalDeadline');
      assert.match(refused.json.error.message, /has already passed/);
      const deadline = DateTime.fromMillis(nowMs()).setZone('Europe/Copenhagen').plus({ days: 1 }).toISODate() + 'T12:00';
      const ok = await t.request({ method: 'POST', url: '/api/meetings', payload: { ...payload, proposalDeadline: deadline }, as: 'sekretariat' });
      assert.equal(ok.status, 201, JSON.stringify(ok.json));
      assert.equal((ok.json as MeetingDetail).proposalsDue.slice(0, 16), `${deadline}`);
    });

    test('a proposal put on the agenda as a closed item is never readable by the public', async () => {
      const m = await published();
      const alderman = (await t.request({ method: 'GET', url: '/api/organizations', as: 'sekretariat' })).json;
      assert.ok(alderman);
      const unit = (await t.db.handle.db.selectFrom('organizations').select('id').where('shortName', '=', 'FAS').executeTakeFirstOrThrow()).id;
      const written = await t.request({
        method: 'POST',
        url: '/api/proposals',
        payload: {
          organizationId: m.organization.id,
          unitId: unit,
          meetingId: m.id,
          title: 'Afskedigelse af navngiven medarbejder',
          atPoints: ['udvalget tager orienteringen til efterretning.'],
          sections: [],
          plannedMinutes: 10,
        },
        as: 'sekretariat',
      });
      assert.equal(written.status, 201, JSON.stringify(written.json));
      const p = written.json as ProposalView;
      const step = (payload: object) => t.request({ method: 'POST', url: `/api/proposals/${p.id}/transitions`, payload, as: 'sekretariat' });
      assert.equal((await step({ event: 'submit' })).status, 200);
      assert.equal((await step({ event: 'accept', acceptLate: true })).status, 200);
      const unsaid = await step({ event: 'schedule' });
      assert.equal(unsaid.status, 400, 'open or closed must be said');
      assert.equal(unsaid.json.error.field, 'item.public');
      const noBasis = await step({ event: 'schedule', item: { public: false, publicTitle: 'Personalesag' } });
      assert.equal(noBasis.status, 400);
      assert.equal(noBasis.json.error.field, 'legalBasis');
      const scheduled = await step({ event: 'schedule', item: { public: false, publicTitle: 'Personalesag', legalBasis: 'Offentlighedslovens § 21' } });
      assert.equal(scheduled.status, 200, JSON.stringify(scheduled.json));
      const itemId = (scheduled.json as ProposalView).agendaItemId!;
      const seen = await get(m.id);
      const item = seen.items.find((i) => i.id === itemId)!;
      assert.equal(item.title, 'Personalesag');
      assert.equal(item.restricted, true);
      assert.ok(!JSON.stringify(seen).includes('navngiven medarbejder'), 'the real title never reached the public');
      assert.equal((await t.request({ method: 'GET', url: `/api/proposals/${p.id}` })).status !== 200, true, 'nor the proposal');
      const members = await get(m.id, 'medlem');
      assert.equal(members.items.find((i) => i.id === itemId)!.title, 'Afskedigelse af navngiven medarbejder');
    });
  });
}
