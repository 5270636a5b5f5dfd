// OParl 1.1: the pure part — addresses, paging, legislative terms and the shapes of the objects.
// What is public is decided in store.ts (in SQL); this file only shapes what the store returned.
import { toLocalIso } from '../../lib/time.ts';

export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
export const PREFIX = '/oparl/v1.1';

export type OParlType =
  'System' | 'Body' | 'Organization' | 'Person' | 'Membership' | 'Meeting' | 'AgendaItem' | 'Paper' | 'Consultation' | 'File' | 'LegislativeTerm' | 'Location';

export const typeUri = (t: OParlType) => `https://schema.oparl.org/1.1/${t}`;

/** Where each kind of object lives under the API's base address (`{publicUrl}/oparl/v1.1`). */
export const paths = {
  bodies: 'bodies',
  organizations: 'organizations',
  persons: 'persons',
  memberships: 'memberships',
  meetings: 'meetings',
  agendaItems: 'agendaItems',
  papers: 'papers',
  consultations: 'consultations',
  files: 'files',
  locations: 'locations',
  legislativeTerms: 'legislativeTerms',
} as const;

export type Collection = keyof typeof paths;

/** Builds the absolute addresses of one request (PUBLIC_URL or the request's own, see http/public-url.ts). */
export class Urls {
  readonly base: string;
  constructor(readonly publicUrl: string) {
    this.base = `${publicUrl}${PREFIX}`;
  }
  system = () => this.base;
  of = (collection: Collection, id: string) => `${this.base}/${paths[collection]}/${encodeURIComponent(id)}`;
  bodyList = (bodyId: string, collection: Collection) => `${this.of('bodies', bodyId)}/${paths[collection]}`;
  api = (path: string) => `${this.publicUrl}${path}`;
}

// ---- paging ---------------------------------------------------------------------------------------

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

/** A list request: keyset paging (`after`: the last key of the previous page) and the OParl filters. */
export interface ListQuery {
  limit: number;
  after?: string;
  createdSince?: string;
  createdUntil?: string;
  modifiedSince?: string;
  modifiedUntil?: string;
}

