// OParl 1.1: the whole API walked from the System object (every URL the objects give, every next
// page, every object's own id), each object validated against the OParl 1.1 JSON schemas, on both
// databases; and what must never be published (a closed item's content, a non-public file, a
// private person's e-mail) appears nowhere in the walk.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { backendKinds } from '../../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { multipart, pdf } from '../../../test/helpers/files.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/oparl-1.1/schema');
const TYPES = [
  'System',
  'Body',
  'Organization',
  'Person',
  'Membership',
  'Meeting',
  'AgendaItem',
  'Paper',
  'Consultation',
  'File',
  'LegislativeTerm',
  'Location',
];

type Schema = { properties: Record<string, { type?: string; schema?: string; items?: { type?: string; schema?: string } }> };
const schemas = new Map<string, Schema>(TYPES.map((t) => [t, JSON.parse(fs.readFileSync(path.join(schemaDir, `${t}.json`), 'utf8')) as Schema]));

// The schemas carry no $schema (draft-07 keywords only), keywords of OParl's own documentation
// tooling, and patterns with identity escapes ("\:") that only non-Unicode regular expressions take;
// "url" is their format for addresses.
const ajv = new Ajv({ allErrors: true, unicodeRegExp: false, strictTypes: false });
addFormats.default(ajv);
ajv.addVocabulary(['references', 'backreference', 'cardinality', 'schema']);
ajv.addFormat('url', (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
});
const validators = new Map<string, ValidateFunction>(TYPES.map((t) => [t, ajv.compile(schemas.get(t)!)]));

const typeName = (o: { type?: unknown }) => String(o.type ?? '').replace('https://schema.oparl.org/1.1/', '');

/** Validates an object and every object embedded in it (the schemas name those by "schema"). */
function validateDeep(o: Record<string, unknown>, expected: string | null, where: string, errors: string[]) {
  const type = typeName(o);
  if (expected && type !== expected) errors.push(`${where}: type ${type}, expected ${expected}`);
  const validate = validators.get(type);
  if (!validate) return errors.push(`${where}: unknown type ${String(o.type)}`);
  if (!validate(o)) errors.push(`${where} (${type}): ${ajv.errorsText(validate.errors)}`);
  // The specification's rule the schemas do not show: every object, embedded ones too, says when it was made and changed.
  if (type !== 'System' && (typeof o.created !== 'string' || typeof o.modified !== 'string') && o.deleted !== true)
    errors.push(`${where} (${type}): created/modified missing`);
  for (const [name, prop] of Object.entries(schemas.get(type)!.properties)) {
    const value = o[name];
    if (value === undefined) continue;
    if (prop.type === 'object' && prop.schema) validateDeep(value as Record<string, unknown>, prop.schema.replace('.json', ''), `${where}.${name}`, errors);
    if (prop.type === 'array' && prop.items?.type === 'object' && prop.items.schema) {
      for (const [i, v] of (value as Record<string, unknown>[]).entries())
        validateDeep(v, prop.items.schema.replace('.json', ''), `${where}.${name}[${i}]`, errors);
    }
  }
}

interface Walk {
  errors: string[];
  /** Every object seen, by its id (as fetched on its own, or embedded). */
  objects: Map<string, Record<string, unknown>>;
  /** Every response body, for the canaries. */
  text: string;
  requests: number;
}

/** Every URL under the API anywhere in a value. */
function urlsIn(value: unknown, base: string, out: Set<string>) {
  if (typeof value === 'string' && value.startsWith(`${base}/oparl/v1.1`)) out.add(value);
  else if (Array.isArray(value)) for (const v of value) urlsIn(v, base, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) urlsIn(v, base, out);
}

function collect(o: Record<string, unknown>, objects: Walk['objects']) {
  if (typeof o.id === 'string' && typeof o.type === 'string') objects.set(o.id, o);
  for (const v of Object.values(o)) {
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object') collect(x as Record<string, unknown>, objects);
    if (v && typeof v === 'object' && !Array.isArray(v)) collect(v as Record<string, unknown>, objects);
  }
}

