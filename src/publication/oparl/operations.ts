// OParl 1.1 objects and lists, read-only: each list page and each object is read with the store's
// public-only queries, then shaped here. Embedded objects of a page are read in one query per kind.
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { nowMs } from '../../lib/time.ts';
import * as m from './model.ts';
import * as store from './store.ts';

export interface Ctx {
  db: Db;
  urls: m.Urls;
}

type Obj = Record<string, unknown>;

const life = (r: { created: string; modified: string }) => ({ created: m.time(r.created), modified: m.time(r.modified) });
const unique = <T>(xs: T[]) => [...new Set(xs)];
const groupBy = <T>(xs: T[], key: (x: T) => string | null) => {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (k === null) continue;
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(x);
  }
  return out;
};

// ---- files --------------------------------------------------------------------------------------------

function attachmentFile(ctx: Ctx, f: store.FileRow, paperKeyOf: Map<string, string>): Obj {
  const { urls } = ctx;
  const original = urls.api(`/api/attachments/${f.key}/file`);
  const paperKey = f.proposalId ? paperKeyOf.get(f.proposalId) : undefined;
  return {
    id: urls.of('files', f.key),
    type: m.typeUri('File'),
    name: f.title,
    fileName: f.fileName,
    mimeType: f.mediaType,
    ...(f.byteSize !== null ? { size: Number(f.byteSize) } : {}),
    date: m.time(f.created).slice(0, 10),
    // The PDF the package uses opens in the browser; the original is the download.
    accessUrl: f.hasPdf === 1 ? urls.api(`/api/attachments/${f.key}/pdf`) : original,
    downloadUrl: original,
    meeting: [urls.of('meetings', f.meetingId)],
    ...(f.agendaItemId ? { agendaItem: [urls.of('agendaItems', f.agendaItemId)] } : {}),
    ...(paperKey ? { paper: [urls.of('papers', paperKey)] } : {}),
    ...life(f),
  };
}

function generatedFile(ctx: Ctx, f: m.GeneratedFile, owner: { created: string; modified: string }, links: { meetingId?: string; paperKey?: string }): Obj {
  const { urls } = ctx;
  const path = {
    agenda: `/api/meetings/${f.ownerId}/agenda.pdf`,
    minutes: `/api/meetings/${f.ownerId}/minutes.pdf`,
    proposal: `/api/proposals/${f.ownerId}/document.pdf`,
  }[f.kind];
  const name = { agenda: 'Dagsorden', minutes: 'Referat', proposal: 'Indstilling' }[f.kind];
  return {
    id: urls.of('files', m.generatedFileId(f)),
    type: m.typeUri('File'),
    name,
    fileName: `${f.kind === 'agenda' ? 'dagsorden' : f.kind === 'minutes' ? 'referat' : 'indstilling'}.pdf`,
    mimeType: 'application/pdf',
    accessUrl: urls.api(path),
    downloadUrl: urls.api(path),
    ...(links.meetingId ? { meeting: [urls.of('meetings', links.meetingId)] } : {}),
    ...(links.paperKey ? { paper: [urls.of('papers', links.paperKey)] } : {}),
    ...life(owner),
  };
}

/** The papers the proposals of these files belong to. */
async function paperKeys(db: Db, files: store.FileRow[]): Promise<Map<string, string>> {
  const ids = unique(files.flatMap((f) => (f.proposalId ? [f.proposalId] : [])));
  const rows = await store.liveRowsWhere<store.ConsultationRow>(db, 'consultations', 'key', ids);
  return new Map(rows.map((c) => [c.key, c.paperKey]));
}

// ---- meetings and their agendas -----------------------------------------------------------------------

function location(ctx: Ctx, meeting: store.MeetingRow): Obj {
  return {
    id: ctx.urls.of('locations', meeting.key),
    type: m.typeUri('Location'),
    description: meeting.location,
    meetings: [ctx.urls.of('meetings', meeting.key)],
    bodies: [ctx.urls.of('bodies', meeting.bodyId)],
    ...life(meeting),
  };
}

interface AgendaParts {
  files: Map<string, store.FileRow[]>;
  consultations: Map<string, store.ConsultationRow>;
  paperKeyOf: Map<string, string>;
}

