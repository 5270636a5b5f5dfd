import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateQuote, normalizeText, quoteAt } from './anchoring.ts';

const page =
  'Punkt 3: Én indgang og styrket virksomhedssamarbejde (20 min)\n' +
  'Rådmanden nævnte, at man med fordel kunne tage "Ring mig op"-løsning (Knap\n' +
  'på hjemmesider, hvor virksomhed ringer kunde op i stedet for, at man skal vente i\n' +
  'telefon kø) som inspiration til Én indgang.\n' +
  'Godt med opsøgende kontakt til virksomheder. Derfor er markedsføring vigtigt.\n' +
  'Informationen er vigtigt for en SMV. Derfor er markedsføring vigtigt for os.';

const found = (text: string, r: { start: number; end: number } | null) => (r ? text.slice(r.start, r.end) : null);

test('normalizeText collapses whitespace, joins a hyphenated line break and composes letters', () => {
  assert.equal(normalizeText('  Én   indgang\n\tog  styrket '), 'Én indgang og styrket');
  assert.equal(normalizeText('virksomheds-\nsamarbejde'), 'virksomhedssamarbejde');
  assert.equal(normalizeText('A\u030Arhus'), 'Århus');
  assert.equal(normalizeText('Social- og sundhedsudvalget'), 'Social- og sundhedsudvalget');
});

test('quoteAt takes the exact text and up to 32 characters either side', () => {
  const start = page.indexOf('Ring mig op');
  const q = quoteAt(page, start, start + 'Ring mig op'.length);
  assert.equal(q.exact, 'Ring mig op');
  assert.equal(q.prefix, page.slice(start - 32, start));
  assert.equal(q.suffix, page.slice(start + 11, start + 43));
  assert.deepEqual(quoteAt('abc', 0, 3), { exact: 'abc', prefix: '', suffix: '' });
  assert.deepEqual(quoteAt('abcdef', 2, 4, 1), { exact: 'cd', prefix: 'b', suffix: 'e' });
});

test('a quote is found back at its own offsets', () => {
  const start = page.indexOf('opsøgende kontakt');
  const q = quoteAt(page, start, start + 17);
  assert.deepEqual(locateQuote(page, q), { start, end: start + 17 });
});

test('whitespace differences: a quote across a line break is found where the text breaks elsewhere', () => {
  const q = { exact: 'kunde op i stedet for, at man skal vente i telefon kø' };
  const r = locateQuote(page, q);
  assert.equal(found(page, r), 'kunde op i stedet for, at man skal vente i\ntelefon kø');
  const spaced = 'kunde  op i\nstedet for,at man skal vente   i telefon kø';
  assert.equal(found(spaced, locateQuote(spaced, q)), spaced);
});

test('hyphenation at a line end: "samar-\\nbejde" matches "samarbejde" both ways', () => {
  const broken = 'Én indgang og styrket virksomheds-\nsamarbejde (20 min)';
  assert.equal(found(broken, locateQuote(broken, { exact: 'styrket virksomhedssamarbejde' })), 'styrket virksomheds-\nsamarbejde');
  assert.equal(found(page, locateQuote(page, { exact: 'styrket virksomheds-\nsamarbejde' })), 'styrket virksomhedssamarbejde');
  const soft = 'virksom\u00ADhedssamarbejde';
  assert.equal(found(soft, locateQuote(soft, { exact: 'virksomhedssamarbejde' })), soft);
});

test('a repeated phrase is told apart by its prefix and suffix', () => {
  const first = page.indexOf('Derfor er markedsføring vigtigt');
  const second = page.lastIndexOf('Derfor er markedsføring vigtigt');
  assert.notEqual(first, second);
  const q2 = quoteAt(page, second, second + 31);
  assert.deepEqual(locateQuote(page, q2), { start: second, end: second + 31 });
  const q1 = quoteAt(page, first, first + 31);
  assert.deepEqual(locateQuote(page, q1), { start: first, end: first + 31 });
  // Only the suffix is known, and the text before both has changed.
  const edited = page.replace('Godt med opsøgende', 'Vi vil gerne have mere');
  assert.equal(locateQuote(edited, { exact: 'Derfor er markedsføring vigtigt', suffix: ' for os.' })?.start, edited.lastIndexOf('Derfor'));
});

test('with the same context everywhere, the hint (the old offset) picks the occurrence', () => {
  const text = 'ja nej ja nej ja nej ja';
  assert.equal(locateQuote(text, { exact: 'ja' }, 15)?.start, 14);
  assert.equal(locateQuote(text, { exact: 'ja' }, 0)?.start, 0);
  assert.equal(locateQuote(text, { exact: 'ja' }, 100)?.start, 21);
});

test('a quote that is not in the text is not found', () => {
  assert.equal(locateQuote(page, { exact: 'Borgmesteren om kommende omstillingsplan' }), null);
  assert.equal(locateQuote(page, { exact: '' }), null);
  assert.equal(locateQuote(page, { exact: '  \n ' }), null);
  assert.equal(locateQuote('', { exact: 'Punkt' }), null);
});

test('Danish letters æøå: composed and decomposed forms match, case is kept', () => {
  const text = 'Rådmanden får en status på arbejdet i MSB på et kommende rådmandsmøde. Ærø og Æblehaven.';
  const decomposed = 'ra\u030Admandsmøde'.normalize('NFD');
  assert.equal(found(text, locateQuote(text, { exact: decomposed })), 'rådmandsmøde');
  assert.equal(found(text, locateQuote(text, { exact: 'Ærø og Æble' })), 'Ærø og Æble');
  assert.equal(locateQuote(text, { exact: 'ærø og æble' }), null);
  const nfd = text.normalize('NFD');
  const r = locateQuote(nfd, { exact: 'får en status på' });
  assert.equal(found(nfd, r)?.normalize('NFC'), 'får en status på');
});

test('long texts are fast: 100 quotes located in a 1 MB text within 5 seconds (a busy test machine included)', () => {
  const words = page.split(/\s+/);
  let big = '';
  for (let i = 0; big.length < 1_000_000; i++) big += words[(i * 7) % words.length] + (i % 13 === 12 ? '\n' : ' ');
  const t0 = performance.now();
  for (let n = 0; n < 100; n++) {
    const start = Math.floor((big.length - 200) * (n / 100));
    const q = quoteAt(big, start, start + 60);
    const r = locateQuote(big, q, start);
    assert.ok(r);
    assert.equal(normalizeText(big.slice(r.start, r.end)), normalizeText(q.exact));
  }
  const ms = performance.now() - t0;
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
});
