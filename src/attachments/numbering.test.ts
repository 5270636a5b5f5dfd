// One Bilag numbering everywhere, through the API on both databases: a proposal put on the agenda
// is its item's Bilag 1, its files follow, then the item's own — in the upload's answer, the meeting
// the web shows, the agenda PDF and DOCX, and both editions of the package. A file that is not
// public keeps its number in the public edition, which names nothing of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { DateTime } from 'luxon';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { backendKinds } from '../../test/helpers/backends.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import { needsPoppler, readPdf } from '../../test/helpers/documents.ts';
import { nowMs } from '../lib/time.ts';
import type { AttachmentList, AttachmentView } from './schemas.ts';
import type { AgendaItemView, MeetingDetail, MeetingList } from '../meetings/schemas.ts';
import type { BodyView } from '../organizations/schemas.ts';
import type { ProposalView } from '../proposals/schemas.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ');
const PROPOSAL = 'Godkendelse af handleplan for unge';

/** What a reader sees of an item's parts: "2: Forklæde.pdf", "3: (withheld)". */
const partsOf = (item: AgendaItemView) =>
  item.parts.map((p) => `${p.number}: ${p.kind === 'proposal' ? `Indstilling: ${p.title}` : p.kind === 'withheld' ? '(withheld)' : p.attachment.title}`);

