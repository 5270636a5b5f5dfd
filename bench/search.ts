// bench:search — a generated 10-year corpus (≥ 20,000 agenda items, ≥ 5,000 attachment texts of
// 2–50 pages, Danish-like text) on SQLite and PostgreSQL; p50/p95 of 200 mixed Danish queries as
// anonymous and as a member (the search operation: policy in the query, ranking, a page of 20 with
// snippets), against two brute-force baselines doing the same job in the same run, on the same
// database, as the same viewer. Goal (the issue): p95 < 50 ms and ≥ 100× the scan, read as the
// scan's p95 over ours (p95 vs p95; p50 vs p50 is printed too).
//
// The baselines (what the app would do without an index; neither is tuned to look slow):
// - DB scan: one SQL query per search over the same tables — agenda items (title, purpose,
//   decision) and their attachments (title, extracted text): every query word must be found, each
//   by any of its terms (the same stems and compound parts the index uses) as a substring, with
//   LIKE on SQLite (case-insensitive for ASCII letters only) and ILIKE on PostgreSQL; the same
//   visibility rule for the viewer (access/sql.ts:meetingReadable, the item open or the viewer
//   sitting in its body, a file public or the same); ordered by the same recency (the meeting's
//   day, newest first, then id); the first page of 20 ids. The database may stop early when it
//   walks the meetings by date; it cannot rank by relevance (no index to count with).
// - Memory scan: the same texts held in memory, lower-cased beforehand (not timed), with the
//   facts the rule needs; each query checks every text the viewer may see in full, counts every
//   occurrence of the terms (all words must occur), and keeps the top 20 by count, then recency.
// Both baselines run a sample of the queries (BENCH_SCAN_QUERIES, default 50: every 4th of the
// 200, the same mix), as each database and viewer, right after our 200 at the same load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { migrate, openDatabase, type DatabaseHandle } from '../src/db/connection.ts';
import { loadDemo } from '../src/demo/load.ts';
import { loadActor } from '../src/access/store.ts';
import { rebuildIndex } from '../src/search/indexer.ts';
import { search } from '../src/search/operations.ts';
import { parseQuery, type QueryWord } from '../src/search/model.ts';
import { organizationsWhere, PUBLISHED_STATES, type Viewer } from '../src/access/model.ts';
import { meetingReadable } from '../src/access/sql.ts';
import { sql, type RawBuilder } from 'kysely';
import { freshDatabase } from '../test/helpers/backends.ts';

process.setSourceMapsEnabled(false);
// BENCH_SCALE=0.25 runs a quarter of the corpus (a loaded machine); 1 is the issue's size.
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const YEARS = 10;
const ITEMS = Math.round(20_000 * SCALE);
const ATTACHMENTS = Math.round(5_000 * SCALE);
const QUERIES = 200;
const PAGE_CHARS = 1_500;

// A small deterministic random source, so both databases get the same corpus.
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
// Zipf-like: common words often, the long tail rarely.
const zipf = <T>(xs: readonly T[]) => xs[Math.floor(xs.length * rnd() ** 3)];

const COMMON = `kommunen borgerne udvalget byrådet forvaltningen indsatsen beskæftigelse beskæftigelsesindsatsen ledige unge ældre handicap
  sundhed sundhedsområdet økonomi budget budgettet regnskab bevilling bevillingen plan planen strategi strategien mål målene opfølgning
  opfølgningen status orientering godkendelse beslutning beslutningsforslag indstilling indstillingen sagen sager området tilbud tilbuddet
  institution institutioner skole skolerne dagtilbud børn familier socialforvaltningen jobcenter jobcentret kontanthjælp integration
  uddannelse uddannelsesområdet kvalitet kvalitetsstandard aftale aftalen samarbejde samarbejdet evaluering evalueringen rapport
  rapporten høring høringssvar borgerinddragelse klima klimaplan trafik veje boliger byggeri lokalplan kultur idræt frivillige
  medarbejdere ledelse organisation organisationsændring digitalisering data ressourcer risici muligheder kommunikation videre proces`
  .split(/\s+/)
  .filter(Boolean);
const SYL = ['ka', 'ro', 'bel', 'sen', 'lig', 'hed', 'ning', 'for', 'und', 'ste', 'gård', 'mø', 'dal', 'vik', 'ær', 'ind', 'ret', 'sk'];
const TAIL = Array.from({ length: 4000 }, () => Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(SYL)).join(''));
const FILL = ['og', 'i', 'at', 'der', 'for', 'med', 'til', 'på', 'af', 'som', 'en', 'et', 'den', 'det', 'er', 'vil', 'skal'];
const word = () => (rnd() < 0.35 ? pick(FILL) : rnd() < 0.6 ? zipf(COMMON) : zipf(TAIL));
const sentence = () => {
  const n = 6 + Math.floor(rnd() * 12);
  const s = Array.from({ length: n }, word).join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
};
const text = (chars: number) => {
  let s = '';
  while (s.length < chars) s += sentence() + ' ';
  return s;
};