async function agendaParts(db: Db, items: store.ItemRow[]): Promise<AgendaParts> {
  const ids = items.map((i) => i.key);
  const [files, consultations] = await Promise.all([
    store.liveRowsWhere<store.FileRow>(db, 'files', 'agendaItemId', ids),
    store.liveRowsWhere<store.ConsultationRow>(db, 'consultations', 'agendaItemId', ids),
  ]);
  return {
    files: groupBy(files, (f) => f.agendaItemId),
    consultations: new Map(consultations.map((c) => [c.agendaItemId, c])),
    paperKeyOf: new Map(consultations.map((c) => [c.key, c.paperKey])),
  };
}

function agendaItem(ctx: Ctx, i: store.ItemRow, parts: AgendaParts): Obj {
  const { urls } = ctx;
  const n = Number(i.number);
  const consultation = parts.consultations.get(i.key);
  const files = parts.files.get(i.key) ?? [];
  return {
    id: urls.of('agendaItems', i.key),
    type: m.typeUri('AgendaItem'),
    meeting: urls.of('meetings', i.meetingId),
    number: String(n),
    order: n - 1,
    // A closed item: its public title ("Lukket punkt" when it has none) and publishable decision only.
    name: i.name ?? 'Lukket punkt',
    public: i.isPublic === 1,
    ...(consultation ? { consultation: urls.of('consultations', consultation.key) } : {}),
    ...(i.resolution ? { resolutionText: i.resolution } : {}),
    ...(files.length ? { auxiliaryFile: files.map((f) => attachmentFile(ctx, f, parts.paperKeyOf)) } : {}),
    ...(i.actualStart ? { start: m.time(i.actualStart) } : {}),
    ...(i.actualEnd ? { end: m.time(i.actualEnd) } : {}),
    // "Metode" (orientering, drøftelse, beslutning …): a Danish extra, open items only.
    ...(i.method ? { 'raadslag:method': i.method } : {}),
    ...life(i),
  };
}

async function meetings(ctx: Ctx, rows: store.MeetingRow[]): Promise<Obj[]> {
  const shown = rows.filter((r) => r.live === 1);
  const items = await store.liveRowsWhere<store.ItemRow>(
    ctx.db,
    'agendaItems',
    'meetingId',
    shown.map((r) => r.key),
  );
  items.sort((a, b) => Number(a.number) - Number(b.number));
  const parts = await agendaParts(ctx.db, items);
  const itemsOf = groupBy(items, (i) => i.meetingId);
  return rows.map((r) => {
    if (r.live !== 1) return m.tombstone(ctx.urls.of('meetings', r.key), 'Meeting', r.modified, r.created);
    const cancelled = r.state === 'cancelled';
    return {
      id: ctx.urls.of('meetings', r.key),
      type: m.typeUri('Meeting'),
      name: r.title,
      meetingState: m.meetingStateName(r.state),
      cancelled,
      start: m.time(r.start),
      end: m.time(r.end),
      ...(r.location ? { location: location(ctx, r) } : {}),
      organization: [ctx.urls.of('organizations', r.organizationId)],
      ...(cancelled ? {} : { invitation: generatedFile(ctx, { kind: 'agenda', ownerId: r.key }, r, { meetingId: r.key }) }),
      ...(m.hasMinutes(r.state) ? { resultsProtocol: generatedFile(ctx, { kind: 'minutes', ownerId: r.key }, r, { meetingId: r.key }) } : {}),
      agendaItem: (itemsOf.get(r.key) ?? []).map((i) => agendaItem(ctx, i, parts)),
      ...(cancelled ? {} : { web: ctx.urls.api(`/meetings/${r.key}`) }),
      ...life(r),
    };
  });
}

async function agendaItems(ctx: Ctx, rows: store.ItemRow[]): Promise<Obj[]> {
  const parts = await agendaParts(
    ctx.db,
    rows.filter((r) => r.live === 1),
  );
  return rows.map((r) => (r.live === 1 ? agendaItem(ctx, r, parts) : m.tombstone(ctx.urls.of('agendaItems', r.key), 'AgendaItem', r.modified, r.created)));
}

// ---- papers and consultations -------------------------------------------------------------------------