for (const kind of backendKinds) {
  describe(`one Bilag numbering (${kind})`, needsPoppler, () => {
    let t: TestApp;
    let dataDir: string;
    let meetingId: string;
    let itemId: string;
    let upload: { status: number; json: AttachmentView };

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-numbering-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
      const list = (await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' })).json as MeetingList;
      const aldermanId = list.canCreateIn.find((o) => o.name.startsWith('Rådmand'))!.id;
      const bodies = (await t.request({ method: 'GET', url: '/api/bodies', as: 'enhed' })).json as BodyView[];
      const unitId = bodies[0].organizations.find((o) => o.shortName === 'FAS')!.id;
      const day = DateTime.fromMillis(nowMs()).setZone('Europe/Copenhagen').plus({ days: 30 }).toISODate();
      const m = await t.request({
        method: 'POST',
        url: '/api/meetings',
        payload: { organizationId: aldermanId, title: 'Rådmandsmøde', start: `${day}T08:30`, end: `${day}T09:45` },
        as: 'sekretariat',
      });
      assert.equal(m.status, 201, JSON.stringify(m.json));
      meetingId = m.json.id;
      // A case officer writes the proposal and attaches two files, one of them not public.
      const p = await t.request({
        method: 'POST',
        url: '/api/proposals',
        payload: {
          organizationId: aldermanId,
          unitId,
          meetingId,
          title: PROPOSAL,
          atPoints: ['rådmanden godkender handleplanen.'],
          plannedMinutes: 15,
          caseNumber: 'EMN-2026-00123',
          caseOfficer: { name: 'Daniel Færgemand Laursen', phone: '41 85 91 46', email: 'daniel@raadslag.invalid' },
        },
        as: 'enhed',
      });
      assert.equal(p.status, 201, JSON.stringify(p.json));
      const proposalId = (p.json as ProposalView).id;
      for (const [name, isPublic] of [
        ['Forklæde.pdf', 'true'],
        ['Intern vurdering af Jens Hansen.pdf', 'false'],
      ]) {
        const r = await t.request({
          method: 'POST',
          url: `/api/proposals/${proposalId}/attachments`,
          ...multipart({ name, data: await pdf([{ text: `Indhold af ${name}` }]), type: 'application/pdf' }, { public: isPublic }),
          as: 'enhed',
        });
        assert.equal(r.status, 201, JSON.stringify(r.json));
      }
      const step = (event: string, as = 'sekretariat', extra: object = {}) =>
        t.request({ method: 'POST', url: `/api/proposals/${proposalId}/transitions`, payload: { event, ...extra }, as });
      assert.equal((await step('submit', 'enhed')).status, 200);
      assert.equal((await step('accept')).status, 200);
      const scheduled = await step('schedule', 'sekretariat', { item: { public: true } });
      assert.equal(scheduled.status, 200, JSON.stringify(scheduled.json));
      itemId = (scheduled.json as ProposalView).agendaItemId!;
      // The secretariat adds the item's own file.
      upload = (await t.request({
        method: 'POST',
        url: `/api/items/${itemId}/attachments`,
        ...multipart({ name: 'Tidsplan.pdf', data: await pdf([{ text: 'Tidsplan for handleplanen' }]), type: 'application/pdf' }),
        as: 'sekretariat',
      })) as typeof upload;
    });
    after(async () => {
      await t?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const meeting = async (as?: string) => (await t.request({ method: 'GET', url: `/api/meetings/${meetingId}`, as })).json as MeetingDetail;
    const item = async (as?: string) => (await meeting(as)).items.find((i) => i.id === itemId)!;
    const download = async (url: string, as?: string) => {
      const cookie = as ? await t.login(as) : undefined;
      const r = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 300)}`);
      return r.rawPayload;
    };

    test("the proposal is Bilag 1 and its files follow, then the item's own: in the upload's answer, the web's meeting, the agenda PDF and DOCX, and the package", async () => {
      assert.equal(upload.status, 201, JSON.stringify(upload.json));
      assert.equal(upload.json.number, 4, 'the upload answers with the number the agenda and the package give it');
      const listed = (await t.request({ method: 'GET', url: `/api/items/${itemId}/attachments`, as: 'sekretariat' })).json as AttachmentList;
      assert.deepEqual(
        listed.attachments.map((a) => `${a.number}: ${a.title}`),
        ['4: Tidsplan.pdf'],
      );

      const expected = [`1: Indstilling: ${PROPOSAL}`, '2: Forklæde.pdf', '3: Intern vurdering af Jens Hansen.pdf', '4: Tidsplan.pdf'];
      const shown = await item('sekretariat');
      assert.deepEqual(partsOf(shown), expected, 'the meeting the web shows lists the proposal and its files on the item');
      assert.deepEqual(
        shown.attachments.map((a) => a.number),
        [4],
      );

      const agenda = squash(readPdf(await download(`/api/meetings/${meetingId}/agenda.pdf`, 'sekretariat')).text);
      assert.ok(
        agenda.includes(
          `Bilag: - Bilag 1: Indstilling: ${PROPOSAL} - Bilag 2: Forklæde.pdf - Bilag 3: Intern vurdering af Jens Hansen.pdf - Bilag 4: Tidsplan.pdf`,
        ),
        agenda,
      );
      const docx = (await mammoth.extractRawText({ buffer: await download(`/api/meetings/${meetingId}/agenda.docx`, 'sekretariat') })).value;
      assert.match(
        squash(docx),
        /Bilag: Bilag 1: Indstilling: Godkendelse af handleplan for unge Bilag 2: Forklæde\.pdf Bilag 3: Intern vurdering af Jens Hansen\.pdf Bilag 4: Tidsplan\.pdf/,
      );

      const members = readPdf(await download(`/api/meetings/${meetingId}/package.pdf?audience=member`, 'sekretariat')).text;
      const n = shown.number;
      for (const stamp of [
        `Punkt ${n}, Bilag 1: Indstilling: ${PROPOSAL}`,
        `Punkt ${n}, Bilag 2: Forklæde.pdf`,
        `Punkt ${n}, Bilag 3: Intern vurdering af Jens Hansen.pdf`,
        `Punkt ${n}, Bilag 4: Tidsplan.pdf`,
      ]) {
        assert.ok(members.includes(stamp), `the members' package has "${stamp}"`);
      }
    });

    test('a file that is not public keeps its number for the public: a line and a page saying so, and nothing of its name', async () => {
      const published = await t.request({ method: 'POST', url: `/api/meetings/${meetingId}/state`, payload: { state: 'agenda_published' }, as: 'sekretariat' });
      assert.equal(published.status, 200, JSON.stringify(published.json));
      const secret = /Intern vurdering|Jens Hansen/;

      const publicItem = await item();
      assert.deepEqual(partsOf(publicItem), [`1: Indstilling: ${PROPOSAL}`, '2: Forklæde.pdf', '3: (withheld)', '4: Tidsplan.pdf']);
      assert.doesNotMatch(JSON.stringify(await meeting()), secret, 'the public meeting names nothing of the withheld file');
      assert.deepEqual(
        publicItem.attachments.map((a) => `${a.number}: ${a.title}`),
        ['4: Tidsplan.pdf'],
      );
      const listed = (await t.request({ method: 'GET', url: `/api/items/${itemId}/attachments` })).json as AttachmentList;
      assert.deepEqual(
        listed.attachments.map((a) => a.number),
        [4],
      );

      const agenda = readPdf(await download(`/api/meetings/${meetingId}/agenda.pdf`)).text;
      assert.ok(squash(agenda).includes('Bilag 2: Forklæde.pdf - Bilag 3: Bilaget er ikke offentligt - Bilag 4: Tidsplan.pdf'), agenda);
      assert.doesNotMatch(agenda, secret);

      const n = publicItem.number;
      const pub = readPdf(await download(`/api/meetings/${meetingId}/package.pdf?audience=public`));
      const withheldPage = pub.pages.find((p) => p.includes(`Punkt ${n}, Bilag 3: Bilaget er ikke offentligt`));
      assert.ok(withheldPage, 'the public package has a page for Bilag 3');
      assert.ok(pub.text.includes(`Punkt ${n}, Bilag 4: Tidsplan.pdf`), 'the next file keeps its number');
      assert.doesNotMatch(pub.text, secret);
      const members = readPdf(await download(`/api/meetings/${meetingId}/package.pdf?audience=member`, 'sekretariat')).text;
      assert.ok(members.includes(`Punkt ${n}, Bilag 3: Intern vurdering af Jens Hansen.pdf`));
      assert.ok(members.includes(`Punkt ${n}, Bilag 4: Tidsplan.pdf`), 'the same number in both editions');
      const english = readPdf(await download(`/api/meetings/${meetingId}/package.pdf?audience=public&lang=en`)).text;
      assert.ok(english.includes(`Item ${n}, Attachment 3: The attachment is not public`));
    });

    test("the agenda PDF carries the seed's letterhead: date, sender, Mødedato, Mødetid, Sag and Sagsbehandler, and the overrun marked", async () => {
      const raw = readPdf(await download(`/api/meetings/${meetingId}/agenda.pdf`, 'sekretariat')).raw;
      const flat = squash(raw);
      // Dated by the agenda's last change, in Copenhagen (between 23 and 24 UTC it is already tomorrow there).
      const today = DateTime.fromISO((await meeting('sekretariat')).modified, { zone: 'Europe/Copenhagen' })
        .setLocale('da')
        .toFormat('d. MMMM yyyy');
      // The sender's column, as the seed's (its e-mail address is the demo's own).
      assert.ok(
        flat.includes(
          `${today} SOCIALE FORHOLD OG BESKÆFTIGELSE Fagligt Sekretariat Aarhus Kommune FAS Ledelse og Sundhed Jægergården, Værkmestergade 15 B 8000 Aarhus C Telefon: 89 40 20 00 E-mail: fas@raadslag.invalid`,
        ),
        flat,
      );
      const day = DateTime.fromISO((await meeting('sekretariat')).start, { zone: 'Europe/Copenhagen' })
        .setLocale('da')
        .toFormat('d. MMMM yyyy');
      assert.ok(flat.includes(`Mødedato: ${day} Mødetid: Kl. 08.30 – 09.45`), flat);
      assert.match(
        flat,
        /Ansvarlig: .*Sag: EMN-2026-00123 Sagsbehandler: Daniel Færgemand Laursen Tid:|Sag: EMN-2026-00123 Sagsbehandler: Daniel Færgemand Laursen Tid:/,
      );

      // The committee's 4 February agenda runs 20 minutes past its end, from Punkt 8, as in the seed.
      const committee = await t.meetingOn('2026-02-04', 'sekretariat');
      // As written (-raw): the sender's column beside the text stays apart from it.
      const seed = squash(readPdf(await download(`/api/meetings/${committee.id}/agenda.pdf`, 'sekretariat')).raw);
      assert.match(seed, /Mødedato: 4\. februar 2026 Mødetid: Kl\. 20\.00 – 21\.30 Mødested: Rådhuset, lokale 398/);
      assert.match(seed, /Dagsordenen slutter kl\. 21\.50 – 20 min\. efter mødets sluttidspunkt \(fra punkt 8\)/);
      assert.match(seed, /Tid: 21\.20 – 21\.30 \(10 min\.\) Bilag:/, 'an item that ends on time is not marked');
      assert.match(seed, /Tid: 21\.30 – 21\.35 \(5 min\.\) – Efter mødets sluttidspunkt/);
      const docx = (await mammoth.extractRawText({ buffer: await download(`/api/meetings/${committee.id}/agenda.docx`, 'sekretariat') })).value;
      assert.match(squash(docx), /SOCIALE FORHOLD OG BESKÆFTIGELSE Fagligt Sekretariat Aarhus Kommune/);
      assert.match(squash(docx), /Tid: 21\.30 – 21\.35 \(5 min\.\) – Efter mødets sluttidspunkt/);
    });
  });
}