/** A stored instant (ISO UTC, as nowIso writes them) for an OParl filter's value (any ISO 8601 instant). */
export function storedInstant(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * OParl: a list asked for with modified_since also carries the objects deleted (or withdrawn from the
 * public) since, as `deleted: true`; without it, a client is syncing from scratch and needs none.
 */
export const includesDeleted = (q: ListQuery) => q.modifiedSince !== undefined;

/** The query string of a list's page: the filters survive into every `next` link. */
export function pageQuery(q: ListQuery, after?: string): string {
  const params = new URLSearchParams();
  if (q.createdSince) params.set('created_since', q.createdSince);
  if (q.createdUntil) params.set('created_until', q.createdUntil);
  if (q.modifiedSince) params.set('modified_since', q.modifiedSince);
  if (q.modifiedUntil) params.set('modified_until', q.modifiedUntil);
  if (q.limit !== DEFAULT_LIMIT) params.set('limit', String(q.limit));
  if (after) params.set('after', after);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface ListPage {
  data: unknown[];
  pagination: { elementsPerPage: number };
  links: { first: string; self: string; next?: string };
}

/** One page of a list; `rows` were fetched with limit + 1, so one more row means a next page. */
export function listPage<R extends { key: string }>(listUrl: string, q: ListQuery, rows: R[], present: (r: R) => unknown): ListPage {
  const more = rows.length > q.limit;
  const shown = more ? rows.slice(0, q.limit) : rows;
  const links: ListPage['links'] = { first: `${listUrl}${pageQuery(q)}`, self: `${listUrl}${pageQuery(q, q.after)}` };
  if (more) links.next = `${listUrl}${pageQuery(q, shown[shown.length - 1].key)}`;
  return { data: shown.map(present), pagination: { elementsPerPage: q.limit }, links };
}

// ---- legislative terms ----------------------------------------------------------------------------

/**
 * Danish municipal councils are elected in November every fourth year (2021, 2025, …) and sit from
 * 1 January after: 2022–2025, 2026–2029. The term of a year, by its first year.
 */
export const termOf = (year: number) => 2022 + 4 * Math.floor((year - 2022) / 4);

export interface Term {
  firstYear: number;
  name: string;
  startDate: string;
  endDate: string;
}

export const term = (firstYear: number): Term => ({
  firstYear,
  name: `Valgperiode ${firstYear}–${firstYear + 3}`,
  startDate: `${firstYear}-01-01`,
  endDate: `${firstYear + 3}-12-31`,
});

/** Every term from the one of the earliest year to the one of the latest, in order. */
export function termsBetween(fromYear: number, toYear: number): Term[] {
  const out: Term[] = [];
  for (let y = termOf(Math.min(fromYear, toYear)); y <= termOf(Math.max(fromYear, toYear)); y += 4) out.push(term(y));
  return out;
}

/** A term's id: the body and its first year ("{bodyId}-2026"). */
export const termId = (bodyId: string, firstYear: number) => `${bodyId}-${firstYear}`;

export function parseTermId(id: string): { bodyId: string; firstYear: number } | null {
  const m = /^(.+)-(\d{4})$/.exec(id);
  if (!m) return null;
  const firstYear = Number(m[2]);
  return termOf(firstYear) === firstYear ? { bodyId: m[1], firstYear } : null;
}

// ---- files we generate ----------------------------------------------------------------------------

/** Files that are documents the app renders: a meeting's agenda and minutes, a proposal. */
export type GeneratedFile = { kind: 'agenda' | 'minutes' | 'proposal'; ownerId: string };

export const generatedFileId = (f: GeneratedFile) => `${f.kind}-${f.ownerId}`;

export function parseGeneratedFileId(id: string): GeneratedFile | null {
  const m = /^(agenda|minutes|proposal)-([0-9a-f-]{36})$/.exec(id);
  return m ? { kind: m[1] as GeneratedFile['kind'], ownerId: m[2] } : null;
}

// ---- shaping --------------------------------------------------------------------------------------

export const time = (stored: string) => toLocalIso(stored);

/** What a withdrawn or deleted object still shows: its id, type and when it went. */
export const tombstone = (id: string, type: OParlType, modified: string, created?: string) => ({
  id,
  type: typeUri(type),
  ...(created ? { created: time(created) } : {}),
  modified: time(modified),
  deleted: true,
});

/** The later of stored instants (ISO UTC strings compare as text). */
export const latest = (...xs: (string | null | undefined)[]) => xs.filter((x): x is string => !!x).reduce((a, b) => (a > b ? a : b));

/** OParl's membership role, in Danish as the minutes write it. */
export const roleName = (role: string) => (role === 'chair' ? 'formand' : 'medlem');

export const organizationTypes: Record<string, { organizationType: string; classification: string }> = {
  council: { organizationType: 'Gremium', classification: 'byråd' },
  executive: { organizationType: 'Gremium', classification: 'magistrat' },
  committee: { organizationType: 'Gremium', classification: 'udvalg' },
  alderman: { organizationType: 'Gremium', classification: 'rådmandsmøde' },
  unit: { organizationType: 'Verwaltungsbereich', classification: 'forvaltning' },
};

/** A meeting's state as the public page words it (OParl leaves the words to the system). */
export const meetingStateName = (state: string): string =>
  ({ agenda_published: 'dagsorden udsendt', in_progress: 'i gang', held: 'afholdt', minutes_approved: 'referat godkendt', cancelled: 'aflyst' })[state] ??
  state;

/** The minutes (beslutningsprotokol) are published once the meeting is held. */
export const hasMinutes = (state: string) => state === 'held' || state === 'minutes_approved';
