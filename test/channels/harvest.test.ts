// Every public channel harvested for what must stay closed, on both databases. One published
// meeting of the committee holds an open item and a closed one; canaries are put in the closed
// item's title, proposal text, decision, file name and file text and follow-up, in a non-public file
// on the OPEN item (name and text), in a member's private note and in a shared comment to a named
// person. A stranger subscribes (confirmed) to the body, to a search for a canary word and to the
// closed item's case; the agenda is sent, the pages, feeds and package read (and cached), then an
// item is closed and a file withheld; the meeting is held, decisions recorded and the minutes
// approved, so every publication path fires. Then anonymous, a member of another body and a unit
// employee who did not write the proposal read every channel in CHANNELS (OParl walked from the
// System object, every page of every list, every feed, the server's pages in every encoding, the
// calendar files, the documents as text, the e-mails in the sink): no canary anywhere, and the open
// content there (so the test cannot pass on empty answers). A new channel is one line in CHANNELS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { DateTime } from 'luxon';
import { backendKinds } from '../helpers/backends.ts';
import { startTestApp, IN_THE_DEMO_YEAR, type TestApp } from '../helpers/app.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { multipart, pdf } from '../helpers/files.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { addUser } from '../../src/access/operations.ts';
import { attachJobs, createJobs, type Jobs } from '../../src/jobs/jobs.ts';
import { createMailer, type Mailer } from '../../src/mail/mailer.ts';
import { nowMs } from '../../src/lib/time.ts';
import { stopNotifications, workNotifications } from '../../src/notifications/operations.ts';
import { stopSubscriptions, workSubscriptions } from '../../src/publication/subscriptions/operations.ts';

const BASE = 'https://raadslag.test';
const PASSWORD = 'Hoest-Kanariefugl-Aarhus-5521';

/** What must never reach these readers: one made-up word each, so a hit names its source. */
const CANARIES = {
  'closed item title': 'glenteafskedigelse',
  'closed proposal text': 'musvaagenotatet',
  'closed decision': 'tranebeslutningen',
  'closed file name': 'hejrebilaget',
  'closed file text': 'stormmaageindholdet',
  'closed follow-up': 'viberopfoelgningen',
  "closed follow-up's focus area": 'gaasefokusset',
  "closed item's own file name": 'ugleskrivelsen',
  "closed item's own file text": 'hoegeindholdet',
  'non-public file name (open item)': 'ravnehemmeligheden',
  'non-public file text (open item)': 'skadefortroligheden',
  'private note': 'duenotatet',
  'shared comment to a person': 'svanekommentaren',
  // Public when the agenda was sent, closed or withheld after the pages, feeds and package were read and cached.
  'title of an item closed after sending': 'falkeflippet',
  'name of a file withheld after sending': 'falkebilaget',
  'text of a file withheld after sending': 'falkeindholdet',
} as const;
/** What the public reads: each must be found where a channel promises it. */
const OPEN = {
  title: 'laerkehandleplanen',
  text: 'solsortsteksten',
  decision: 'spurvebeslutningen',
  file: 'droslebilaget',
  fileText: 'vipstjertindholdet',
  publicTitle: 'Personalesag',
} as const;
const CLOSED_CASE = 'EMN-2026-04711';
const OPEN_CASE = 'EMN-2026-04712';

/** A word by itself and as Danish inflects it: the stem, the definite and plural forms. */
const variants = (w: string) => {
  const stem = w.replace(/(erne|ene|en|et|er|e)$/, '');
  return [...new Set([w, stem, `${stem}e`, `${stem}en`, `${stem}et`, `${stem}er`, `${stem}erne`, w.toUpperCase()])];
};

interface Ctx {
  meetingId: string;
  committeeId: string;
  closedProposalId: string;
  closedItemId: string;
  openItemId: string;
  openProposalId: string;
  fileIds: Record<'closed' | 'closedItem' | 'nonPublic' | 'open' | 'withheld', string>;
  /** Each file's PDF by its SHA-256, as a version address (knowing the hash must not be enough). */
  versionUrls: string[];
  followUpId: string;
}
type Viewer = 'anonymous' | 'member of another body' | 'unit employee, not the writer';
interface Channel {
  name: string;
  /** The addresses to read (each list walked page by page, OParl walked link by link). */
  urls: (c: Ctx) => string[];
  walk?: 'pages' | 'links';
  method?: 'POST';
  headers?: Record<string, string>;
  /** Open content that must be in this channel's answers, for these readers (default: all three). */
  has?: string[];
  hasFor?: Viewer[];
}