/** The last body a case comes before decides it; the bodies before recommend (indstiller). */
function consultation(ctx: Ctx, c: store.ConsultationRow, siblings: store.ConsultationRow[]): Obj {
  const { urls } = ctx;
  const last = siblings.reduce((a, b) => (b.meetingStart > a.meetingStart ? b : a), c);
  return {
    id: urls.of('consultations', c.key),
    type: m.typeUri('Consultation'),
    paper: urls.of('papers', c.paperKey),
    agendaItem: urls.of('agendaItems', c.agendaItemId),
    meeting: urls.of('meetings', c.meetingId),
    organization: [urls.of('organizations', c.organizationId)],
    authoritative: last.key === c.key,
    ...(c.method ? { role: c.method } : {}),
    ...life(c),
  };
}

async function consultations(ctx: Ctx, rows: store.ConsultationRow[]): Promise<Obj[]> {
  const shown = rows.filter((r) => r.live === 1);
  const siblings = groupBy(await store.consultationsOfPapers(ctx.db, unique(shown.map((c) => c.paperKey))), (c) => c.paperKey);
  return rows.map((r) =>
    r.live === 1
      ? consultation(ctx, r, siblings.get(r.paperKey) ?? [])
      : m.tombstone(ctx.urls.of('consultations', r.key), 'Consultation', r.modified, r.created),
  );
}

async function papers(ctx: Ctx, rows: store.PaperRow[]): Promise<Obj[]> {
  const { urls } = ctx;
  const shown = rows.filter((r) => r.live === 1);
  const all = await store.consultationsOfPapers(
    ctx.db,
    shown.map((r) => r.key),
  );
  all.sort((a, b) => (a.meetingStart < b.meetingStart ? -1 : a.meetingStart > b.meetingStart ? 1 : 0));
  const byPaper = groupBy(all, (c) => c.paperKey);
  const files = groupBy(
    await store.liveRowsWhere<store.FileRow>(
      ctx.db,
      'files',
      'proposalId',
      all.map((c) => c.key),
    ),
    (f) => f.proposalId,
  );
  const paperKeyOf = new Map(all.map((c) => [c.key, c.paperKey]));
  return rows.map((r) => {
    const cs = byPaper.get(r.key) ?? [];
    if (r.live !== 1 || cs.length === 0) return m.tombstone(urls.of('papers', r.key), 'Paper', r.modified, r.created);
    const latest = cs[cs.length - 1];
    const dates = cs.flatMap((c) => (c.proposalDate ? [c.proposalDate] : [])).sort();
    const units = unique(cs.flatMap((c) => (c.unitId ? [c.unitId] : [])));
    return {
      id: urls.of('papers', r.key),
      type: m.typeUri('Paper'),
      body: urls.of('bodies', r.bodyId),
      name: latest.title,
      ...(latest.caseNumber ? { reference: latest.caseNumber } : {}),
      ...(dates.length ? { date: dates[0] } : {}),
      paperType: 'Indstilling',
      mainFile: generatedFile(ctx, { kind: 'proposal', ownerId: latest.key }, latest, { paperKey: r.key }),
      auxiliaryFile: cs.flatMap((c) => (files.get(c.key) ?? []).map((f) => attachmentFile(ctx, f, paperKeyOf))),
      ...(units.length
        ? { underDirectionOf: units.map((u) => urls.of('organizations', u)), originatorOrganization: units.map((u) => urls.of('organizations', u)) }
        : {}),
      consultation: cs.map((c) => consultation(ctx, c, cs)),
      ...life(r),
    };
  });
}

// ---- people and bodies --------------------------------------------------------------------------------

function membership(ctx: Ctx, ms: store.MembershipRow): Obj {
  const { urls } = ctx;
  return {
    id: urls.of('memberships', ms.key),
    type: m.typeUri('Membership'),
    person: urls.of('persons', ms.personId),
    organization: urls.of('organizations', ms.organizationId),
    role: m.roleName(ms.role),
    votingRight: true,
    ...(ms.validFrom ? { startDate: ms.validFrom } : {}),
    ...(ms.validTo ? { endDate: ms.validTo } : {}),
    // The party group the member sits for (a Danish extra: OParl has no field for it).
    ...(ms.groupName ? { 'raadslag:partyGroup': ms.groupName } : {}),
    ...life(ms),
  };
}

