// Subscriptions' pure rules: what an address and a topic may be, tokens, publications of a meeting,
// and that an e-mail names a closed item by its public title only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { atomXml, tagUri, xmlText } from './atom.ts';
import { checkEmail, checkTopic, isToken, newToken, publicationMail, publicationsOf, tokenHash, topicKey } from './model.ts';

describe('subscription rules', () => {
  test('an address: one, trimmed and lower case; a list, a header break or a name with spaces is refused', () => {
    assert.deepEqual(checkEmail('  Borger@Example.DK '), { ok: true, value: 'borger@example.dk' });
    for (const bad of ['', 'borger', 'a@b', 'a@b.dk, c@d.dk', 'a@b.dk\r\nBcc: x@y.dk', 'Borger <a@b.dk>', 'a b@c.dk', `${'a'.repeat(250)}@b.dk`, 42]) {
      assert.equal(checkEmail(bad).ok, false, String(bad));
    }
    assert.deepEqual(checkEmail(''), { ok: false, field: 'email', reason: 'subscription.email_missing' });
  });

  test('topics: a search is one key however it is spaced or cased; a case number is upper case; anything else is refused', () => {
    const a = checkTopic({ kind: 'search', query: '  Ung   Dom ' });
    const b = checkTopic({ kind: 'search', query: 'ung dom' });
    assert.ok(a.ok && b.ok && topicKey(a.value) === topicKey(b.value));
    assert.deepEqual(checkTopic({ kind: 'case', caseNumber: 'emn-2025-00982' }), { ok: true, value: { kind: 'case', caseNumber: 'EMN-2025-00982' } });
    assert.equal(checkTopic({ kind: 'case', caseNumber: '<script>' }).ok, false);
    assert.equal(checkTopic({ kind: 'search', query: ' ' }).ok, false);
    assert.equal(checkTopic({ kind: 'search', query: 'x'.repeat(201) }).ok, false);
    assert.equal(checkTopic({ kind: 'everything' }).ok, false);
  });

  test('tokens: 256 random bits, stored only as a hash', () => {
    const t = newToken();
    assert.ok(isToken(t) && t !== newToken());
    assert.match(tokenHash(t), /^[0-9a-f]{64}$/);
    assert.ok(!tokenHash(t).includes(t));
    assert.equal(isToken('../../etc'), false);
  });

  test('publications: an agenda once sent, minutes once approved; nothing of a planned, cancelled or deleted meeting', () => {
    const m = { state: 'minutes_approved', publishedAt: '2026-01-20T10:00:00Z', minutesApprovedAt: '2026-02-20T10:00:00Z', deleted: null };
    assert.deepEqual(publicationsOf(m), [
      { kind: 'agenda', at: '2026-01-20T10:00:00Z' },
      { kind: 'minutes', at: '2026-02-20T10:00:00Z' },
    ]);
    assert.deepEqual(publicationsOf({ ...m, state: 'held' }), [{ kind: 'agenda', at: '2026-01-20T10:00:00Z' }]);
    assert.deepEqual(publicationsOf({ ...m, state: 'cancelled' }), []);
    assert.deepEqual(publicationsOf({ ...m, deleted: '2026-03-01T00:00:00Z' }), []);
  });

  test('the e-mail: a closed item by its public title only, the links, and how to unsubscribe', () => {
    const mail = publicationMail(
      { id: 'm1', organizationName: 'Udvalget', start: '2026-02-04T15:00:00Z', location: 'Rådhuset' },
      'agenda',
      [
        { number: 1, title: 'Budget <2027>', publicTitle: null, public: true },
        { number: 2, title: 'HEMMELIG-KANARIE', publicTitle: 'Personalesag', public: false },
      ],
      'Udvalget',
      { page: 'https://x.dk/meetings/m1', pdf: 'https://x.dk/api/meetings/m1/agenda.pdf', unsubscribe: 'https://x.dk/abonnement/afmeld?token=t' },
    );
    assert.equal(mail.subject, 'Dagsorden offentliggjort: Udvalget 4. februar 2026');
    assert.ok(mail.text.includes('- Punkt 2: Personalesag (lukket punkt)'), mail.text);
    assert.ok(!mail.text.includes('HEMMELIG') && !mail.html.includes('HEMMELIG'));
    assert.ok(mail.html.includes('Budget &lt;2027&gt;') && mail.html.includes('href="https://x.dk/abonnement/afmeld?token=t"'));
    assert.ok(mail.text.includes('Afmeld abonnementet: https://x.dk/abonnement/afmeld?token=t'));
  });

  test('Atom: text escaped, characters XML cannot hold dropped, tag: ids by the public host', () => {
    assert.equal(xmlText('a & <b> "c"\u0001'), 'a &amp; &lt;b&gt; &quot;c&quot;');
    assert.equal(tagUri('https://moeder.aarhus.dk', 'meeting/1/agenda'), 'tag:moeder.aarhus.dk,2026:meeting/1/agenda');
    const xml = atomXml({ id: 'tag:x,2026:f', title: 'T', updated: '2026-02-04T15:00:00.123Z', author: 'A', links: [], entries: [] });
    assert.ok(xml.includes('<updated>2026-02-04T15:00:00Z</updated>'));
  });
});
