// Proposals through the API on both databases: writing, the life cycle, the deadline, versions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { nowMs } from '../lib/time.ts';
import type { MeetingDetail, MeetingList } from '../meetings/schemas.ts';
import type { BodyView } from '../organizations/schemas.ts';
import type { ProposalSummary, ProposalView, TemplateView } from './schemas.ts';

const sections = [
  { key: 'introduction', text: 'Rådmanden præsenteres for en **ny** plan.' },
  { key: 'caseDescription', text: 'Planen har tre spor:\n- Unge\n- Virksomheder\n- Ledige' },
  { key: 'resources', text: '-' },
];

for (const kind of backendKinds) {
  describe(`proposals on ${kind}`, () => {
    let t: TestApp;
    let aldermanId: string;
    let unitId: string;
    before(async () => {
      t = await startTestApp(kind);
      const list = (await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' })).json as MeetingList;
      aldermanId = list.canCreateIn.find((o) => o.name.startsWith('Rådmand'))!.id;
      const bodies = (await t.request({ method: 'GET', url: '/api/bodies', as: 'enhed' })).json as BodyView[];
      unitId = bodies[0].organizations.find((o) => o.shortName === 'FAS')!.id;
    });
    after(() => t.close());

    /** A meeting some days ahead; one sooner than the usual deadline allows gets its own deadline, already passed. */
    const newMeeting = async (daysAhead: number) => {
      const today = DateTime.fromMillis(nowMs()).setZone('Europe/Copenhagen');
      const day = today.plus({ days: daysAhead }).toISODate();
      const proposalDeadline = daysAhead < 8 ? today.minus({ days: 1 }).toISODate() + 'T12:00' : undefined;
      const r = await t.request({
        method: 'POST',
        url: '/api/meetings',
        payload: { organizationId: aldermanId, title: 'Rådmandsmøde', start: `${day}T08:30`, end: `${day}T09:45`, proposalDeadline },
        as: 'sekretariat',
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      return r.json as MeetingDetail;
    };
    const write = async (meetingId: string, extra: object = {}) => {
      const r = await t.request({
        method: 'POST',
        url: '/api/proposals',
        payload: {
          organizationId: aldermanId,
          unitId,
          meetingId,
          title: 'Godkendelse af handleplan for unge',
          atPoints: ['rådmanden godkender handleplanen.', 'rådmanden tager orienteringen til efterretning.'],
          sections,
          plannedMinutes: 15,
          caseNumber: 'EMN-2026-00123',
          caseOfficer: { name: 'Daniel Færgemand Laursen', phone: '41 85 91 46', email: 'daniel@raadslag.invalid' },
          proposalDate: '2026-11-20',
          ...extra,
        },
        as: 'enhed',
      });
      return r;
    };
    const step = (id: string, event: string, as = 'sekretariat', extra: object = {}) =>
      t.request({ method: 'POST', url: `/api/proposals/${id}/transitions`, payload: { event, ...extra }, as });

    test('a case officer writes a proposal in the template: sections in order, at-points, particulars', async () => {
      const m = await newMeeting(30);
      const r = await write(m.id);
      assert.equal(r.status, 201, JSON.stringify(r.json));
      const p = r.json as ProposalView;
      assert.equal(p.state, 'draft');
      assert.deepEqual(
        p.sections.map((s) => s.heading),
        [
          'Indledning',
          'Indstilling',
          'Sagsfremstilling',
          'Ressourcer',
          'Risici, muligheder og kommunikative opmærksomheder',
          'Videre proces',
          'Koordineret med',
          'Bilag',
        ],
      );
      assert.deepEqual(p.sections[0].blocks, [
        { kind: 'paragraph', spans: [{ text: 'Rådmanden præsenteres for en ' }, { text: 'ny', bold: true }, { text: ' plan.' }] },
      ]);
      assert.deepEqual(p.sections[2].blocks[1], { kind: 'bullets', items: [[{ text: 'Unge' }], [{ text: 'Virksomheder' }], [{ text: 'Ledige' }]] });
      // The editor gets the text back in its canonical written form.
      assert.equal(p.sections[2].text, 'Planen har tre spor:\n\n- Unge\n- Virksomheder\n- Ledige');
      assert.equal(p.atPoints.length, 2);
      assert.deepEqual(p.caseOfficer, { name: 'Daniel Færgemand Laursen', phone: '41 85 91 46', email: 'daniel@raadslag.invalid' });
      assert.equal(p.unit?.shortName, 'FAS');
      assert.deepEqual(p.abilities, { edit: true, events: ['submit', 'withdraw'] });
      // A draft is its writers' and the secretariat's: a member or a visitor does not see it.
      assert.equal((await t.request({ method: 'GET', url: `/api/proposals/${p.id}`, as: 'medlem' })).status, 404);
      assert.equal((await t.request({ method: 'GET', url: `/api/proposals/${p.id}` })).status, 404);
      assert.equal((await t.request({ method: 'GET', url: `/api/proposals/${p.id}`, as: 'sekretariat' })).status, 200);
    });

    test('submitted in time, accepted and put on the agenda: the item appears with its minutes', async () => {
      const m = await newMeeting(30);
      const p = (await write(m.id)).json as ProposalView;
      assert.equal((await step(p.id, 'submit', 'enhed')).json.state, 'submitted');
      // Once submitted, the writer no longer changes the text.
      const edit = await t.request({ method: 'PUT', url: `/api/proposals/${p.id}`, payload: { version: 2, title: 'Ny titel' }, as: 'enhed' });
      assert.equal(edit.status, 409);
      assert.equal((await step(p.id, 'accept', 'enhed')).status, 403);
      const accepted = (await step(p.id, 'accept')).json as ProposalView;
      assert.equal(accepted.state, 'accepted');
      assert.equal(accepted.late, false);
      const scheduled = await step(p.id, 'schedule', 'sekretariat', { item: { public: true } });
      assert.equal(scheduled.status, 200, JSON.stringify(scheduled.json));
      const sv = scheduled.json as ProposalView;
      assert.equal(sv.state, 'scheduled');
      const agenda = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      const item = agenda.items.find((i) => i.id === sv.agendaItemId)!;
      assert.equal(item.title, 'Godkendelse af handleplan for unge');
      assert.equal(item.plannedMinutes, 15);
      assert.equal(item.responsible, 'Fagligt Sekretariat');
      const listed = (await t.request({ method: 'GET', url: `/api/proposals?meetingId=${m.id}`, as: 'sekretariat' })).json as ProposalSummary[];
      assert.deepEqual(
        listed.map((x) => [x.title, x.agendaItemId]),
        [['Godkendelse af handleplan for unge', item.id]],
      );
      // Taken off the agenda again: the item goes, the proposal is back to accepted.
      assert.equal((await step(p.id, 'unschedule')).json.state, 'accepted');
      const after = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      assert.equal(
        after.items.some((i) => i.id === item.id),
        false,
      );
    });

    test('an item deleted from the agenda by hand takes its proposal off it: no longer public, and it can be taken back', async () => {
      const m = await newMeeting(30);
      const p = (await write(m.id)).json as ProposalView;
      await step(p.id, 'submit', 'enhed');
      await step(p.id, 'accept');
      const scheduled = (await step(p.id, 'schedule', 'sekretariat', { item: { public: true } })).json as ProposalView;
      await t.request({ method: 'POST', url: `/api/meetings/${m.id}/state`, payload: { state: 'agenda_published' }, as: 'sekretariat' });
      assert.equal((await t.request({ method: 'GET', url: `/api/proposals/${p.id}` })).status, 200, 'public while on the published agenda');
      const del = await t.request({ method: 'DELETE', url: `/api/meetings/${m.id}/items/${scheduled.agendaItemId}`, as: 'sekretariat' });
      assert.equal(del.status, 200, JSON.stringify(del.json));
      assert.equal((await t.request({ method: 'GET', url: `/api/proposals/${p.id}` })).status, 404);
      const seen = (await t.request({ method: 'GET', url: `/api/proposals/${p.id}`, as: 'sekretariat' })).json as ProposalView;
      assert.deepEqual([seen.agendaItemId, seen.sentToMembers], [null, false]);
      const back = await step(p.id, 'unschedule');
      assert.equal(back.status, 200, JSON.stringify(back.json));
      assert.equal(back.json.state, 'accepted');
    });

    test('a proposal after the deadline needs explicit acceptance as late', async () => {
      const m = await newMeeting(3);
      const p = (await write(m.id)).json as ProposalView;
      const submitted = (await step(p.id, 'submit', 'enhed')).json as ProposalView;
      assert.equal(submitted.late, true);
      assert.ok(submitted.deadline && submitted.submittedAt && submitted.deadline < submitted.submittedAt);
      const refused = await step(p.id, 'accept');
      assert.equal(refused.status, 409);
      assert.equal(refused.json.error.code, 'late_proposal');
      assert.equal((await t.request({ method: 'GET', url: `/api/proposals/${p.id}`, as: 'sekretariat' })).json.state, 'submitted');
      const ok = (await step(p.id, 'accept', 'sekretariat', { acceptLate: true })).json as ProposalView;
      assert.equal(ok.state, 'accepted');
      assert.equal(ok.lateAccepted, true);
    });

    test("a meeting's own deadline replaces the default; one after the meeting's start is refused", async () => {
      const m = await newMeeting(3);
      const day = m.start.slice(0, 10);
      const late = await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}`, payload: { proposalDeadline: `${day}T10:00` }, as: 'sekretariat' });
      assert.equal(late.status, 400);
      assert.equal(late.json.error.field, 'proposalDeadline');
      const own = await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}`, payload: { proposalDeadline: `${day}T07:00` }, as: 'sekretariat' });
      assert.equal(own.status, 200, JSON.stringify(own.json));
      assert.equal((own.json as MeetingDetail).proposalDeadline, `${day}T07:00:00+01:00`.replace('+01:00', (own.json as MeetingDetail).start.slice(19)));
      const p = (await write(m.id)).json as ProposalView;
      const submitted = (await step(p.id, 'submit', 'enhed')).json as ProposalView;
      assert.equal(submitted.late, false, 'submitted before the meeting’s own deadline');
      assert.equal((await step(p.id, 'accept')).json.state, 'accepted');
    });

    test('sent to members, the text is frozen: an edit needs a change note and makes version 2; version 1 stays readable', async () => {
      const m = await newMeeting(30);
      const p = (await write(m.id)).json as ProposalView;
      await step(p.id, 'submit', 'enhed');
      await step(p.id, 'accept');
      await step(p.id, 'schedule', 'sekretariat', { item: { public: true } });
      // Before sending, the secretariat corrects in place: still version 1.
      let v = (await t.request({ method: 'GET', url: `/api/proposals/${p.id}`, as: 'sekretariat' })).json as ProposalView;
      const fix = await t.request({
        method: 'PUT',
        url: `/api/proposals/${p.id}`,
        payload: { version: v.version, atPoints: ['rådmanden godkender den justerede handleplan.'] },
        as: 'sekretariat',
      });
      assert.equal(fix.status, 200, JSON.stringify(fix.json));
      assert.deepEqual((fix.json as ProposalView).versions.length, 1);
      const sent = await t.request({ method: 'POST', url: `/api/meetings/${m.id}/state`, payload: { state: 'agenda_published' }, as: 'sekretariat' });
      assert.equal(sent.status, 200, JSON.stringify(sent.json));
      v = (await t.request({ method: 'GET', url: `/api/proposals/${p.id}`, as: 'sekretariat' })).json as ProposalView;
      assert.equal(v.sentToMembers, true);
      const noNote = await t.request({
        method: 'PUT',
        url: `/api/proposals/${p.id}`,
        payload: { version: v.version, title: 'Godkendelse af revideret handleplan for unge' },
        as: 'sekretariat',
      });
      assert.equal(noNote.status, 400);
      assert.equal(noNote.json.error.field, 'changeNote');
      assert.equal((await t.request({ method: 'GET', url: `/api/proposals/${p.id}`, as: 'sekretariat' })).json.title, 'Godkendelse af handleplan for unge');
      const edited = await t.request({
        method: 'PUT',
        url: `/api/proposals/${p.id}`,
        payload: { version: v.version, title: 'Godkendelse af revideret handleplan for unge', changeNote: 'Titlen præciseret' },
        as: 'sekretariat',
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.json));
      // A member now reads it, and sees that it changed after it was sent.
      const seen = (await t.request({ method: 'GET', url: `/api/proposals/${p.id}`, as: 'medlem' })).json as ProposalView;
      assert.equal(seen.title, 'Godkendelse af revideret handleplan for unge');
      assert.deepEqual(
        seen.versions.map((x) => [x.number, x.changeNote, x.afterSending]),
        [
          [1, null, false],
          [2, 'Titlen præciseret', true],
        ],
      );
      assert.deepEqual(seen.abilities, { edit: false, events: [] });
      const old = (await t.request({ method: 'GET', url: `/api/proposals/${p.id}/versions/1`, as: 'medlem' })).json as ProposalView;
      assert.equal(old.title, 'Godkendelse af handleplan for unge');
      assert.deepEqual(old.atPoints, ['rådmanden godkender den justerede handleplan.']);
      const listed = (await t.request({ method: 'GET', url: `/api/proposals?meetingId=${m.id}`, as: 'medlem' })).json as ProposalSummary[];
      assert.equal(listed[0].changedAfterSending, 1);
      // Two secretaries on the same proposal: the second, working from the old version, is told.
      const stale = await t.request({
        method: 'PUT',
        url: `/api/proposals/${p.id}`,
        payload: { version: v.version, title: 'Andet', changeNote: 'x' },
        as: 'sekretariat',
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.json.error.code, 'conflict');
    });

    test('bad input gets a clear message and changes nothing', async () => {
      const m = await newMeeting(30);
      const before = ((await t.request({ method: 'GET', url: '/api/proposals?mine=true', as: 'enhed' })).json as ProposalSummary[]).length;
      const cases: [object, string][] = [
        [{ title: '' }, 'title'],
        [{ sections: [{ key: 'prologue', text: 'x' }] }, 'sections'],
        [{ atPoints: [''] }, 'atPoints'],
        [{ caseOfficer: { name: 'X', phone: '41 85 91 46', email: 'ikke en adresse' } }, 'caseOfficer'],
        [{ proposalDate: '2026-02-30' }, 'proposalDate'],
        [{ plannedMinutes: -5 }, 'plannedMinutes'],
      ];
      for (const [extra, field] of cases) {
        const r = await write(m.id, extra);
        assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.status}`);
        assert.match(r.json.error.field ?? r.json.error.message, new RegExp(field), JSON.stringify(r.json));
      }
      const other = (await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' })).json as MeetingList;
      const committeeMeeting = other.meetings.find((x) => x.organization.id !== aldermanId)!;
      const wrongMeeting = await write(committeeMeeting.id);
      assert.equal(wrongMeeting.status, 400);
      assert.equal(wrongMeeting.json.error.field, 'meetingId');
      assert.equal(((await t.request({ method: 'GET', url: '/api/proposals?mine=true', as: 'enhed' })).json as ProposalSummary[]).length, before);
      // A visitor writes nothing.
      const anon = await t.request({ method: 'POST', url: '/api/proposals', payload: { organizationId: aldermanId, title: 'x' } });
      assert.equal(anon.status, 401);
    });

    test("a body's own template: its sections, in its order, for proposals written from then on", async () => {
      const url = `/api/organizations/${aldermanId}/proposal-template`;
      const seed = (await t.request({ method: 'GET', url, as: 'enhed' })).json as TemplateView;
      assert.equal(seed.own, false);
      assert.equal(seed.sections.length, 8);
      const sections = [
        { key: 'introduction', heading: 'Baggrund' },
        { key: 'recommendation', heading: 'Indstilling' },
        { key: 'economy', heading: 'Økonomi' },
      ];
      for (const [bad, field] of [
        [{ sections: sections.filter((x) => x.key !== 'recommendation') }, 'sections'],
        [{ sections: [...sections, { key: 'economy', heading: 'Igen' }] }, 'sections'],
        [{ sections: [{ key: '1x', heading: 'Tal' }, ...sections] }, 'sections'],
      ] as const) {
        const r = await t.request({ method: 'PUT', url, payload: bad, as: 'sekretariat' });
        assert.equal(r.status, 400, JSON.stringify(r.json));
        assert.match(r.json.error.field ?? '', new RegExp(field));
      }
      assert.equal((await t.request({ method: 'PUT', url, payload: { sections }, as: 'enhed' })).status, 403);
      assert.equal((await t.request({ method: 'GET', url, as: 'enhed' })).json.own, false, 'nothing was saved');
      const set = await t.request({ method: 'PUT', url, payload: { sections }, as: 'sekretariat' });
      assert.equal(set.status, 200, JSON.stringify(set.json));
      const m = await newMeeting(30);
      const r = await write(m.id, { sections: [{ key: 'economy', text: 'Udgiftsneutral.' }] });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.deepEqual(
        (r.json as ProposalView).sections.map((x) => [x.heading, x.text]),
        [
          ['Baggrund', ''],
          ['Indstilling', ''],
          ['Økonomi', 'Udgiftsneutral.'],
        ],
      );
      // A section the body's template does not have is refused.
      const old = await write(m.id, { sections: [{ key: 'risks', text: 'x' }] });
      assert.equal(old.status, 400);
      // Back to the seed's template for the tests that follow.
      await t.db.handle.db.deleteFrom('proposalTemplates').execute();
    });

    test("the demo holds the seed's proposal on Punkt 3 of 27 January, readable by the public", async () => {
      const m = await t.meetingOn('2026-01-27');
      const list = (await t.request({ method: 'GET', url: `/api/proposals?meetingId=${m.id}` })).json as ProposalSummary[];
      assert.equal(list.length, 1);
      assert.equal(list[0].agendaItemId, m.items[2].id);
      // The agenda numbers the item's files after the proposal, as the package stamps them.
      assert.deepEqual(
        m.items[2].attachments.map((a) => [a.number, a.title]),
        [[2, 'Bilag 1: Vision for Job Aarhus - slideshow.pdf']],
      );
      const p = (await t.request({ method: 'GET', url: `/api/proposals/${list[0].id}` })).json as ProposalView;
      assert.equal(p.title, 'Godkendelse af vision og strategiske indsatsområder for Job Aarhus');
      assert.equal(p.state, 'decided');
      assert.equal(p.unit?.name, 'Fagligt Sekretariat');
      assert.equal(p.proposalDate, '2026-01-22');
      assert.equal(p.plannedMinutes, 15);
      assert.equal(p.caseOfficer?.name, 'Daniel Færgemand Laursen');
      assert.deepEqual(p.atPoints, ['rådmanden godkender visionen, visionspejlemærkerne og de strategiske indsatsområder for Job Aarhus.']);
      const bullets = p.sections.find((s) => s.key === 'caseDescription')!.blocks.filter((b) => b.kind === 'bullets');
      assert.equal(bullets.length, 2);
      assert.equal(p.sections.find((s) => s.key === 'coordinatedWith')!.text, 'Organisation og Ledelse');
    });
  });
}
