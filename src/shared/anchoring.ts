// Pure anchoring of notes and comments to a passage of a document page, run by the server (is a note's
// quote still in the current version?) and by the web app (where on the page is it drawn?). A page's
// text is what pdf.js's text layer concatenates: the items' `str` joined, `hasEOL` → "\n". Two
// renderings of the same words differ in spacing, line breaks and hyphenation, so quotes are matched
// on a key with no whitespace, no hyphens before a break and compatibility-normalised letters, and
// the answer is mapped back to offsets in the text as given.

export interface TextQuote {
  exact: string;
  prefix?: string;
  suffix?: string;
}

const MARK = /\p{M}/u;

/** Collapses whitespace runs to one space, joins hyphenated line breaks, NFC. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\u00AD/g, '')
    .replace(/(\p{L})[-\u2010][^\S\n]*\n\s*(?=\p{L})/gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
}

interface Key {
  key: string;
  /** For each key character: where its source starts and ends in the text. */
  from: Int32Array;
  to: Int32Array;
}

function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const isHyphen = (c: number) => c === 0x2d || c === 0x2010;

/** The match key of s: ASCII is taken as it is; any other letter with its combining marks is NFKC'd as one piece. */
function buildKey(s: string): Key {
  const n = s.length;
  let codes = new Uint16Array(n + 16);
  let from = new Int32Array(n + 16);
  let to = new Int32Array(n + 16);
  let len = 0;
  const push = (code: number, a: number, b: number) => {
    if (len === codes.length) {
      const grow = <T extends Uint16Array | Int32Array>(x: T, y: T) => (y.set(x), y);
      codes = grow(codes, new Uint16Array(len * 2));
      from = grow(from, new Int32Array(len * 2));
      to = grow(to, new Int32Array(len * 2));
    }
    codes[len] = code;
    from[len] = a;
    to[len] = b;
    len++;
  };
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const next = i + 1 < n ? s.charCodeAt(i + 1) : 32;
    // A hyphen before a space or break is a line-end hyphenation or a "Social- og" ellipsis: dropping it
    // makes "kom-\nmune" and "kommune" the same key.
    if (isSpace(c) || c === 0xad || (isHyphen(c) && isSpace(next))) {
      i++;
      continue;
    }
    if (c < 0x80 && next < 0x300) {
      push(c, i, i + 1);
      i++;
      continue;
    }
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1);
    while (j < n && s.charCodeAt(j) >= 0x300 && MARK.test(String.fromCodePoint(s.codePointAt(j)!))) j += s.codePointAt(j)! > 0xffff ? 2 : 1;
    const k = s.slice(i, j).normalize('NFKC');
    for (let m = 0; m < k.length; m++) push(k.charCodeAt(m), i, j);
    i = j;
  }
  let key = '';
  for (let at = 0; at < len; at += 8192) key += String.fromCharCode(...codes.subarray(at, Math.min(len, at + 8192)));
  return { key, from, to };
}

// The server anchors every note of a document against the same current text, the reader every
// note of a page against that page's text: the last few keys are kept.
const recent: { text: string; key: Key }[] = [];

function keyOf(s: string): Key {
  const hit = recent.find((r) => r.text === s);
  if (hit) return hit.key;
  const key = buildKey(s);
  if (s.length > 256) {
    recent.unshift({ text: s, key });
    recent.length = Math.min(recent.length, 4);
  }
  return key;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Finds the quote in text (whitespace-insensitive; prefix/suffix and hint break ties); offsets in `text`. */
export function locateQuote(text: string, quote: TextQuote, hint?: number): { start: number; end: number } | null {
  const exact = keyOf(quote.exact).key;
  if (!exact) return null;
  const t = keyOf(text);
  const prefix = keyOf(quote.prefix ?? '').key;
  const suffix = keyOf(quote.suffix ?? '').key;
  let best: { start: number; end: number; score: number; distance: number } | null = null;
  for (let i = t.key.indexOf(exact); i >= 0; i = t.key.indexOf(exact, i + 1)) {
    const end = i + exact.length;
    const score =
      (prefix ? commonSuffix(prefix, t.key.slice(Math.max(0, i - prefix.length), i)) : 0) +
      (suffix ? commonPrefix(suffix, t.key.slice(end, end + suffix.length)) : 0);
    const start = t.from[i];
    const distance = hint === undefined ? 0 : Math.abs(start - hint);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start, end: t.to[end - 1], score, distance };
    }
  }
  return best && { start: best.start, end: best.end };
}

/** The selector for text[start, end) with up to `context` chars of prefix/suffix. */
export function quoteAt(text: string, start: number, end: number, context = 32): Required<TextQuote> {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return {
    exact: text.slice(s, e),
    prefix: text.slice(Math.max(0, s - context), s),
    suffix: text.slice(e, e + context),
  };
}
