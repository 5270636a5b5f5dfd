// Search, pure: Danish words to index terms (the snowball Danish stemmer, compounds split at a
// linking "s"), a query to the same terms, the match expressions of both databases, ranking by
// relevance with recency, highlighted snippets as segments (and an attachment's page), and the
// paging cursor. No I/O. Who may find a text: audience.ts.
import { isKeyNumber } from '../shared/paging.ts';

// ---- The snowball Danish stemmer (https://snowballstem.org/algorithms/danish/stemmer.html) ----

const VOWELS = new Set('aeiouyæåø');
const S_ENDING = new Set('abcdfghjklmnoprtvyzå');
const CONSONANTS = new Set('bcdfghjklmnpqrstvwxz');
// Longest first: snowball's `among` takes the longest suffix that lies in R1.
const MAIN_SUFFIXES = [
  'hed', 'ethed', 'ered', 'e', 'erede', 'ende', 'erende', 'ene', 'erne', 'ere', 'en', 'heden', 'eren', 'er', 'heder', 'erer', 'heds', 'es', 'endes',
  'erendes', 'enes', 'ernes', 'eres', 'ens', 'hedens', 'erens', 'ers', 'ets', 'erets', 'et', 'eret', 's',
].sort((a, b) => b.length - a.length); // prettier-ignore
const OTHER_SUFFIXES = ['elig', 'løst', 'lig', 'els', 'ig'];
const PAIRS = ['gd', 'dt', 'gt', 'kt'];

/** Start of R1: after the first non-vowel that follows a vowel, and at least 3 letters in. */
function r1(w: string): number {
  if (w.length < 3) return w.length;
  let i = 0;
  while (i < w.length && !VOWELS.has(w[i])) i++;
  while (i < w.length && VOWELS.has(w[i])) i++;
  if (i >= w.length) return w.length;
  return Math.max(i + 1, 3);
}

const longestIn = (w: string, p1: number, suffixes: readonly string[]) => suffixes.find((s) => w.endsWith(s) && w.length - s.length >= p1);

function consonantPair(w: string, p1: number): string {
  return PAIRS.some((s) => w.endsWith(s) && w.length - 2 >= p1) ? w.slice(0, -1) : w;
}

/** The snowball Danish stem of one lower-case word. */
export function stemDanish(word: string): string {
  let w = word;
  const p1 = r1(w);
  const main = longestIn(w, p1, MAIN_SUFFIXES);
  if (main === 's') {
    if (w.length >= 2 && S_ENDING.has(w[w.length - 2])) w = w.slice(0, -1);
  } else if (main) w = w.slice(0, -main.length);
  w = consonantPair(w, p1);
  if (w.endsWith('igst')) w = w.slice(0, -2);
  const other = longestIn(w, p1, OTHER_SUFFIXES);
  if (other === 'løst') w = w.slice(0, -1);
  else if (other) w = consonantPair(w.slice(0, -other.length), p1);
  const last = w[w.length - 1];
  if (w.length - 1 >= p1 && CONSONANTS.has(last) && w[w.length - 2] === last) w = w.slice(0, -1);
  return w;
}

// ---- Words ----

/** The snowball Danish stop words (PostgreSQL's danish.stop): never indexed, dropped from queries. */
export const STOP_WORDS = new Set(
  `og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op
  man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have
  dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan`.split(/\s+/),
);

/** Words longer than this are not words (PostgreSQL refuses lexemes over 2 kB; nobody searches for them). */
const MAX_WORD = 60;
// A word is letters and digits as SQLite's FTS5 tokenizer (Unicode 6.1) knows them: a few marks JavaScript
// now calls letters (U+19B0–19C9, U+1CF2–1CF3) split a word there, or a quoted term would be a phrase the
// index refuses (a 500).
const WORD = /(?:(?![\u19B0-\u19C9\u1CF2\u1CF3])[\p{L}\p{N}])+/gu;

