// bench:search — a generated 10-year corpus (≥ 20,000 agenda items, ≥ 5,000 attachment texts of
// 2–50 pages, Danish-like text) on SQLite and PostgreSQL; p50/p95 of 200 mixed Danish queries as
// anonymous and as a member (the search operation: policy in the query, snippets), against a
// brute-force scan of the same texts in the same run. Goal: p95 < 50 ms and ≥ 100× the scan.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { migrate, openDatabase, type DatabaseHandle } from '../src/db/connection.ts';
import { loadDemo } from '../src/demo/load.ts';
import { loadActor } from '../src/access/store.ts';
import { rebuildIndex } from '../src/search/indexer.ts';
import { search } from '../src/search/operations.ts';
import { parseQuery } from '../src/search/model.ts';
import { freshDatabase } from '../test/helpers/backends.ts';

process.setSourceMapsEnabled(false);
// BENCH_SCALE=0.25 runs a quarter of the corpus (a loaded machine); 1 is the size.
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

async function timeQueries(handle: DatabaseHandle, qs: string[], as: 'anonymous' | 'member') {
  const user = await handle.db.selectFrom('users').select('id').where('username', '=', 'medlem').executeTakeFirstOrThrow();
  const viewer = as === 'member' ? await loadActor(handle.db, user.id) : null;
  const times: number[] = [];
  let hits = 0;
  for (const q of qs) {
    const t0 = performance.now();
    const r = await search({ db: handle.db, viewer }, { q });
    times.push(performance.now() - t0);
    hits += r.hits.length;
  }
  return { p50: pct(times, 50), p95: pct(times, 95), hits };
}

/** The baseline: every text (lower-cased once, beforehand) scanned for each query word's stems. */
function scan(c: Corpus, qs: string[], sample: number) {
  const texts = [...c.items.map((i) => `${i.title}\n${i.purpose}\n${i.decision ?? ''}`), ...c.attachments.map((a) => `${a.title}\n${a.text}`)].map((t) =>
    t.toLowerCase(),
  );
  const times: number[] = [];
  for (const q of qs.slice(0, sample)) {
    const words = parseQuery(q);
    const t0 = performance.now();
    let found = 0;
    for (const t of texts) if (words.every((w) => w.terms.some((x) => t.includes(x)))) found++;
    times.push(performance.now() - t0);
    void found;
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

const t0 = performance.now();
const corpus = generate();
const qs = queries();
const mb = (corpus.attachments.reduce((n, a) => n + a.text.length, 0) / 1e6).toFixed(0);
console.log(
  `corpus: ${corpus.meetings.length} meetings, ${corpus.items.length} items, ${corpus.attachments.length} attachment texts (${mb} MB), generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
// The scan is slow by nature: 50 of the queries, the same for both databases (it does not touch them).
const baseline = scan(corpus, qs, 50);
console.log(`brute-force scan (substring, texts in memory): p50 ${baseline.p50.toFixed(0)} ms, p95 ${baseline.p95.toFixed(0)} ms per query (50 queries)`);

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
  for (const as of ['anonymous', 'member'] as const) {
    await timeQueries(handle, qs.slice(0, 20), as); // warm-up
    const r = await timeQueries(handle, qs, as);
    rows.push([
      name,
      as,
      (indexMs / 1000).toFixed(0) + ' s',
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      String(r.hits),
      (baseline.p50 / r.p95).toFixed(0) + '×',
      r.p95 < 50 ? 'yes' : 'no',
    ]);
  }
}
const head = ['database', 'viewer', 'index build', 'p50 ms', 'p95 ms', 'hits (200 q.)', 'scan p50 / p95', 'p95 < 50 ms'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log([line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n'));
await sqlite.close();
if (pgDb) await pgDb.drop();
fs.rmSync(dir, { recursive: true, force: true });
