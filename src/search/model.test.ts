import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compoundParts,
  decodeCursor,
  encodeCursor,
  fts5Match,
  highlight,
  indexTerms,
  pagedSnippet,
  parseQuery,
  rankOf,
  STRENGTHS,
  snippet,
  stemDanish,
  tsQuery,
} from './model.ts';

test('the snowball Danish stemmer stems as PostgreSQL’s danish_stem does', () => {
  // Reference values from ts_lexize('danish_stem', …) (checked against all 76 words of a longer list).
  const cases: Record<string, string> = {
    beskæftigelse: 'beskæftig',
    beskæftigelsen: 'beskæftig',
    byrådet: 'byråd',
    udvalgets: 'udvalg',
    godkendelse: 'godkend',
    indstillingerne: 'indstilling',
    lykkeligste: 'lyk',
    løsten: 'løst',
    virksomhedernes: 'virksomhed',
    bygd: 'bygd',
  };
  for (const [word, stem] of Object.entries(cases)) assert.equal(stemDanish(word), stem, word);
});

test('a compound joined by a linking s is also indexed under its parts', () => {
  assert.deepEqual(compoundParts('beskæftigelsesindsatsen'), ['beskæftigelse', 'indsatsen']);
  assert.deepEqual(compoundParts('sundhedsområdet'), ['sundhed', 'området']);
  assert.deepEqual(compoundParts('kommunen'), []);
  assert.deepEqual(indexTerms('Beskæftigelsesindsatsen og byrådet'), ['beskæftigelsesindsats', 'beskæftig', 'indsats', 'byråd']);
});

test('a query: stop words dropped, each word found by its stem or a part of a compound', () => {
  assert.deepEqual(parseQuery('og det at'), []);
  assert.deepEqual(parseQuery('Beskæftigelsesindsatsen i byrådet'), [
    { exact: 'beskæftigelsesindsats', terms: ['beskæftigelsesindsats', 'beskæftig', 'indsats'] },
    { exact: 'byråd', terms: ['byråd'] },
  ]);
  const words = parseQuery('beskæftigelsesindsatsen byrådet');
  assert.deepEqual(fts5Match(words), {
    any: '("beskæftigelsesindsats" OR "beskæftig" OR "indsats") AND ("byråd")',
    title: 'title : (("beskæftigelsesindsats" OR "beskæftig" OR "indsats") AND ("byråd"))',
    exact: '"beskæftigelsesindsats" AND "byråd"',
    titleExact: 'title : ("beskæftigelsesindsats" AND "byråd")',
  });
  // A mark SQLite's tokenizer splits at (JavaScript calls it a letter) splits the word here too.
  assert.deepEqual(
    parseQuery('budget\u19B0plan').map((w) => w.exact),
    ['budg', 'plan'],
  );
  // PostgreSQL asks the title's own terms (a column apart), as FTS5 asks its title column.
  assert.equal(tsQuery(words).title, "('beskæftigelsesindsats' | 'beskæftig' | 'indsats') & ('byråd')");
});

test('ranking: the whole word before a part of a compound, in the title or the text; the title first at the same strength', () => {
  const [wholeInTitle, whole, partInTitle, part] = STRENGTHS.map((s) => (day: number) => rankOf(day, s));
  assert.deepEqual(STRENGTHS, [
    { exact: true, title: true },
    { exact: true, title: false },
    { exact: false, title: true },
    { exact: false, title: false },
  ]);
  // Each step of strength outweighs ten years of age, and no more.
  for (const [better, worse] of [
    [wholeInTitle, whole],
    [whole, partInTitle],
    [partInTitle, part],
  ])
    assert.ok(better(1000) > worse(1000 + 3649) && better(1000) < worse(1000 + 3651));
  assert.ok(whole(1000) > partInTitle(1000 + 3649), 'a proposal holding the word beats a newer title holding a part');
});

test('snippets are segments: hits marked, cut at words with …', () => {
  const words = parseQuery('beskæftigelsesindsatsen');
  assert.deepEqual(highlight('Status på beskæftigelse', words), [
    { text: 'Status på ', hit: false },
    { text: 'beskæftigelse', hit: true },
  ]);
  const s = snippet('Indledning om andet. '.repeat(20) + 'Her om indsatsen for unge. ' + 'Mere tekst. '.repeat(30), words, 80);
  assert.equal(s[0].text, '… ');
  assert.equal(s[s.length - 1].text, ' …');
  assert.deepEqual(
    s.filter((x) => x.hit).map((x) => x.text),
    ['indsatsen'],
  );
});

test('the cursor survives a round trip and refuses anything else', () => {
  assert.deepEqual(decodeCursor(encodeCursor({ rank: 21000, id: 7 })), { rank: 21000, id: 7 });
  assert.equal(decodeCursor('nonsense'), null);
});

test('an attachment’s passage comes from the page where most of the words are close, numbered from 1', () => {
  const words = parseQuery('budgettet beskæftigelsesindsatsen');
  const text = ['Forside', 'Om budgettet i år', 'Mere tekst', 'Budgettet for beskæftigelsen og indsatsen'].join('\f');
  const r = pagedSnippet(text, words);
  assert.equal(r.page, 4);
  assert.deepEqual(
    r.segments.filter((s) => s.hit).map((s) => s.text),
    ['Budgettet', 'beskæftigelsen', 'indsatsen'],
  );
  assert.equal(pagedSnippet('Om budgettet\fOm budgettet igen', words).page, 1, 'a tie: the first page');
  assert.equal(pagedSnippet('En tekst uden sider om budgettet', words).page, null);
  assert.equal(pagedSnippet('Forside\fIntet her', words).page, 1, 'no hit: the first page');
});

test('hits are found inside longer words only where the word stems to a query term (Æ and æ alike)', () => {
  const words = parseQuery('beskæftigelse');
  assert.deepEqual(
    highlight('BESKÆFTIGELSESINDSATSEN, beskæftiget og ubeskæftigelse', words)
      .filter((s) => s.hit)
      .map((s) => s.text),
    ['BESKÆFTIGELSESINDSATSEN'],
  );
});