interface Corpus {
  meetings: { id: string; org: number; start: string; title: string; state: string }[];
  items: { id: string; meeting: number; position: number; title: string; purpose: string; decision: string | null; isPublic: number }[];
  attachments: { id: string; item: number; title: string; text: string; isPublic: number }[];
}

function generate(): Corpus {
  const meetings: Corpus['meetings'] = [];
  const perMeeting = 20;
  const count = ITEMS / perMeeting;
  const first = Date.UTC(2016, 0, 4);
  const span = YEARS * 365 * 86_400_000;
  for (let i = 0; i < count; i++) {
    const start = new Date(first + Math.floor((span * i) / count)).toISOString().slice(0, 10) + 'T15:30:00.000Z';
    // A few not yet published: the public never finds them.
    meetings.push({ id: randomUUID(), org: i % 4, start, title: `Møde ${i + 1}`, state: i % 25 === 0 ? 'planned' : 'minutes_approved' });
  }
  const items: Corpus['items'] = [];
  meetings.forEach((_, m) => {
    for (let p = 1; p <= perMeeting; p++) {
      items.push({
        id: randomUUID(),
        meeting: m,
        position: p,
        title: Array.from({ length: 3 + Math.floor(rnd() * 5) }, () => zipf(COMMON)).join(' '),
        purpose: text(300 + rnd() * 900),
        decision: rnd() < 0.7 ? sentence() + ' ' + sentence() : null,
        isPublic: rnd() < 0.9 ? 1 : 0,
      });
    }
  });
  const attachments: Corpus['attachments'] = [];
  for (let a = 0; a < ATTACHMENTS; a++) {
    // 2–50 pages, most of them short (log-uniform).
    const pages = Math.round(2 * Math.exp(rnd() * Math.log(25)));
    attachments.push({
      id: randomUUID(),
      item: Math.floor(rnd() * items.length),
      title: `Bilag ${a + 1}: ${zipf(COMMON)}`,
      text: Array.from({ length: pages }, () => text(PAGE_CHARS)).join('\n'),
      isPublic: rnd() < 0.8 ? 1 : 0,
    });
  }
  return { meetings, items, attachments };
}

function queries(): string[] {
  const out: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const n = 1 + Math.floor(rnd() * 3);
    out.push(Array.from({ length: n }, () => (rnd() < 0.8 ? zipf(COMMON) : pick(TAIL))).join(' '));
  }
  return out;
}

async function load(handle: DatabaseHandle, c: Corpus): Promise<number> {
  const db = handle.db;
  await loadDemo(db);
  const orgs = (await db.selectFrom('organizations').select('id').where('kind', '!=', 'unit').orderBy('name').execute()).map((o) => o.id);
  const sbu = (await db.selectFrom('organizations').select('id').where('shortName', '=', 'SBU').executeTakeFirstOrThrow()).id;
  const orgOf = (i: number) => (i === 0 ? sbu : orgs[i % orgs.length]);
  const now = new Date().toISOString();
  const life = { created: now, modified: now, deleted: null };
  const batches = async <T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };
  await db.transaction().execute(async (tx) => {
    await batches(c.meetings, 200, (b) =>
      tx
        .insertInto('meetings')
        .values(
          b.map((m) => ({
            id: m.id,
            organizationId: orgOf(m.org),
            title: m.title,
            start: m.start,
            end: m.start,
            location: null,
            state: m.state,
            agendaVersion: 1,
            ...life,
          })),
        )
        .execute(),
    );
    await batches(c.items, 200, (b) =>
      tx
        .insertInto('agendaItems')
        .values(
          b.map((i) => ({
            id: i.id,
            meetingId: c.meetings[i.meeting].id,
            position: i.position,
            title: i.title,
            plannedMinutes: 10,
            kind: 'regular',
            isPublic: i.isPublic,
            purpose: i.purpose,
            decision: i.decision,
            publicTitle: i.isPublic ? null : 'Lukket punkt',
            ...life,
          })),
        )
        .execute(),
    );
    await batches(c.attachments, 50, (b) =>
      tx
        .insertInto('attachments')
        .values(
          b.map((a, n) => ({
            id: a.id,
            agendaItemId: c.items[a.item].id,
            position: 100 + n,
            title: a.title,
            isPublic: a.isPublic,
            extractedText: a.text,
            ...life,
          })),
        )
        .execute(),
    );
  });
  const t0 = performance.now();
  await rebuildIndex(db);
  return performance.now() - t0;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const PAGE = 20;