export interface Token {
  word: string;
  start: number;
  end: number;
}

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    if (word.length <= MAX_WORD) out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// Danish compounds join their parts with an "s" after these endings: beskæftigelse+s+indsats,
// sundhed+s+område, beslutning+s+forslag, organisation+s+ændring.
const LINKED = /(?:else|ning|ing|hed|tion|sion|skab|dom|tet|ment)s(?=[\p{L}\p{N}]{4})/gu;

/** The parts of a compound joined by a linking "s" (beskæftigelsesindsatsen → beskæftigelse, indsatsen); [] if none. */
export function compoundParts(word: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const m of word.matchAll(LINKED)) {
    const cut = m.index + m[0].length - 1;
    if (cut - from < 5 || !/[aeiouyæøå]/.test(word.slice(cut + 1))) continue;
    parts.push(word.slice(from, cut));
    from = cut + 1;
  }
  if (parts.length === 0) return [];
  parts.push(word.slice(from));
  return parts;
}

// A language has far fewer words than a text has: each word is worked out once (bounded).
const known = new Map<string, string[]>();

/** What one word is found by: its stem first, then its parts' stems (stop words: nothing). */
export function wordTerms(word: string): string[] {
  const cached = known.get(word);
  if (cached) return cached;
  let terms: string[] = [];
  if (!STOP_WORDS.has(word)) {
    terms = [stemDanish(word)];
    for (const part of compoundParts(word)) if (!STOP_WORDS.has(part)) terms.push(stemDanish(part));
    terms = [...new Set(terms)];
  }
  if (known.size >= 200_000) known.clear();
  known.set(word, terms);
  return terms;
}

/** The distinct terms a text is indexed under. */
export function indexTerms(text: string): string[] {
  const out = new Set<string>();
  for (const t of tokens(text)) for (const term of wordTerms(t.word)) out.add(term);
  return [...out];
}

// ---- Queries ----

export const MAX_QUERY_WORDS = 12;

/** One word of a query: found by its own stem (`exact`) or, for a compound, by one of its parts. */
export interface QueryWord {
  exact: string;
  terms: string[];
}

/** The words of a query, stop words dropped; [] = nothing to search for. */
export function parseQuery(q: string): QueryWord[] {
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  for (const t of tokens(q)) {
    const terms = wordTerms(t.word);
    if (terms.length === 0 || seen.has(terms[0])) continue;
    seen.add(terms[0]);
    words.push({ exact: terms[0], terms });
    if (words.length === MAX_QUERY_WORDS) break;
  }
  return words;
}

/**
 * The questions every database answers the same way: does it match, in the title, with every word
 * exact (its own stem), and with every word exact in the title.
 */
export interface MatchExpressions {
  any: string;
  title: string;
  exact: string;
  titleExact: string;
}

/** FTS5 (terms quoted: never read as operators; the index has columns title and body). */
export function fts5Match(words: QueryWord[]): MatchExpressions {
  const q = (t: string) => `"${t}"`;
  const all = words.map((w) => `(${w.terms.map(q).join(' OR ')})`).join(' AND ');
  const exact = words.map((w) => q(w.exact)).join(' AND ');
  return { any: all, title: `title : (${all})`, exact, titleExact: `title : (${exact})` };
}

/** PostgreSQL tsquery text (lexemes quoted); `title` and `titleExact` are asked of the title's own terms. */
export function tsQuery(words: QueryWord[]): MatchExpressions {
  const q = (t: string) => `'${t}'`;
  const all = words.map((w) => `(${w.terms.map(q).join(' | ')})`).join(' & ');
  const exact = words.map((w) => q(w.exact)).join(' & ');
  return { any: all, title: all, exact, titleExact: exact };
}

// ---- Ranking ----

/**
 * How well a document matches, the first part of its rank. `exact`: every query word is found by
 * its own stem (in the title or the text), not only through a part of a compound; `title`: every
 * word is in the title, at that strength (by its own stem when exact, by any of its terms when not).
 */
export interface Strength {
  exact: boolean;
  title: boolean;
}

/** What each step of strength is worth in days of age: ten years. */
export const STEP_DAYS = 3650;

/**
 * The strengths, best first: the whole word in the title, the whole word in the text, only a part
 * of a compound in the title, only in the text ('beskæftigelsesindsatsen' in a proposal's text
 * outranks 'Beskæftigelse' in a title). A title match beats the text at the same strength.
 */