const encodings: Record<string, string>[] = [{}, { 'accept-encoding': 'gzip' }, { 'accept-encoding': 'br' }];
const searchWords = [...Object.values(CANARIES).flatMap(variants), OPEN.title];

/** Every channel a reader outside the closed item's circle can reach. A new channel adds a line. */
const CHANNELS: Channel[] = [
  { name: 'meeting (API)', urls: (c) => [`/api/meetings/${c.meetingId}`], has: [OPEN.title, OPEN.publicTitle, OPEN.decision] },
  ...encodings.map((headers): Channel => ({
    name: `public pages (SSR, ${headers['accept-encoding'] ?? 'plain'})`,
    urls: (c) => [`/meetings/${c.meetingId}`, `/meetings/${c.meetingId}/referat`],
    headers,
    has: [OPEN.title, OPEN.decision],
    hasFor: ['anonymous'],
  })),
  {
    name: 'meetings list (paged)',
    urls: () => ['/api/meetings?limit=2', '/api/meetings?when=upcoming&limit=2', '/api/meetings?when=past&limit=2'],
    walk: 'pages',
  },
  {
    name: 'proposals list (paged)',
    urls: (c) => ['/api/proposals?limit=2', `/api/proposals?meetingId=${c.meetingId}&limit=1`],
    walk: 'pages',
    has: [OPEN.title],
  },
  { name: 'follow-ups list (paged)', urls: () => ['/api/followups?limit=2'], walk: 'pages' },
  { name: 'users list (paged)', urls: () => ['/api/admin/users?limit=2'], walk: 'pages' },
  {
    name: 'follow-ups CSV, dashboard, focus areas, one follow-up',
    urls: (c) => [
      '/api/followups.csv',
      `/api/followups/dashboard?organizationId=${c.committeeId}`,
      '/api/followups/focus-areas',
      `/api/followups/${c.followUpId}`,
    ],
  },
  {
    name: 'proposals (API, versions, documents, files)',
    urls: (c) =>
      [`/api/items/${c.closedItemId}/attachments`, `/api/items/${c.openItemId}/attachments`].concat(
        [c.closedProposalId, c.openProposalId].flatMap((p) => [
          `/api/proposals/${p}`,
          `/api/proposals/${p}/versions/1`,
          `/api/proposals/${p}/document.pdf`,
          `/api/proposals/${p}/document.docx`,
          `/api/proposals/${p}/attachments`,
        ]),
      ),
    has: [OPEN.title, OPEN.text, OPEN.file],
  },
  {
    name: 'attachments (file, PDF, versions)',
    urls: (c) =>
      Object.values(c.fileIds)
        .flatMap((id) => [`/api/attachments/${id}/file`, `/api/attachments/${id}/pdf`, `/api/attachments/${id}/versions`])
        .concat(c.versionUrls),
    has: [OPEN.fileText],
  },
  {
    name: 'agenda and minutes (JSON, PDF, DOCX)',
    urls: (c) => ['agenda.pdf', 'agenda.docx', 'minutes', 'minutes.pdf', 'minutes.docx'].map((f) => `/api/meetings/${c.meetingId}/${f}`),
    has: [OPEN.title, OPEN.decision, OPEN.publicTitle],
  },
  {
    name: 'package (build)',
    method: 'POST',
    urls: (c) => ['public', 'member'].map((a) => `/api/meetings/${c.meetingId}/package?audience=${a}`),
  },
  {
    name: 'package (map, PDF, ZIP)',
    urls: (c) =>
      ['public', 'member'].flatMap((a) => ['package/map', 'package.pdf', 'package.zip'].map((f) => `/api/meetings/${c.meetingId}/${f}?audience=${a}`)),
    has: [OPEN.title, OPEN.text, OPEN.file],
  },
  {
    name: 'notes and comments',
    urls: (c) => [`/api/meetings/${c.meetingId}/annotations`, '/api/my/annotations', `/api/my/annotations?q=${CANARIES['private note']}`],
  },
  {
    name: 'calendar (.ics, webcal feeds)',
    urls: (c) => [
      `/api/calendar/meetings/${c.meetingId}.ics`,
      `/api/calendar/organizations/${c.committeeId}.ics`,
      '/api/calendar/meetings.ics',
      '/api/calendar/feeds',
    ],
    walk: 'links',
    has: [OPEN.title],
  },
  {
    name: 'Atom feeds (body, cases)',
    urls: (c) => [`/api/feeds/organizations/${c.committeeId}.atom`, `/api/feeds/cases/${CLOSED_CASE}.atom`, `/api/feeds/cases/${OPEN_CASE}.atom`],
    has: [OPEN.title],
  },
  {
    name: 'Atom feed (search)',
    urls: () => searchWords.map((w) => `/api/feeds/search.atom?q=${encodeURIComponent(w)}`),
    has: [OPEN.title],
  },
  {
    name: 'search (paged)',
    urls: () => [...searchWords, OPEN.fileText].map((w) => `/api/search?q=${encodeURIComponent(w)}&limit=5`),
    walk: 'pages',
    // The open file was added while the proposal was a draft: it is found once the item is sent.
    has: [OPEN.title, OPEN.fileText],
  },
  { name: 'personal calendar (its secret address)', method: 'POST', urls: () => ['/api/calendar/personal'], walk: 'links' },
  { name: 'OParl (walked from System)', urls: () => ['/oparl/v1.1'], walk: 'links', has: [OPEN.title, OPEN.file, OPEN.text, OPEN.fileText] },
];