async function persons(ctx: Ctx, rows: store.PersonRow[]): Promise<Obj[]> {
  const seats = groupBy(
    await store.liveRowsWhere<store.MembershipRow>(
      ctx.db,
      'memberships',
      'personId',
      rows.filter((r) => r.live === 1).map((r) => r.key),
    ),
    (ms) => ms.personId,
  );
  return rows.map((r) =>
    r.live === 1
      ? {
          id: ctx.urls.of('persons', r.key),
          type: m.typeUri('Person'),
          body: ctx.urls.of('bodies', r.bodyId),
          name: r.name,
          membership: (seats.get(r.key) ?? []).map((ms) => membership(ctx, ms)),
          ...life(r),
        }
      : m.tombstone(ctx.urls.of('persons', r.key), 'Person', r.modified, r.created),
  );
}

async function organizations(ctx: Ctx, rows: store.OrganizationRow[]): Promise<Obj[]> {
  const { urls } = ctx;
  const seats = groupBy(
    await store.liveRowsWhere<store.MembershipRow>(
      ctx.db,
      'memberships',
      'organizationId',
      rows.filter((r) => r.live === 1).map((r) => r.key),
    ),
    (ms) => ms.organizationId,
  );
  return rows.map((r) => {
    if (r.live !== 1) return m.tombstone(urls.of('organizations', r.key), 'Organization', r.modified, r.created);
    const kind = m.organizationTypes[r.kind] ?? m.organizationTypes.committee;
    return {
      id: urls.of('organizations', r.key),
      type: m.typeUri('Organization'),
      body: urls.of('bodies', r.bodyId),
      name: r.name,
      ...(r.shortName ? { shortName: r.shortName } : {}),
      ...kind,
      membership: (seats.get(r.key) ?? []).map((ms) => urls.of('memberships', ms.key)),
      ...(r.kind === 'unit' ? {} : { meeting: `${urls.of('organizations', r.key)}/meetings` }),
      ...(r.parentId ? { subOrganizationOf: urls.of('organizations', r.parentId) } : {}),
      ...life(r),
    };
  });
}

async function termsOf(ctx: Ctx, body: store.BodyRow): Promise<Obj[]> {
  const years = await store.meetingYears(ctx.db, body.key);
  const thisYear = new Date(nowMs()).getUTCFullYear();
  const yearOf = (s: string | null) => (s ? Number(m.time(s).slice(0, 4)) : thisYear);
  return m.termsBetween(Math.min(yearOf(years.first), thisYear), Math.max(yearOf(years.last), thisYear)).map((t) => legislativeTerm(ctx, body, t));
}

const legislativeTerm = (ctx: Ctx, body: store.BodyRow, t: m.Term): Obj => ({
  id: ctx.urls.of('legislativeTerms', m.termId(body.key, t.firstYear)),
  type: m.typeUri('LegislativeTerm'),
  body: ctx.urls.of('bodies', body.key),
  name: t.name,
  startDate: t.startDate,
  endDate: t.endDate,
  ...life(body),
});

async function bodies(ctx: Ctx, rows: store.BodyRow[]): Promise<Obj[]> {
  const { urls } = ctx;
  const out: Obj[] = [];
  for (const r of rows) {
    if (r.live !== 1) {
      out.push(m.tombstone(urls.of('bodies', r.key), 'Body', r.modified, r.created));
      continue;
    }
    const council = await store.councilOf(ctx.db, r.key);
    const list = (c: m.Collection) => urls.bodyList(r.key, c);
    out.push({
      id: urls.of('bodies', r.key),
      type: m.typeUri('Body'),
      system: urls.system(),
      name: r.name,
      website: urls.publicUrl,
      classification: 'kommune',
      organization: list('organizations'),
      person: list('persons'),
      meeting: list('meetings'),
      paper: list('papers'),
      agendaItem: list('agendaItems'),
      consultation: list('consultations'),
      file: list('files'),
      membership: list('memberships'),
      locationList: list('locations'),
      legislativeTermList: list('legislativeTerms'),
      legislativeTerm: await termsOf(ctx, r),
      ...(council ? { mainOrganization: urls.of('organizations', council.id) } : {}),
      ...life(r),
    });
  }
  return out;
}

async function files(ctx: Ctx, rows: store.FileRow[]): Promise<Obj[]> {
  const paperKeyOf = await paperKeys(ctx.db, rows);
  return rows.map((r) => (r.live === 1 ? attachmentFile(ctx, r, paperKeyOf) : m.tombstone(ctx.urls.of('files', r.key), 'File', r.modified, r.created)));
}

