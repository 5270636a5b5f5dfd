import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listPage, pageQuery, parseGeneratedFileId, parseTermId, termOf, termsBetween } from './model.ts';

test('a legislative term is the four years from 1 January after the November election', () => {
  assert.equal(termOf(2025), 2022);
  assert.equal(termOf(2026), 2026);
  assert.equal(termOf(2029), 2026);
  assert.equal(termOf(2030), 2030);
  assert.equal(termOf(2021), 2018);
  assert.deepEqual(
    termsBetween(2025, 2026).map((t) => [t.name, t.startDate, t.endDate]),
    [
      ['Valgperiode 2022–2025', '2022-01-01', '2025-12-31'],
      ['Valgperiode 2026–2029', '2026-01-01', '2029-12-31'],
    ],
  );
  assert.deepEqual(parseTermId('b0d1e5-2026'), { bodyId: 'b0d1e5', firstYear: 2026 });
  assert.equal(parseTermId('b0d1e5-2027'), null, 'no term starts in 2027');
});

test('a next link keeps the filters and carries the last key of the page', () => {
  const q = { limit: 2, modifiedSince: '2026-01-01T00:00:00+01:00' };
  const page = listPage('https://x.dk/oparl/v1.1/bodies/b/meetings', q, [{ key: 'a' }, { key: 'b' }, { key: 'c' }], (r) => r.key);
  assert.deepEqual(page.data, ['a', 'b']);
  assert.equal(page.links.next, 'https://x.dk/oparl/v1.1/bodies/b/meetings?modified_since=2026-01-01T00%3A00%3A00%2B01%3A00&limit=2&after=b');
  assert.equal(listPage('u', q, [{ key: 'a' }, { key: 'b' }], (r) => r.key).links.next, undefined, 'the last page has no next');
  assert.equal(pageQuery({ limit: 100 }), '');
});

test("a generated file's id names its kind and owner", () => {
  assert.deepEqual(parseGeneratedFileId('minutes-3f5e7621-5477-4177-a1aa-5f70d8c78ce3'), { kind: 'minutes', ownerId: '3f5e7621-5477-4177-a1aa-5f70d8c78ce3' });
  assert.equal(parseGeneratedFileId('3f5e7621-5477-4177-a1aa-5f70d8c78ce3'), null);
});