/** Walks the API from the System object; lists are read a few objects a page, so that paging is walked too. */
async function walk(t: TestApp, base: string, pageSize = 4): Promise<Walk> {
  const w: Walk = { errors: [], objects: new Map(), text: '', requests: 0 };
  const queue = [`${base}/oparl/v1.1`];
  const seen = new Set(queue);
  while (queue.length) {
    const url = queue.shift()!;
    const u = new URL(url);
    const r = await t.request({ method: 'GET', url: `${u.pathname}${u.search}` });
    w.requests++;
    if (r.status !== 200) {
      w.errors.push(`${url}: ${r.status}`);
      continue;
    }
    if (r.headers['access-control-allow-origin'] !== '*') w.errors.push(`${url}: no Access-Control-Allow-Origin: *`);
    w.text += JSON.stringify(r.json);
    const found = new Set<string>();
    if (Array.isArray(r.json.data)) {
      if (!r.json.links?.first || !r.json.pagination) w.errors.push(`${url}: a list without links/pagination`);
      for (const [i, o] of (r.json.data as Record<string, unknown>[]).entries()) {
        validateDeep(o, null, `${url} data[${i}]`, w.errors);
        collect(o, w.objects);
      }
      urlsIn(r.json.data, base, found);
      if (r.json.links.next) found.add(r.json.links.next);
    } else {
      validateDeep(r.json, null, url, w.errors);
      collect(r.json, w.objects);
      urlsIn(r.json, base, found);
    }
    for (let next of found) {
      // A list's address as an object gives it (no query yet): read it in small pages.
      const isList = /\/(bodies|organizations|persons|memberships|meetings|agendaItems|papers|consultations|files|locations)$/.test(new URL(next).pathname);
      if (isList && !next.includes('?')) next = `${next}?limit=${pageSize}`;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return w;
}

const CANARY = {
  closedTitle: 'KANARIE-lukket-titel Jens Hansens personalesag',
  closedPurpose: 'KANARIE-lukket-formål fortroligt',
  closedDecision: 'KANARIE-lukket-beslutning afskedigelse',
  closedProposal: 'KANARIE-lukket-indstilling',
  hiddenFile: 'KANARIE-ikke-offentligt-bilag',
  officerEmail: 'kanarie.sagsbehandler@aarhus.dk',
};
const PRIVATE_EMAILS = ['sofie@raadslag.invalid', 'daniel@raadslag.invalid', 'lfda@aarhus.dk', CANARY.officerEmail];
const CASE = 'EMN-2026-04242';

for (const kind of backendKinds) {
  describe(`OParl 1.1 (${kind})`, () => {
    let t: TestApp;
    let dataDir: string;
    const base = 'http://localhost:80';
    const ids: Record<string, string> = {};
    let beforeDelete = '';

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-oparl-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
      const as = 'sekretariat';
      const bodies = (await t.request({ method: 'GET', url: '/api/bodies', as })).json;
      const orgs = bodies[0].organizations as { id: string; shortName: string | null; name: string }[];
      ids.committee = orgs.find((o) => o.shortName === 'SBU')!.id;
      ids.alderman = orgs.find((o) => o.shortName === 'RMM')!.id;

      // A meeting of the committee with an open and a closed item, sent to members.
      const meeting = await t.request({
        method: 'POST',
        url: '/api/meetings',
        as,
        payload: {
          organizationId: ids.committee,
          title: 'OParl-prøvemøde',
          start: '2026-12-14T16:30',
          end: '2026-12-14T18:00',
          location: 'Rådhuset, lokale 398',
        },
      });
      assert.equal(meeting.status, 201, JSON.stringify(meeting.json));
      ids.meeting = meeting.json.id;
      const open = await t.request({
        method: 'POST',
        url: `/api/meetings/${ids.meeting}/items`,
        as,
        payload: { title: 'Beskæftigelsesindsatsen 2027', plannedMinutes: 20, method: 'Beslutning' },
      });
      ids.openItem = open.json.items.find((i: { title: string }) => i.title === 'Beskæftigelsesindsatsen 2027').id;
      const closed = await t.request({
        method: 'POST',
        url: `/api/meetings/${ids.meeting}/items`,
        as,
        payload: {
          title: CANARY.closedTitle,
          purpose: CANARY.closedPurpose,
          decision: CANARY.closedDecision,
          public: false,
          publicTitle: 'Personalesag',
          legalBasis: 'Forvaltningslovens § 32',
          publicDecision: 'Udvalget traf beslutning i sagen.',
          plannedMinutes: 10,
        },
      });
      assert.equal(closed.status, 201, JSON.stringify(closed.json));
      ids.closedItem = closed.json.items.find((i: { public: boolean }) => !i.public).id;
      const published = await t.request({ method: 'POST', url: `/api/meetings/${ids.meeting}/state`, as, payload: { state: 'agenda_published' } });
      assert.equal(published.status, 200, JSON.stringify(published.json));

      const upload = async (itemId: string, name: string, isPublic: boolean, title: string) => {
        const body = multipart({ name, data: await pdf([{ text: title }]), type: 'application/pdf' }, { title, public: String(isPublic) });
        const r = await t.request({ method: 'POST', url: `/api/items/${itemId}/attachments`, as, ...body });
        assert.equal(r.status, 201, JSON.stringify(r.json));
        return r.json.id as string;
      };
      ids.publicFile = await upload(ids.openItem, 'handleplan.pdf', true, 'Handleplan');
      ids.hiddenFile = await upload(ids.openItem, `${CANARY.hiddenFile}.pdf`, false, CANARY.hiddenFile);
      ids.closedFile = await upload(ids.closedItem, 'lukket-bilag.pdf', true, 'Bilag til lukket punkt');

      // One case through two bodies: the rådmand's meeting of 27 January, then the committee's.
      const { db } = t.db.handle;
      const aldermanMeeting = await db
        .selectFrom('meetings')
        .select('id')
        .where('organizationId', '=', ids.alderman)
        .where('state', 'in', ['held', 'minutes_approved'])
        .orderBy('start', 'desc')
        .executeTakeFirstOrThrow();
      const aldermanItem = await db
        .selectFrom('agendaItems')
        .select('id')
        .where('meetingId', '=', aldermanMeeting.id)
        .where('isPublic', '=', 1)
        .orderBy('position')
        .executeTakeFirstOrThrow();
      const units = await db.selectFrom('organizations').select('id').where('shortName', '=', 'FAS').executeTakeFirstOrThrow();
      const proposal = (organizationId: string, meetingId: string, agendaItemId: string, title: string, email: string, caseNumber: string) => {
        const id = newId();
        const ts = nowIso();
        return db
          .insertInto('proposals')
          .values({
            id,
            organizationId,
            unitId: units.id,
            meetingId,
            agendaItemId,
            state: 'scheduled',
            title,
            caseNumber,
            caseOfficerName: 'Kanarie Sagsbehandler',
            caseOfficerPhone: '12 34 56 78',
            caseOfficerEmail: email,
            proposalDate: '2026-11-20',
            plannedMinutes: 15,
            authorUserId: null,
            submittedAt: ts,
            lateAcceptedAt: null,
            created: ts,
            modified: ts,
            deleted: null,
          })
          .execute()
          .then(() => id);
      };
      ids.firstProposal = await proposal(ids.alderman, aldermanMeeting.id, aldermanItem.id, 'Beskæftigelsesindsatsen 2027', CANARY.officerEmail, CASE);
      ids.secondProposal = await proposal(ids.committee, ids.meeting, ids.openItem, 'Beskæftigelsesindsatsen 2027', CANARY.officerEmail, CASE);
      ids.closedProposal = await proposal(ids.committee, ids.meeting, ids.closedItem, CANARY.closedProposal, CANARY.officerEmail, 'EMN-2026-09999');

      // A second meeting sent to members, then deleted.
      const gone = await t.request({
        method: 'POST',
        url: '/api/meetings',
        as,
        payload: { organizationId: ids.committee, title: 'Aflyst prøvemøde', start: '2026-12-16T16:30', end: '2026-12-16T18:00' },
      });
      ids.deleted = gone.json.id;
      await t.request({ method: 'POST', url: `/api/meetings/${ids.deleted}/items`, as, payload: { title: 'Orientering', plannedMinutes: 10 } });
      const sent = await t.request({ method: 'POST', url: `/api/meetings/${ids.deleted}/state`, as, payload: { state: 'agenda_published' } });
      assert.equal(sent.status, 200, JSON.stringify(sent.json));
      beforeDelete = new Date(Date.parse(nowIso()) - 1000).toISOString();
      await new Promise((r) => setTimeout(r, 5));
      assert.equal((await t.request({ method: 'DELETE', url: `/api/meetings/${ids.deleted}`, as })).status, 204);
    });

    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    let walked: Walk;
    test('the whole API, walked from the System object, is valid OParl 1.1: 0 errors', async () => {
      walked = await walk(t, base);
      assert.deepEqual(walked.errors, []);
      const types = new Set([...walked.objects.values()].map(typeName));
      assert.deepEqual([...types].sort(), [...TYPES].sort(), 'every kind of object is reached');
      assert.ok(walked.requests > 50, `walked ${walked.requests} requests`);
    });

    test('a closed item shows its public title and decision only; a non-public file and private e-mails appear nowhere', async () => {
      walked ??= await walk(t, base);
      for (const canary of [CANARY.closedTitle, CANARY.closedPurpose, CANARY.closedDecision, CANARY.closedProposal, CANARY.hiddenFile, ...PRIVATE_EMAILS]) {
        assert.ok(!walked.text.includes(canary), `"${canary}" was published`);
      }
      assert.ok(!walked.text.includes('Sofie Brøndt Jørgensen'), 'a secretary is no public person');
      assert.ok(!walked.text.includes('Kanarie Sagsbehandler'), 'a case officer is no public person');
      const closed = walked.objects.get(`${base}/oparl/v1.1/agendaItems/${ids.closedItem}`)!;
      assert.equal(closed.name, 'Personalesag');
      assert.equal(closed.public, false);
      assert.equal(closed.resolutionText, 'Udvalget traf beslutning i sagen.');
      assert.equal(closed.auxiliaryFile, undefined);
      assert.ok(!walked.objects.has(`${base}/oparl/v1.1/files/${ids.hiddenFile}`));
      assert.ok(!walked.objects.has(`${base}/oparl/v1.1/files/${ids.closedFile}`));
      // Asked for by its id, a non-public file is gone, as withdrawn files are: nothing but that (the public
      // agenda shows that the item has a withheld attachment too, by its number).
      const hidden = await t.request({ method: 'GET', url: `/oparl/v1.1/files/${ids.hiddenFile}` });
      assert.deepEqual(Object.keys(hidden.json).sort(), ['created', 'deleted', 'id', 'modified', 'type']);
      assert.equal((await t.request({ method: 'GET', url: `/oparl/v1.1/files/${newId()}` })).status, 404);
      // A member of the committee: name and party group.
      const karen = [...walked.objects.values()].find((o) => o.name === 'Karen Holm')!;
      assert.equal(typeName(karen), 'Person');
      assert.deepEqual(
        (karen.membership as Record<string, unknown>[]).map((m) => [m.role, m['raadslag:partyGroup']]),
        [['medlem', 'Venstre']],
      );
      assert.equal(karen.email, undefined);
    });

    test('a public file points at the public PDF, which an anonymous visitor can open', async () => {
      walked ??= await walk(t, base);
      const file = walked.objects.get(`${base}/oparl/v1.1/files/${ids.publicFile}`)!;
      assert.equal(file.name, 'Handleplan');
      assert.equal(file.accessUrl, `${base}/api/attachments/${ids.publicFile}/pdf`);
      const r = await t.app.inject({ method: 'GET', url: new URL(String(file.accessUrl)).pathname });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      const meeting = walked.objects.get(`${base}/oparl/v1.1/meetings/${ids.meeting}`)!;
      assert.equal((meeting.invitation as Record<string, unknown>).accessUrl, `${base}/api/meetings/${ids.meeting}/agenda.pdf`);
    });

    test('one case, two bodies: one Paper (by case number) with a Consultation per meeting; the last decides', async () => {
      walked ??= await walk(t, base);
      const papers = [...walked.objects.values()].filter((o) => typeName(o) === 'Paper' && o.reference === CASE);
      assert.equal(papers.length, 1);
      const consultations = papers[0].consultation as Record<string, unknown>[];
      assert.deepEqual(
        consultations.map((c) => [c.organization, c.authoritative]),
        [
          [[`${base}/oparl/v1.1/organizations/${ids.alderman}`], false],
          [[`${base}/oparl/v1.1/organizations/${ids.committee}`], true],
        ],
      );
      assert.equal(consultations[1].agendaItem, `${base}/oparl/v1.1/agendaItems/${ids.openItem}`);
      const item = walked.objects.get(`${base}/oparl/v1.1/agendaItems/${ids.openItem}`)!;
      assert.equal(item.consultation, consultations[1].id);
    });

    test('addresses are the public address: a forwarded host counts only from a trusted proxy', async () => {
      const r = await t.request({ method: 'GET', url: '/oparl/v1.1', headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
      assert.equal(r.json.id, `${base}/oparl/v1.1`);
      assert.equal(r.json.body, `${base}/oparl/v1.1/bodies`);
      assert.equal((await t.request({ method: 'GET', url: '/oparl/v1.1/no-such-list' })).status, 404);
    });

    test('a deleted meeting is listed as deleted: true with modified_since, and not without', async () => {
      const bodyId = (await t.request({ method: 'GET', url: '/oparl/v1.1/bodies' })).json.data[0].id.split('/').pop();
      const url = `/oparl/v1.1/bodies/${bodyId}/meetings`;
      const all = async (query: string) => {
        const out: Record<string, unknown>[] = [];
        let next: string | undefined = `${url}?limit=3${query}`;
        while (next) {
          const r = await t.request({ method: 'GET', url: next.replace(base, '') });
          assert.equal(r.status, 200, JSON.stringify(r.json));
          out.push(...r.json.data);
          next = r.json.links.next;
        }
        return out;
      };
      const since = await all(`&modified_since=${encodeURIComponent(beforeDelete)}`);
      const gone = since.find((m) => m.id === `${base}/oparl/v1.1/meetings/${ids.deleted}`);
      assert.deepEqual(Object.keys(gone ?? {}).sort(), ['created', 'deleted', 'id', 'modified', 'type']);
      assert.equal(gone!.deleted, true);
      // Times are shown to the second: a change in the same second as the filter shows as that second.
      assert.ok(since.every((m) => Date.parse(String(m.modified)) >= Math.floor(Date.parse(beforeDelete) / 1000) * 1000));
      assert.ok(!(await all('')).some((m) => m.id === gone!.id));
      const own = await t.request({ method: 'GET', url: `/oparl/v1.1/meetings/${ids.deleted}` });
      assert.equal(own.json.deleted, true);
    });

    test('closing an item later withdraws what was published: its files and its consultation are deleted; the case keeps its other meeting', async () => {
      const since = new Date(Date.parse(nowIso()) - 1000).toISOString();
      await new Promise((r) => setTimeout(r, 5));
      const closing = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${ids.meeting}/items/${ids.openItem}`,
        as: 'sekretariat',
        payload: { public: false, publicTitle: 'Lukket punkt', legalBasis: 'Forvaltningslovens § 32' },
      });
      assert.equal(closing.status, 200, JSON.stringify(closing.json));
      const changes = await walk(t, base);
      assert.ok(!changes.objects.has(`${base}/oparl/v1.1/files/${ids.publicFile}`), 'the file is no longer published');
      const bodyId = (await t.request({ method: 'GET', url: '/oparl/v1.1/bodies' })).json.data[0].id.split('/').pop();
      const listed = async (list: string) =>
        (await t.request({ method: 'GET', url: `/oparl/v1.1/bodies/${bodyId}/${list}?modified_since=${encodeURIComponent(since)}` })).json.data as Record<
          string,
          unknown
        >[];
      const file = (await listed('files')).find((f) => f.id === `${base}/oparl/v1.1/files/${ids.publicFile}`);
      assert.equal(file?.deleted, true);
      assert.equal(file?.name, undefined);
      const consultation = (await listed('consultations')).find((c) => c.id === `${base}/oparl/v1.1/consultations/${ids.secondProposal}`);
      assert.equal(consultation?.deleted, true);
      const paper = (await listed('papers')).find((p) => p.reference === CASE)!;
      assert.deepEqual(
        (paper.consultation as Record<string, unknown>[]).map((c) => c.organization),
        [[`${base}/oparl/v1.1/organizations/${ids.alderman}`]],
      );
    });
  });
}
