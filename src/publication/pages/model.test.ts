// The server-rendered pages' words and escaping (pure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { da } from '../../../web/src/i18n/da.ts';
import { texts } from './texts.ts';
import { bodyFeed, esc, inShell, longDate, timeRange } from './model.ts';
import { encoded } from './operations.ts';

test("every word of the server's page is the web app's Danish word under the same key", () => {
  for (const [key, text] of Object.entries(texts)) assert.equal(text, (da as Record<string, string>)[key], key);
});

test('text from the database is escaped in content and attributes alike', () => {
  assert.equal(esc(`<script>alert("x")</script> & 'y'`), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
});

test('dates and times as the web app writes them, in Copenhagen whatever the server says', () => {
  assert.equal(longDate('2026-02-04T19:00:00Z'), 'onsdag 4. februar 2026');
  assert.equal(timeRange('2026-02-04T19:00:00Z', '2026-02-04T20:30:00Z'), '20.00 – 21.30');
});

test("the shell: the page in the app's root, its own title, description, canonical link and body's feed, no noscript notice; a $ in a title stays as written", () => {
  const shell = `<!doctype html><html lang="da"><head><meta name="description" content="Generel." /><title>Rådslag</title></head><body><div id="root"></div><noscript>Rådslag kræver JavaScript.</noscript><script type="module" src="/assets/x.js"></script></body></html>`;
  const html = inShell(
    shell,
    {
      title: 'Budget $& "2027"',
      description: 'Om <budget>',
      canonical: 'https://raad.example/meetings/1',
      feed: bodyFeed({ id: 'o/1', name: 'Børne- & "Skole"udvalget' }),
    },
    '/meetings/1',
    '<p>indhold</p>',
  );
  assert.match(html, /<title>Budget \$&amp; &quot;2027&quot;<\/title>/);
  assert.match(html, /<meta name="description" content="Om &lt;budget&gt;" \/>/);
  assert.match(html, /<link rel="canonical" href="https:\/\/raad.example\/meetings\/1" \/>/);
  assert.ok(
    html.includes(
      '<link rel="alternate" type="application/atom+xml" href="/api/feeds/organizations/o%2F1.atom" title="Dagsordener og referater: Børne- &amp; &quot;Skole&quot;udvalget" />\n</head>',
    ),
  );
  assert.match(
    html,
    /<div id="root"><div class="server-page" data-server-page>.*<main id="main" tabindex="-1" class="site-main"><p>indhold<\/p><\/main><\/div><\/div>/,
  );
  assert.match(html, /href="\/login\?next=%2Fmeetings%2F1"/);
  assert.doesNotMatch(html, /noscript/);
  assert.match(html, /<script type="module" src="\/assets\/x.js"><\/script>/);
});

test('the compressed copy the browser takes: brotli first, gzip else, plain when it takes neither or refuses them (q=0)', () => {
  const page = () => ({ html: Buffer.from('<p>'.repeat(100)), etag: '"x"' });
  assert.equal(encoded(page(), 'gzip, deflate, br').encoding, 'br');
  assert.equal(encoded(page(), 'br;q=0, gzip').encoding, 'gzip');
  assert.equal(encoded(page(), 'gzip;q=0.0, br;q=0').encoding, null);
  assert.equal(encoded(page(), 'identity').encoding, null);
  assert.equal(encoded(page(), undefined).encoding, null);
  const p = page();
  assert.equal(encoded(p, 'br').body, encoded(p, 'br').body, 'compressed once, then kept');
});