const VIEWERS: Viewer[] = ['anonymous', 'member of another body', 'unit employee, not the writer'];
const USERNAME: Record<Viewer, string | null> = { anonymous: null, 'member of another body': 'andetudvalg', 'unit employee, not the writer': 'kollega' };

/** An answer as its reader reads it: decoded, PDFs and Office files as text, ZIPs entry by entry. */
async function asText(bytes: Uint8Array, type: string, encoding: string): Promise<string> {
  let b = Buffer.from(bytes);
  if (encoding === 'br') b = brotliDecompressSync(b);
  if (encoding === 'gzip') b = gunzipSync(b);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') {
    const t = (await pdfText(b)).text;
    return `${t}\n${t.replace(/[\s\u00ad-]/g, '')}`;
  }
  if (b[0] === 0x50 && b[1] === 0x4b) {
    const parts: string[] = [];
    for (const [name, data] of Object.entries(unzipSync(new Uint8Array(b)))) parts.push(name, await asText(data, '', ''));
    return parts.join('\n').concat(type.includes('officedocument') ? '' : '');
  }
  const s = b.toString('utf8');
  // XML parts of a DOCX keep a word in one run or split it across runs: read the text both ways.
  return s.startsWith('<?xml') ? `${s}\n${s.replace(/<[^>]+>/g, '')}` : s;
}