async function viewerOf(handle: DatabaseHandle, as: 'anonymous' | 'member'): Promise<Viewer> {
  if (as === 'anonymous') return null;
  const user = await handle.db.selectFrom('users').select('id').where('username', '=', 'medlem').executeTakeFirstOrThrow();
  return loadActor(handle.db, user.id);
}

interface Timing {
  p50: number;
  p95: number;
  /** Hits on the pages, summed over the queries. */
  hits: number;
}

async function timed(qs: string[], run: (q: string) => Promise<number> | number): Promise<Timing> {
  const times: number[] = [];
  let hits = 0;
  for (const q of qs) {
    const t0 = performance.now();
    hits += await run(q);
    times.push(performance.now() - t0);
  }
  return { p50: pct(times, 50), p95: pct(times, 95), hits };
}

/** Ours: the search operation, a page of 20 with snippets. */
const ours = (handle: DatabaseHandle, viewer: Viewer) => async (q: string) => (await search({ db: handle.db, viewer }, { q })).hits.length;

/** The DB scan (see the header): LIKE/ILIKE over the tables, the viewer's rule, newest first, a page of 20. */
function dbScan(handle: DatabaseHandle, viewer: Viewer) {
  const pg = handle.kind === 'postgres';
  const sits = organizationsWhere(viewer, 'sits');
  const sitting = (org: RawBuilder<unknown>) => (sits.length === 0 ? sql`1 = 0` : sql`${org} in (${sql.join(sits)})`);
  const itemSeen = sql`${meetingReadable(viewer, { organizationId: sql.ref('m.organization_id'), state: sql.ref('m.state') })}
    and (i.is_public = 1 or ${sitting(sql.ref('m.organization_id'))})`;
  const like = pg ? sql`ilike` : sql`like`;
  const found = (text: RawBuilder<unknown>, words: QueryWord[]) =>
    sql.join(
      words.map(
        (w) =>
          sql`(${sql.join(
            w.terms.map((t) => sql`${text} ${like} ${'%' + t + '%'}`),
            sql` or `,
          )})`,
      ),
      sql` and `,
    );
  const itemText = sql`(i.title || ' ' || coalesce(i.purpose, '') || ' ' || coalesce(i.decision, ''))`;
  const fileText = sql`(a.title || ' ' || coalesce(a.extracted_text, ''))`;
  return async (q: string) => {
    const words = parseQuery(q);
    if (words.length === 0) return 0;
    const r = await sql<{ id: string }>`
      select id from (
        select i.id, m.start from agenda_items i join meetings m on m.id = i.meeting_id
        where i.deleted is null and m.deleted is null and ${itemSeen} and ${found(itemText, words)}
        union all
        select a.id, m.start from attachments a join agenda_items i on i.id = a.agenda_item_id join meetings m on m.id = i.meeting_id
        where a.deleted is null and i.deleted is null and m.deleted is null and ${itemSeen}
          and (a.is_public = 1 or ${sitting(sql.ref('m.organization_id'))}) and ${found(fileText, words)}
      ) hits
      order by start desc, id desc
      limit ${PAGE}`.execute(handle.db);
    return r.rows.length;
  };
}

interface Text {
  lower: string;
  day: string;
  org: string;
  published: boolean;
  itemPublic: boolean;
  filePublic: boolean;
}

/** The same texts in memory (lower-cased beforehand), with the facts the rule needs. */
async function memoryTexts(handle: DatabaseHandle): Promise<Text[]> {
  const db = handle.db;
  const items = await db
    .selectFrom('agendaItems as i')
    .innerJoin('meetings as m', 'm.id', 'i.meetingId')
    .select(['i.id', 'i.title', 'i.purpose', 'i.decision', 'i.isPublic', 'm.start', 'm.state', 'm.organizationId'])
    .where('i.deleted', 'is', null)
    .where('m.deleted', 'is', null)
    .execute();
  const byId = new Map(items.map((i) => [i.id, i]));
  const files = await db.selectFrom('attachments').select(['agendaItemId', 'title', 'extractedText', 'isPublic']).where('deleted', 'is', null).execute();
  const facts = (i: (typeof items)[number]) => ({
    day: i.start.slice(0, 10),
    org: i.organizationId,
    published: (PUBLISHED_STATES as readonly string[]).includes(i.state),
    itemPublic: Number(i.isPublic) === 1,
  });
  return [
    ...items.map((i) => ({ ...facts(i), lower: `${i.title}\n${i.purpose ?? ''}\n${i.decision ?? ''}`.toLowerCase(), filePublic: true })),
    ...files.flatMap((a) => {
      const i = a.agendaItemId ? byId.get(a.agendaItemId) : undefined;
      return i ? [{ ...facts(i), lower: `${a.title}\n${a.extractedText ?? ''}`.toLowerCase(), filePublic: Number(a.isPublic) === 1 }] : [];
    }),
  ];
}