export const STRENGTHS: readonly Strength[] = [
  { exact: true, title: true },
  { exact: true, title: false },
  { exact: false, title: true },
  { exact: false, title: false },
];

export const bonusDays = (s: Strength): number => STEP_DAYS * ((s.exact ? 2 : 0) + (s.title ? 1 : 0));

/**
 * Relevance with recency, one number both databases compute alike: the day of the document (days
 * since 1970) plus ten years for each step of strength. So a stronger match beats ten years of age.
 */
export const rankOf = (day: number, s: Strength): number => day + bonusDays(s);

export const dayOf = (isoDate: string): number => Math.floor(Date.parse(isoDate.slice(0, 10) + 'T00:00:00Z') / 86_400_000);

// ---- Paging: by key (rank, then id, both descending) ----

export interface Cursor {
  rank: number;
  id: number;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.rank, c.id])).toString('base64url');

export function decodeCursor(s: string): Cursor | null {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every(isKeyNumber)) return { rank: v[0], id: v[1] };
  } catch {
    // not a cursor of ours
  }
  return null;
}

// ---- Snippets ----

/** A run of a snippet; `hit` runs are the words that matched (the web marks them). */
export interface Segment {
  text: string;
  hit: boolean;
}

/** A word of a text found by the query word `of` (its index). */
interface Hit extends Token {
  of: number;
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_CHAR = /(?![\u19B0-\u19C9\u1CF2\u1CF3])[\p{L}\p{N}]/u;

/**
 * The words of a text found by the query. A term is the start of its word (a stem) or lies inside
 * it (a part of a compound): the text is searched for the terms, and only the words holding one
 * are stemmed (an attachment's text has tens of thousands of words).
 */
function hitsIn(text: string, words: QueryWord[]): Hit[] {
  const wordOf = new Map<string, number>();
  words.forEach((w, n) => w.terms.forEach((t) => wordOf.has(t) || wordOf.set(t, n)));
  const which = (word: string) => (word.length > MAX_WORD ? undefined : wordTerms(word).find((term) => wordOf.has(term)));
  const lower = text.toLowerCase();
  // Lower case that changes the length (rare letters) would move the positions: every word then.
  if (lower.length !== text.length)
    return tokens(text).flatMap((t) => {
      const term = which(t.word);
      return term === undefined ? [] : [{ ...t, of: wordOf.get(term)! }];
    });
  const wanted = [...wordOf.keys()];
  const out: Hit[] = [];
  let last = -1;
  for (const m of lower.matchAll(new RegExp(wanted.map(escaped).join('|'), 'g'))) {
    let start = m.index;
    while (start > 0 && WORD_CHAR.test(lower[start - 1])) start--;
    if (start <= last) continue;
    last = start;
    let end = m.index + m[0].length;
    while (end < lower.length && WORD_CHAR.test(lower[end])) end++;
    const word = lower.slice(start, end);
    const term = which(word);
    if (term !== undefined) out.push({ word, start, end, of: wordOf.get(term)! });
  }
  return out;
}

function segmentsOf(text: string, hits: Hit[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    if (h.start > at) out.push({ text: text.slice(at, h.start), hit: false });
    out.push({ text: text.slice(h.start, h.end), hit: true });
    at = h.end;
  }
  if (at < to) out.push({ text: text.slice(at, to), hit: false });
  return out;
}

/** The whole (short) text with its hits marked. */
export const highlight = (text: string, words: QueryWord[]): Segment[] => segmentsOf(text, hitsIn(text, words), 0, text.length);

/**
 * Where the passage of about `length` characters holding the most of the query's words starts, and
 * how many it holds (all of them: the first such place).
 */
function bestPassage(hits: Hit[], words: number, length: number): { at: number; score: number } {
  let at = 0;
  let score = 0;
  for (let i = 0; i < hits.length && score < words; i++) {
    const within = new Set<number>();
    for (let j = i; j < hits.length && hits[j].end - hits[i].start <= length; j++) within.add(hits[j].of);
    if (within.size > score) {
      score = within.size;
      at = hits[i].start;
    }
  }
  return { at, score };
}

const flatten = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A text longer than this is searched for its passage a window at a time (an attachment's text: tens of thousands of words). */
const WINDOW = 4_096;

/** The end of the word at `at` (or `at` itself, between words). */
function wordEnd(text: string, at: number): number {
  while (at < text.length && WORD_CHAR.test(text[at])) at++;
  return at;
}

/**
 * Where in a long text the passage holding the most of the query's words starts (the first such
 * place; 0 when nothing matches). Looked for a window at a time, each overlapping the next by a
 * passage and cut between words, so every passage lies whole in some window; it stops at the
 * first window with a passage holding every word, so a long text is mostly not read at all.
 */
function passageStart(text: string, words: QueryWord[], length: number): number {
  let best = { at: 0, score: 0 };
  for (let from = 0; from < text.length && best.score < words.length; from = wordEnd(text, from + WINDOW)) {
    const to = wordEnd(text, Math.min(text.length, from + WINDOW + length));
    const found = bestPassage(hitsIn(text.slice(from, to), words), words.length, length);
    if (found.score > best.score) best = { at: from + found.at, score: found.score };
  }
  return best.at;
}

/**
 * A passage of about `length` characters around the place where most of the query's words are
 * close together, its hits marked; "…" where it is cut. The text's start when nothing matches.
 * A long text: the passage is found a window at a time, and only the stretch around it is cut.
 */
export function snippet(text: string, words: QueryWord[], length = 220): Segment[] {
  if (text.length <= WINDOW) return passageOf(text, words, length);
  const at = passageStart(text, words, length);
  let from = Math.max(0, at - length);
  while (from > 0 && WORD_CHAR.test(text[from - 1])) from--;
  const to = wordEnd(text, Math.min(text.length, at + 2 * length));
  const segments = passageOf(text.slice(from, to), words, length);
  if (from > 0 && segments[0]?.text !== '… ') segments.unshift({ text: '… ', hit: false });
  if (to < text.length && segments[segments.length - 1]?.text !== ' …') segments.push({ text: ' …', hit: false });
  return segments;
}

function passageOf(text: string, words: QueryWord[], length: number): Segment[] {
  const flat = flatten(text);
  const hits = hitsIn(flat, words);
  const best = bestPassage(hits, words.length, length);
  let from = hits.length === 0 ? 0 : Math.max(0, best.at - Math.floor(length / 4));
  // Start and end at a word boundary.
  if (from > 0) from = flat.indexOf(' ', from) + 1 || from;
  let to = Math.min(flat.length, from + length);
  if (to < flat.length) to = flat.lastIndexOf(' ', to) > from ? flat.lastIndexOf(' ', to) : to;
  const segments = segmentsOf(flat, hits, from, to);
  if (from > 0) segments.unshift({ text: '… ', hit: false });
  if (to < flat.length) segments.push({ text: ' …', hit: false });
  return segments;
}

/** Pages of an attachment's text are separated by a form feed (as extracted at upload). */
export const PAGE_BREAK = '\f';

/**
 * The snippet of a paged text (an attachment's), from the page where most of the query's words
 * are close together (the first such page), and that page's number; page null for a text without
 * pages (extracted before pages were kept, or from a Word file).
 */
export function pagedSnippet(text: string, words: QueryWord[], length = 220): { page: number | null; segments: Segment[] } {
  if (!text.includes(PAGE_BREAK)) return { page: null, segments: snippet(text, words, length) };
  const pages = text.split(PAGE_BREAK);
  // At most, a page holds the query's words whose terms it contains at all: pages are looked at
  // from the most promising, and no further once none can hold more than the best found.
  const bound = pages.map((p) => {
    const lower = p.toLowerCase();
    return words.filter((w) => w.terms.some((t) => lower.includes(t))).length;
  });
  const order = pages.map((_, n) => n).sort((a, b) => bound[b] - bound[a] || a - b);
  let page = 0;
  let score = 0;
  for (const n of order) {
    if (bound[n] < score || bound[n] === 0) break;
    if (bound[n] === score && n > page) continue;
    const s = bestPassage(hitsIn(pages[n], words), words.length, length).score;
    if (s > score || (s === score && n < page)) {
      score = s;
      page = n;
    }
  }
  return { page: page + 1, segments: snippet(pages[page], words, length) };
}

// ---- What is indexed ----

/** The kinds a search finds, and filters on. */
export const SEARCH_KINDS = ['meeting', 'item', 'minutes', 'proposal', 'attachment', 'followup'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One searchable text and the rows that decide who may find it. */
export interface SearchDoc {
  kind: SearchKind;
  /** 'full'; 'public' is a closed item's public title and decision, for those who may not see the item. */
  part: 'full' | 'public';
  sourceId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  proposalId: string | null;
  followUpId: string | null;
  attachmentId: string | null;
  organizationId: string | null;
  /** YYYY-MM-DD. */
  date: string;
  title: string;
  body: string;
}

const lines = (...parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');

function jsonList<T>(json: string | null): T[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

const none = { meetingId: null, agendaItemId: null, proposalId: null, followUpId: null, attachmentId: null };

export function meetingDocs(m: { id: string; organizationId: string; title: string; location: string | null; start: string }): SearchDoc[] {
  return [
    {
      ...none,
      kind: 'meeting',
      part: 'full',
      sourceId: m.id,
      meetingId: m.id,
      organizationId: m.organizationId,
      date: m.start,
      title: m.title,
      body: m.location ?? '',
    },
  ];
}

export interface ItemSource {
  id: string;
  meetingId: string;
  organizationId: string;
  start: string;
  title: string;
  subheading: string | null;
  responsible: string | null;
  purpose: string | null;
  decision: string | null;
  remarks: string | null;
  outcomes: string | null;
  publicTitle: string | null;
  publicDecision: string | null;
}

/**
 * An item is two texts: the agenda's (title, purpose, responsible) and its minutes' (decision,
 * outcomes per at-point, remarks, motions and dissents). A closed item adds its public title and
 * public decision apart, for the viewers who may not see it.
 */
export function itemDocs(i: ItemSource, votes: { motion: string; dissent: string | null }[] = []): SearchDoc[] {
  const at = { ...none, sourceId: i.id, meetingId: i.meetingId, agendaItemId: i.id, organizationId: i.organizationId, date: i.start };
  const docs: SearchDoc[] = [{ ...at, kind: 'item', part: 'full', title: i.title, body: lines(i.subheading, i.purpose, i.responsible) }];
  const minutes = lines(
    i.decision,
    ...jsonList<{ outcome?: string }>(i.outcomes).map((o) => o.outcome),
    ...jsonList<string>(i.remarks),
    ...[...new Set(votes.map((v) => v.motion))],
    ...votes.map((v) => v.dissent),
  );
  if (minutes) docs.push({ ...at, kind: 'minutes', part: 'full', title: '', body: minutes });
  if (i.publicTitle) docs.push({ ...at, kind: 'item', part: 'public', title: i.publicTitle, body: '' });
  if (i.publicDecision) docs.push({ ...at, kind: 'minutes', part: 'public', title: '', body: i.publicDecision });
  return docs;
}

interface ContentLike {
  addressee?: string;
  atPoints?: string[];
  sections?: { heading?: string; blocks?: ({ kind: 'paragraph'; spans: { text: string }[] } | { kind: 'bullets'; items: { text: string }[][] })[] }[];
}

/** The running text of a proposal version's content (JSON, see proposals/model.ts). */
export function proposalText(contentJson: string | null): string {
  let c: ContentLike = {};
  try {
    c = contentJson ? JSON.parse(contentJson) : {};
  } catch {
    return '';
  }
  const blockText = (b: NonNullable<NonNullable<ContentLike['sections']>[number]['blocks']>[number]) =>
    b.kind === 'paragraph' ? b.spans.map((s) => s.text).join('') : b.items.map((item) => item.map((s) => s.text).join('')).join('\n');
  return lines(c.addressee, ...(c.atPoints ?? []), ...(c.sections ?? []).flatMap((s) => [s.heading, ...(s.blocks ?? []).map(blockText)]));
}