for (const kind of backendKinds) {
  describe(`every public channel harvested for closed and private content on ${kind}`, () => {
    let t: TestApp;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let jobs: Jobs;
    let mailer: Mailer;
    let ctx: Ctx;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-harvest-'));
    const cookies = new Map<string, string>();
    const call = async (who: string | null, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      if (who && !cookies.has(who)) cookies.set(who, await t.login(who, ['sekretariat', 'medlem', 'enhed'].includes(who) ? undefined : PASSWORD));
      const r = await t.app.inject({
        method: method as 'GET',
        url,
        ...(payload instanceof Buffer || payload === undefined ? { payload } : { payload: payload as object }),
        headers: { ...headers, ...(who ? { cookie: cookies.get(who)! } : {}) },
      });
      return r;
    };
    const ok = async (who: string, method: string, url: string, payload?: object) => {
      const r = await call(who, method, url, payload ?? (method === 'GET' ? undefined : {}));
      assert.ok(r.statusCode < 300, `${method} ${url} as ${who}: ${r.statusCode} ${r.body}`);
      return r.body ? r.json() : undefined;
    };
    const waitFor = async (what: string, done: () => boolean, ms = 20_000) => {
      const end = Date.now() + ms;
      while (!done()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(sink.mails.map((m) => [m.to, m.subject]))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    /** The stranger's addresses, one per subscription (an address gets three confirmations a day). */
    /** The e-mails sent while the item closed after sending was still open. */
    let mailsBeforeClosing = 0;
    const toStranger = () => sink.mails.filter((m) => m.to.some((a) => a.startsWith('fremmed')));

    before(async () => {
      sink = await startSmtpSink();
      t = await startTestApp(kind, { env: { ...IN_THE_DEMO_YEAR, DATA_DIR: dataDir, SMTP_URL: sink.url, PUBLIC_URL: BASE } });
      const db = t.db.handle.db;
      jobs = await createJobs(t.db.handle, { pollMs: 100, superviseSeconds: 1, pgSchema: t.db.pgSchema });
      attachJobs(db, jobs);
      mailer = createMailer({ smtpUrl: sink.url, from: 'Rådslag <noreply@raadslag.test>' })!;
      workNotifications({ db, mailer, publicUrl: BASE, changesDelayMs: 500 }, jobs);
      workSubscriptions({ db, mailer, publicUrl: BASE }, jobs);
      await jobs.start();
      await addUser({ db, username: 'kollega', password: PASSWORD, name: 'Anne Kollega', organizationShortNameOrName: 'FAS', role: 'employee' });
      await addUser({ db, username: 'andetudvalg', password: PASSWORD, name: 'Bo Byråd', organizationShortNameOrName: 'Aarhus Byråd', role: 'member' });

      const committee = await db.selectFrom('organizations').select('id').where('shortName', '=', 'SBU').executeTakeFirstOrThrow();
      const fas = await db.selectFrom('organizations').select('id').where('shortName', '=', 'FAS').executeTakeFirstOrThrow();
      const day = DateTime.fromMillis(nowMs()).setZone('Europe/Copenhagen').plus({ days: 20 }).toISODate();
      const meeting = await ok('sekretariat', 'POST', '/api/meetings', {
        organizationId: committee.id,
        title: 'Social- og Beskæftigelsesudvalget',
        start: `${day}T16:30`,
        end: `${day}T18:00`,
      });
      const write = async (title: string, text: string, caseNumber: string) =>
        ok('enhed', 'POST', '/api/proposals', {
          organizationId: committee.id,
          unitId: fas.id,
          meetingId: meeting.id,
          title,
          caseNumber,
          atPoints: ['udvalget godkender indstillingen.'],
          sections: [{ key: 'caseDescription', text }],
          plannedMinutes: 10,
          caseOfficer: { name: 'Daniel Færgemand Laursen', phone: '41 85 91 46', email: 'daniel@raadslag.invalid' },
        });
      const upload = async (
        proposalId: string,
        title: string,
        text: string,
        fields: Record<string, string> = {},
        owner = `/api/proposals/${proposalId}`,
        who = 'enhed',
      ) => {
        const form = multipart({ name: 'bilag.pdf', data: await pdf([{ text: `Bilagets tekst: ${text}.` }]), type: 'application/pdf' }, { title, ...fields });
        if (!cookies.has(who)) cookies.set(who, await t.login(who));
        const r = await t.app.inject({ method: 'POST', url: `${owner}/attachments`, ...form, headers: { ...form.headers, cookie: cookies.get(who)! } });
        assert.equal(r.statusCode, 201, r.body);
        return r.json().id as string;
      };
      const step = (id: string, event: string, who: string, extra: object = {}) => ok(who, 'POST', `/api/proposals/${id}/transitions`, { event, ...extra });

      const closed = await write(`Afskedigelse i ${CANARIES['closed item title']}`, `Sagen: ${CANARIES['closed proposal text']}.`, CLOSED_CASE);
      await step(closed.id, 'submit', 'enhed');
      await step(closed.id, 'accept', 'sekretariat');
      const closedScheduled = await step(closed.id, 'schedule', 'sekretariat', {
        item: { public: false, publicTitle: OPEN.publicTitle, legalBasis: 'Offentlighedslovens § 21 (oplysninger om private forhold)' },
      });
      // The secretariat adds a file once the proposal is scheduled.
      const closedFile = await upload(
        closed.id,
        `Notat ${CANARIES['closed file name']}`,
        CANARIES['closed file text'],
        {},
        `/api/proposals/${closed.id}`,
        'sekretariat',
      );
      // A file of the closed item's own, added by the secretariat (its public flag left to the default).
      const closedItemFile = await upload(
        '',
        `Skrivelse ${CANARIES["closed item's own file name"]}`,
        CANARIES["closed item's own file text"],
        {},
        `/api/items/${closedScheduled.agendaItemId}`,
        'sekretariat',
      );
      const open = await write(`Handleplan ${OPEN.title}`, `Planen: ${OPEN.text}.`, OPEN_CASE);
      const openFile = await upload(open.id, `Bilag ${OPEN.file}`, OPEN.fileText, { public: 'true' });
      await step(open.id, 'submit', 'enhed');
      await step(open.id, 'accept', 'sekretariat');
      const openScheduled = await step(open.id, 'schedule', 'sekretariat', { item: { public: true } });
      const nonPublic = await upload(
        open.id,
        `Notat ${CANARIES['non-public file name (open item)']}`,
        CANARIES['non-public file text (open item)'],
        {
          public: 'false',
        },
        `/api/proposals/${open.id}`,
        'sekretariat',
      );
      const withheld = await upload(
        open.id,
        `Bilag ${CANARIES['name of a file withheld after sending']}`,
        CANARIES['text of a file withheld after sending'],
        { public: 'true' },
        `/api/proposals/${open.id}`,
        'sekretariat',
      );
      const flip = await write(`Sag om ${CANARIES['title of an item closed after sending']}`, 'Planen for en sag.', 'EMN-2026-04713');
      await step(flip.id, 'submit', 'enhed');
      await step(flip.id, 'accept', 'sekretariat');
      const flipScheduled = await step(flip.id, 'schedule', 'sekretariat', { item: { public: true } });

      const followUp = await ok('sekretariat', 'POST', '/api/followups', {
        meetingId: meeting.id,
        agendaItemId: closedScheduled.agendaItemId,
        text: `Opfølgning: ${CANARIES['closed follow-up']}.`,
        focusArea: `Fokus ${CANARIES["closed follow-up's focus area"]}`,
        dueDate: day,
        ownerUnitId: fas.id,
      });
      // A member's private note, and a comment to the secretary by name (with an @mention e-mail).
      const people = Object.fromEntries((await db.selectFrom('users').select(['username', 'personId']).execute()).map((u) => [u.username, u.personId]));
      const note = { meetingId: meeting.id, agendaItemId: openScheduled.agendaItemId, target: 'item', kind: 'note', visibility: 'private' };
      await ok('medlem', 'PUT', `/api/annotations/${randomUUID()}`, { ...note, body: `Husk ${CANARIES['private note']}` });
      await ok('medlem', 'PUT', `/api/annotations/${randomUUID()}`, {
        ...note,
        kind: 'comment',
        visibility: 'shared',
        audience: [{ kind: 'person', value: people.sekretariat }],
        mentions: [people.sekretariat],
        body: `Til dig: ${CANARIES['shared comment to a person']}`,
      });

      // A stranger subscribes to the body, to a search for a canary word and to the closed item's case, and confirms each.
      let ip = 0;
      for (const topic of [
        { kind: 'organization', organizationId: committee.id },
        { kind: 'search', query: CANARIES['closed item title'] },
        { kind: 'search', query: CANARIES['closed file text'] },
        { kind: 'search', query: OPEN.title },
        { kind: 'case', caseNumber: CLOSED_CASE },
      ]) {
        const before = toStranger().length;
        ip++;
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/subscriptions',
          payload: { email: `fremmed${ip}@example.dk`, ...topic },
          remoteAddress: `10.9.0.${ip}`,
        });
        assert.equal(r.statusCode, 202, r.body);
        await waitFor('a confirmation', () => toStranger().length > before);
        const token = new RegExp(`${BASE}/abonnement/bekraeft\\?token=([A-Za-z0-9_-]{43})`).exec(toStranger().at(-1)!.text)?.[1];
        assert.ok(token, toStranger().at(-1)!.text);
        assert.equal((await t.app.inject({ method: 'POST', url: '/api/subscriptions/confirm', payload: { token } })).statusCode, 200);
      }
      // Sent, held, decided, minutes approved: every publication path fires.
      const confirmations = toStranger().length;
      await ok('sekretariat', 'POST', `/api/meetings/${meeting.id}/state`, { state: 'agenda_published' });
      await waitFor('the agenda e-mail to the subscriber', () => toStranger().length > confirmations);
      // The pages, feeds, documents and package are read (and cached) by the three readers while the agenda is out;
      // then an item is closed and a file withheld, and what was cached must follow.
      const warm: string[] = [];
      for (const who of [null, 'kollega', 'andetudvalg']) {
        await call(who, 'POST', `/api/meetings/${meeting.id}/package?audience=public`, {});
        for (const url of [
          `/meetings/${meeting.id}`,
          `/api/meetings/${meeting.id}`,
          `/api/feeds/organizations/${committee.id}.atom`,
          `/api/feeds/search.atom?q=${CANARIES['title of an item closed after sending']}`,
          `/api/search?q=${CANARIES['text of a file withheld after sending']}`,
          `/api/calendar/meetings/${meeting.id}.ics`,
          `/oparl/v1.1/meetings/${meeting.id}`,
          `/api/meetings/${meeting.id}/agenda.pdf`,
          `/api/meetings/${meeting.id}/agenda.docx`,
          `/api/meetings/${meeting.id}/package/map?audience=public`,
          `/api/attachments/${withheld}/versions`,
        ])
          warm.push((await call(who, 'GET', url)).body);
        for (const url of [`/api/meetings/${meeting.id}/package.pdf?audience=public`, `/api/meetings/${meeting.id}/package.zip?audience=public`])
          for (let i = 0; i < 120 && (await call(who, 'GET', url)).statusCode !== 200; i++) await new Promise((res) => setTimeout(res, 250));
      }
      for (const word of [CANARIES['title of an item closed after sending'], CANARIES['name of a file withheld after sending']])
        assert.ok(warm.join('\n').includes(word), `${word} was public when the agenda was sent`);
      await ok('sekretariat', 'PATCH', `/api/meetings/${meeting.id}/items/${flipScheduled.agendaItemId}`, {
        public: false,
        publicTitle: 'Lukket punkt',
        legalBasis: 'Offentlighedslovens § 30',
      });
      await ok('sekretariat', 'PATCH', `/api/attachments/${withheld}`, { public: false });
      mailsBeforeClosing = sink.mails.length;
      await ok('sekretariat', 'POST', `/api/meetings/${meeting.id}/live/start`, { early: true });
      await ok('sekretariat', 'POST', `/api/meetings/${meeting.id}/live/end`, { openItems: 'not_handled' });
      await ok('sekretariat', 'PATCH', `/api/meetings/${meeting.id}/items/${openScheduled.agendaItemId}`, { decision: `Godkendt: ${OPEN.decision}.` });
      await ok('sekretariat', 'PATCH', `/api/meetings/${meeting.id}/items/${closedScheduled.agendaItemId}`, {
        decision: `Afskediget: ${CANARIES['closed decision']}.`,
        publicDecision: 'Udvalget traf beslutning i personalesagen.',
      });
      const agendaMails = toStranger().length;
      await ok('sekretariat', 'POST', `/api/meetings/${meeting.id}/minutes/approve`, { overrideReason: 'Godkendt på mødet.' });
      await waitFor('the minutes e-mail to the subscriber', () => toStranger().length > agendaMails);
      await new Promise((r) => setTimeout(r, 1500)); // the rest of the jobs' e-mail (members', mentions)
      ctx = {
        meetingId: meeting.id,
        committeeId: committee.id,
        closedProposalId: closed.id,
        closedItemId: closedScheduled.agendaItemId,
        openItemId: openScheduled.agendaItemId,
        openProposalId: open.id,
        fileIds: { closed: closedFile, closedItem: closedItemFile, nonPublic, open: openFile, withheld },
        versionUrls: (
          await db
            .selectFrom('attachments')
            .select(['id', 'sha256', 'pdfSha256'])
            .where('id', 'in', [closedFile, closedItemFile, nonPublic, openFile, withheld])
            .execute()
        ).flatMap((a) => [a.sha256, a.pdfSha256].filter((x): x is string => !!x).map((sha) => `/api/attachments/${a.id}/versions/${sha}/pdf`)),
        followUpId: followUp.id,
      };
    });
    after(async () => {
      stopSubscriptions(t.db.handle.db);
      stopNotifications(t.db.handle.db);
      await jobs.stop(2000);
      mailer.close();
      await t.close();
      await sink.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const leaksIn = (text: string) => {
      const lower = text.toLowerCase();
      return Object.entries(CANARIES).filter(([, w]) => lower.includes(w));
    };
    /**
     * An answer without the reader's own words said back: a search's query in its address, its
     * «query» label and its stemmed terms (a search for a canary names the canary; a hit must not).
     */
    const withoutEcho = (text: string, queries: string[]) => {
      let out = text.replace(/"terms":\[[^\]]*\]/g, '');
      for (const q of queries)
        for (const echo of [`«${q}»`, `search:${q}`, `q=${q}`, `q=${encodeURIComponent(q)}`, `query=${q}`])
          out = out.split(new RegExp(echo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')).join('');
      return out;
    };
    const queryOf = (url: string) => new URL(url, 'http://x').searchParams.get('q');

    /** Reads a channel as one viewer: every URL, every page, every link of OParl; the text of each answer by its URL. */
    async function harvest(channel: Channel, viewer: Viewer): Promise<{ url: string; status: number; text: string }[]> {
      const who = USERNAME[viewer];
      const answers: { url: string; status: number; text: string }[] = [];
      // The channel's own addresses are asked with its method; the pages and links they lead to are read.
      const queue = channel.urls(ctx).map((url) => ({ url, method: channel.method ?? 'GET' }));
      const seen = new Set<string>();
      while (queue.length) {
        const { url, method } = queue.shift()!;
        if (seen.has(url)) continue;
        seen.add(url);
        assert.ok(seen.size < 20_000, `${channel.name}: more than 20,000 addresses`);
        let r = await call(who, method, url, method === 'POST' ? {} : undefined, channel.headers);
        // A package is built in the background: ask until it is there.
        for (let i = 0; i < 120 && r.statusCode === 202 && /package\.(pdf|zip)/.test(url); i++) {
          await new Promise((res) => setTimeout(res, 250));
          r = await call(who, 'GET', url, undefined, channel.headers);
        }
        const text = await asText(r.rawPayload, String(r.headers['content-type'] ?? ''), String(r.headers['content-encoding'] ?? ''));
        answers.push({ url, status: r.statusCode, text });
        if (r.statusCode !== 200) continue;
        if (channel.walk === 'pages') {
          const link = /<([^>]+)>;\s*rel="next"/.exec(String(r.headers.link ?? ''))?.[1];
          const next = (() => {
            try {
              return JSON.parse(r.body)?.next as unknown;
            } catch {
              return null;
            }
          })();
          if (link) queue.push({ url: link, method: 'GET' });
          else if (typeof next === 'string') {
            const u = new URL(url, 'http://x');
            u.searchParams.set('cursor', next);
            queue.push({ url: `${u.pathname}${u.search}`, method: 'GET' });
          }
        }
        if (channel.walk === 'links') {
          for (const m of r.body.matchAll(/"(https?:\/\/[^"]+)"/g)) {
            const u = new URL(m[1].replace(/\\\//g, '/'));
            if (u.origin === BASE && (u.pathname.startsWith('/oparl/') || u.pathname.startsWith('/api/')))
              queue.push({ url: `${u.pathname}${u.search}`, method: 'GET' });
          }
        }
      }
      return answers;
    }

    test('the canaries are planted where the channels could show them: those allowed read each one', async () => {
      const search = (w: string) => `/api/search?q=${w}&limit=50`;
      const where: [keyof typeof CANARIES, string, string[]][] = [
        ['closed item title', 'medlem', [`/api/meetings/${ctx.meetingId}`, search(CANARIES['closed item title'])]],
        ['closed proposal text', 'medlem', [`/api/proposals/${ctx.closedProposalId}`, search(CANARIES['closed proposal text'])]],
        ['closed decision', 'medlem', [`/api/meetings/${ctx.meetingId}/minutes`, search(CANARIES['closed decision'])]],
        ['closed file name', 'medlem', [`/api/proposals/${ctx.closedProposalId}/attachments`]],
        ['closed file text', 'medlem', [search(CANARIES['closed file text'])]],
        ['closed follow-up', 'medlem', [`/api/followups/${ctx.followUpId}`, '/api/followups?limit=200']],
        ["closed follow-up's focus area", 'medlem', [`/api/followups/${ctx.followUpId}`, '/api/followups/focus-areas']],
        ["closed item's own file name", 'medlem', [`/api/items/${ctx.closedItemId}/attachments`]],
        ["closed item's own file text", 'medlem', [search(CANARIES["closed item's own file text"])]],
        ['non-public file name (open item)', 'medlem', [`/api/proposals/${ctx.openProposalId}/attachments`]],
        ['non-public file text (open item)', 'medlem', [search(CANARIES['non-public file text (open item)'])]],
        ['private note', 'medlem', ['/api/my/annotations']],
        ['shared comment to a person', 'sekretariat', [`/api/meetings/${ctx.meetingId}/annotations`]],
        ['title of an item closed after sending', 'medlem', [`/api/meetings/${ctx.meetingId}`, search(CANARIES['title of an item closed after sending'])]],
        ['name of a file withheld after sending', 'medlem', [`/api/proposals/${ctx.openProposalId}/attachments`]],
        ['text of a file withheld after sending', 'medlem', [search(CANARIES['text of a file withheld after sending'])]],
      ];
      assert.deepEqual(where.map(([name]) => name).sort(), Object.keys(CANARIES).sort(), 'every canary is shown planted');
      const unseen: string[] = [];
      for (const [name, who, urls] of where)
        for (const url of urls) {
          const r = await call(who, 'GET', url);
          if (r.statusCode !== 200 || !r.body.toLowerCase().includes(CANARIES[name])) unseen.push(`the ${name} as ${who} at ${url} (${r.statusCode})`);
        }
      assert.deepEqual(unseen, [], `not where those allowed read it (so the harvest could not see it leak):\n${unseen.join('\n')}`);
    });

    test('no canary through any channel as anonymous, a member of another body or a unit employee; the open content is there', async () => {
      const leaks: string[] = [];
      const missing: string[] = [];
      for (const channel of CHANNELS) {
        for (const viewer of VIEWERS) {
          const answers = await harvest(channel, viewer);
          for (const a of answers)
            for (const [name, word] of leaksIn(withoutEcho(a.text, [queryOf(a.url) ?? ''].filter(Boolean))))
              leaks.push(`${channel.name} as ${viewer}: the ${name} ('${word}') at ${a.url}`);
          if (channel.has && (channel.hasFor ?? VIEWERS).includes(viewer)) {
            const all = answers
              .map((a) => a.text)
              .join('\n')
              .toLowerCase();
            for (const word of channel.has) if (!all.includes(word.toLowerCase())) missing.push(`${channel.name} as ${viewer}: '${word}' not there`);
          }
        }
      }
      assert.deepEqual(leaks, [], `closed or private content leaked:\n${leaks.join('\n')}`);
      assert.deepEqual(missing, [], `open content missing (the harvest would pass on empty answers):\n${missing.join('\n')}`);
    });

    test('no canary in any e-mail sent (the comment only to the person it names); the subscriber got the agenda and the minutes with the open item', async () => {
      const named = await t.db.handle.db
        .selectFrom('users')
        .innerJoin('persons', 'persons.id', 'users.personId')
        .select('persons.email')
        .where('username', '=', 'sekretariat')
        .executeTakeFirstOrThrow();
      // The person a comment on an open item names is its audience: the @mention e-mail retells it to her.
      const mention = sink.mails.find((m) => m.to.includes(named.email!) && m.text.includes(CANARIES['shared comment to a person']));
      assert.ok(mention, 'the named person is told of the comment');
      const queries = [CANARIES['closed item title'], CANARIES['closed file text']];
      // What was public when the agenda was sent was in that e-mail; every e-mail after it was closed is held to all canaries.
      const afterSending = new Set<string>([
        'title of an item closed after sending',
        'name of a file withheld after sending',
        'text of a file withheld after sending',
      ]);
      const leaks = sink.mails
        .filter((m) => m !== mention)
        .flatMap((m) =>
          leaksIn(withoutEcho(`${m.subject}\n${m.text}\n${m.html}`, queries))
            .filter(([name]) => !(sink.mails.indexOf(m) < mailsBeforeClosing && afterSending.has(name)))
            .map(([name, word]) => `e-mail '${m.subject}' to ${m.to.join(', ')}: the ${name} ('${word}')`),
        );
      assert.deepEqual(leaks, [], `closed or private content leaked:\n${leaks.join('\n')}`);
      const stranger = toStranger()
        .map((m) => m.text)
        .join('\n')
        .toLowerCase();
      assert.ok(stranger.includes(OPEN.title), 'the subscriber reads the open item in the agenda e-mail');
      assert.ok(stranger.includes(`/meetings/${ctx.meetingId}/referat`), 'and is told of the minutes');
    });
  });
}
