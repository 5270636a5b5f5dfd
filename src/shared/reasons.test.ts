// Every reason the server can send has a Danish and an English text that fill its params, and the
// shared schemas give the same reason in the browser as through the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMeetingBody, title } from '../meetings/schemas.ts';
import { planRule } from '../planning/schemas.ts';
import { updateProposalBody } from '../proposals/schemas.ts';
import { PLACEHOLDER, problemOfIssue, REASONS, reasonMessages, reasonText, type Reason } from './reasons.ts';

const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });

/** The reasons the server's source names: invalid(field, 'r'), why('r'), because('r'), { reason: 'r' }, and reasonOfCode. */
function reasonsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\binvalid\(\s*[^,]+,\s*'([a-z_.]+)'/g,
    /\bwhy\(\s*'([a-z_.]+)'/g,
    /\bwhy\([^)]*\?\s*'([a-z_.]+)'\s*:\s*'([a-z_.]+)'/g,
    /\bbecause\(\s*'([a-z_.]+)'/g,
    /\breason: (?:[^,}]*\? )?'([a-z_.]+)'(?: : '([a-z_.]+)')?/g,
  ];
  // An error code's own reason (src/http/errors.ts: reasonOfCode).
  const byCode = /^\s+[a-z_]+: '([a-z_]+\.?[a-z_.]*)',$/gm;
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of file.endsWith(join('http', 'errors.ts')) ? [...patterns, byCode] : patterns)
      for (const m of text.matchAll(pattern)) for (const r of m.slice(1)) if (r) found.set(r, file);
  }
  return found;
}

test('every reason has a Danish and an English text, and both fill its params', () => {
  assert.ok(REASONS.length > 100);
  const da = reasonMessages('da');
  const en = reasonMessages('en');
  for (const reason of REASONS) {
    const key = `reason.${reason}` as const;
    assert.ok(da[key].trim() && en[key].trim(), `${reason} has both texts`);
    assert.notEqual(da[key], en[key], `${reason} is translated`);
    // Danish may leave out what only an API user can act on (an offset to type); never add one.
    for (const p of placeholders(da[key])) assert.ok(placeholders(en[key]).includes(p), `${reason}: Danish {${p}} is one of its params`);
    const params = Object.fromEntries(placeholders(en[key]).map((p) => [p, '02:30']));
    for (const lang of ['da', 'en'] as const) assert.doesNotMatch(reasonText(reason, params, lang), /[{}]/, `${reason} in ${lang} fills every param`);
  }
});

test('every reason the server source names is in the catalog, and every catalog reason is sent by something', () => {
  const used = reasonsInSource();
  assert.ok(used.size > 100, `found ${used.size} reasons in src`);
  for (const [reason, file] of used)
    if (reason.includes('.')) assert.ok((REASONS as string[]).includes(reason), `${file} names "${reason}", which the catalog lacks`);
  // zod's own codes come from problemOfIssue; the rest must be named somewhere in src.
  const fromZod =
    /^(invalid_type|too_small|too_big|invalid_format|not_multiple_of|unrecognized_keys|invalid_value|invalid_union|invalid_key|invalid_element|custom)(\.|$)/;
  const unused = REASONS.filter((r) => !fromZod.test(r) && !used.has(r));
  assert.deepEqual(unused, [], 'no reason in the catalog that nothing sends');
});

test('a shared schema refuses with zod code and params, or its own reason, as the server and the web both word it', () => {
  const problem = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: object[] } } }, value: unknown) => {
    const r = schema.safeParse(value);
    assert.equal(r.success, false);
    return problemOfIssue(r.error!.issues[0]);
  };
  const long = problem(title, 'x'.repeat(301));
  assert.deepEqual({ reason: long.reason, maximum: long.params?.maximum }, { reason: 'too_big.string', maximum: 300 });
  assert.equal(reasonText(long.reason, long.params, 'da'), 'højst 300 tegn');
  assert.equal(problem(title, '').reason, 'text.empty');
  assert.equal(problem(title, 'a\u0007b').reason, 'text.control');
  // The last Sunday of next October, when 02:30 happens twice.
  const last = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 9, 31));
  last.setUTCDate(31 - last.getUTCDay());
  const twice = problem(createMeetingBody.shape.start, `${last.toISOString().slice(0, 10)}T02:30`);
  assert.deepEqual(twice, { reason: 'wall_clock.twice', params: { time: '02:30', before: '+02:00', after: '+01:00' } });
  assert.equal(reasonText(twice.reason, twice.params, 'da'), 'klokken 02.30 kommer to gange den nat (sommertiden slutter): vælg et andet tidspunkt');
  const weekday = problem(planRule.shape.weekday, 9);
  assert.equal(weekday.reason, 'weekday.range');
  const email = problem(updateProposalBody, { version: 1, caseOfficer: { name: 'A', phone: '', email: 'nope' } });
  assert.ok((['invalid_format.email', 'invalid_union', 'invalid_type'] as Reason[]).includes(email.reason), email.reason);
});