const occurrences = (text: string, term: string) => {
  let n = 0;
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) n++;
  return n;
};

/** The memory scan (see the header): every visible text in full, occurrences counted, the top 20 by count, then recency. */
function memoryScan(texts: Text[], viewer: Viewer) {
  const sits = new Set(organizationsWhere(viewer, 'sits'));
  return (q: string) => {
    const words = parseQuery(q);
    if (words.length === 0) return 0;
    const top: { count: number; day: string }[] = [];
    for (const t of texts) {
      if (!sits.has(t.org) && !(t.published && t.itemPublic && t.filePublic)) continue;
      let count = 0;
      for (const w of words) {
        let n = 0;
        for (const term of w.terms) n += occurrences(t.lower, term);
        if (n === 0) {
          count = 0;
          break;
        }
        count += n;
      }
      if (count === 0) continue;
      const worse = (x: { count: number; day: string }) => x.count < count || (x.count === count && x.day < t.day);
      if (top.length === PAGE && !worse(top[PAGE - 1])) continue;
      const at = top.findIndex(worse);
      top.splice(at === -1 ? top.length : at, 0, { count, day: t.day });
      if (top.length > PAGE) top.pop();
    }
    return top.length;
  };
}

const t0 = performance.now();
const corpus = generate();
const qs = queries();
const SCAN_QUERIES = Number(process.env.BENCH_SCAN_QUERIES ?? 50);
const sample = qs.filter((_, n) => n % Math.max(1, Math.floor(qs.length / SCAN_QUERIES)) === 0).slice(0, SCAN_QUERIES);
const mb = (corpus.attachments.reduce((n, a) => n + a.text.length, 0) / 1e6).toFixed(0);
console.log(
  `corpus: ${corpus.meetings.length} meetings, ${corpus.items.length} items, ${corpus.attachments.length} attachment texts (${mb} MB), generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const ms = (t: Timing) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;
const ratio = (base: Timing, us: Timing) => `${(base.p50 / us.p50).toFixed(0)}× / ${(base.p95 / us.p95).toFixed(0)}×`;
const rows: string[][] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-bench-search-'));
const sqlite = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'search.sqlite') });
await migrate(sqlite);
const pgDb = await freshDatabase('postgres').catch(() => null);
for (const [name, handle] of [
  ['SQLite', sqlite],
  ['PostgreSQL', pgDb?.handle],
] as const) {
  if (!handle) {
    console.log(`${name}: not reachable, skipped`);
    continue;
  }
  const indexMs = await load(handle, corpus);
  const texts = await memoryTexts(handle);
  for (const as of ['anonymous', 'member'] as const) {
    const viewer = await viewerOf(handle, as);
    await timed(qs.slice(0, 20), ours(handle, viewer)); // warm-up
    const r = await timed(qs, ours(handle, viewer));
    const onSample = await timed(sample, ours(handle, viewer));
    const db = await timed(sample, dbScan(handle, viewer));
    const mem = await timed(sample, memoryScan(texts, viewer));
    rows.push([
      name,
      as,
      (indexMs / 1000).toFixed(0) + ' s',
      ms(r),
      String(r.hits),
      ms(db),
      ratio(db, r),
      ms(mem),
      ratio(mem, r),
      `${onSample.hits} / ${db.hits} / ${mem.hits}`,
      r.p95 < 50 && db.p95 / r.p95 >= 100 ? 'yes' : 'no',
    ]);
    console.log(rows[rows.length - 1].join(' | '));
  }
}
const head = [
  'database',
  'viewer',
  'index build',
  'ours p50 / p95 ms',
  'hits (200 q.)',
  'DB scan p50 / p95 ms',
  'DB scan ÷ ours p50 / p95',
  'memory scan p50 / p95 ms',
  'memory ÷ ours p50 / p95',
  `hits on ${sample.length} q.: ours / DB / memory`,
  'goal met',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(
  `load: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log([line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n'));
await sqlite.close();
if (pgDb) await pgDb.drop();
fs.rmSync(dir, { recursive: true, force: true });