const locations = async (ctx: Ctx, rows: store.MeetingRow[]): Promise<Obj[]> =>
  rows.map((r) => (r.live === 1 ? location(ctx, r) : m.tombstone(ctx.urls.of('locations', r.key), 'Location', r.modified, r.created)));

const presenters: Record<store.Source, (ctx: Ctx, rows: any[]) => Promise<Obj[]>> = {
  bodies,
  organizations,
  persons,
  memberships: async (ctx, rows: store.MembershipRow[]) =>
    rows.map((r) => (r.live === 1 ? membership(ctx, r) : m.tombstone(ctx.urls.of('memberships', r.key), 'Membership', r.modified, r.created))),
  meetings,
  agendaItems,
  papers,
  consultations,
  files,
  locations,
};

// ---- the API ------------------------------------------------------------------------------------------

export async function system(ctx: Ctx): Promise<Obj> {
  const first = await store.firstBody(ctx.db);
  return {
    id: ctx.urls.system(),
    type: m.typeUri('System'),
    oparlVersion: m.OPARL_VERSION,
    body: `${ctx.urls.base}/${m.paths.bodies}`,
    name: 'Rådslag',
    website: ctx.urls.publicUrl,
    ...(first ? life(first) : {}),
  };
}

/** A page of one of a body's lists (or the list of bodies, or an organization's meetings). */
export async function list(ctx: Ctx, source: store.Source, scope: store.Scope, q: m.ListQuery, listUrl: string): Promise<m.ListPage> {
  if (scope.bodyId && !(await store.findRow<store.BodyRow>(ctx.db, 'bodies', scope.bodyId))) throw notFound('body');
  if (scope.organizationId && !(await store.findRow<store.OrganizationRow>(ctx.db, 'organizations', scope.organizationId))) throw notFound('organization');
  const rows = await store.listRows<{ key: string }>(ctx.db, source, scope, q);
  const shown = rows.slice(0, q.limit);
  const objects = await presenters[source](ctx, shown);
  return m.listPage(listUrl, q, rows, (r) => objects[shown.indexOf(r)]);
}

/** A body's legislative terms: a short list, one page. */
export async function termList(ctx: Ctx, bodyId: string, listUrl: string): Promise<m.ListPage> {
  const body = await store.findRow<store.BodyRow>(ctx.db, 'bodies', bodyId);
  if (!body || body.live !== 1) throw notFound('body');
  const data = await termsOf(ctx, body);
  return { data, pagination: { elementsPerPage: data.length }, links: { first: listUrl, self: listUrl } };
}

/** One object by its own address: public, a tombstone (deleted: true), or not found. */
export async function object(ctx: Ctx, source: store.Source, id: string): Promise<Obj> {
  const row = await store.findRow<{ key: string }>(ctx.db, source, id);
  if (!row) throw notFound(source);
  return (await presenters[source](ctx, [row]))[0];
}

export async function term(ctx: Ctx, id: string): Promise<Obj> {
  const parsed = m.parseTermId(id);
  const body = parsed && (await store.findRow<store.BodyRow>(ctx.db, 'bodies', parsed.bodyId));
  if (!parsed || !body || body.live !== 1) throw notFound('legislative term');
  return legislativeTerm(ctx, body, m.term(parsed.firstYear));
}

/** A file: an attachment, or a document the app renders (agenda, minutes, proposal). */
export async function file(ctx: Ctx, id: string): Promise<Obj> {
  const generated = m.parseGeneratedFileId(id);
  if (!generated) return object(ctx, 'files', id);
  const url = ctx.urls.of('files', id);
  if (generated.kind === 'proposal') {
    const c = await store.findRow<store.ConsultationRow>(ctx.db, 'consultations', generated.ownerId);
    if (!c) throw notFound('file');
    return c.live === 1 ? generatedFile(ctx, generated, c, { paperKey: c.paperKey }) : m.tombstone(url, 'File', c.modified, c.created);
  }
  const meeting = await store.findRow<store.MeetingRow>(ctx.db, 'meetings', generated.ownerId);
  if (!meeting) throw notFound('file');
  const exists = meeting.live === 1 && (generated.kind === 'agenda' ? meeting.state !== 'cancelled' : m.hasMinutes(meeting.state));
  return exists ? generatedFile(ctx, generated, meeting, { meetingId: meeting.key }) : m.tombstone(url, 'File', meeting.modified, meeting.created);
}
