// The minutes PDF reads like the seed's "Referat", and keeps closed content and follow-ups from
// those who may not see them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { unzip, wordText } from '../../test/helpers/documents.ts';
import type { MinutesView } from './schemas.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite');
});
after(() => t.close());

const text = (pdf: Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-min-')), 'm.pdf');
  fs.writeFileSync(file, pdf);
  return { text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }) };
};
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('the minutes of 20 January read as the seed prints them', { skip: hasPoppler ? false : 'poppler-utils is not installed' }, async () => {
  const m = await t.meetingOn('2026-01-20');
  const cookie = await t.login('sekretariat');
  const r = await t.app.inject({ url: `/api/meetings/${m.id}/minutes.pdf`, headers: { cookie } });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'application/pdf');
  const { text: s, info } = text(r.rawPayload);
  assert.match(info, /Tagged:\s+yes/);
  assert.match(s, /Punkt 3: Én indgang og styrket virksomhedssamarbejde \(20 min\)/);
  assert.match(s, /Beslutning for Punkt 3: Én indgang og styrket virksomhedssamarbejde/);
  // The decision, then the outcome of the at-point, then the remarks as a list.
  assert.match(
    s,
    /Beslutning for Punkt 3[^\n]*\n+1\) Rådmandskredsen drøftede sagen, med bemærkningerne nedenfor\n+At-punkt 1: Drøftet\n+Øvrige bemærkninger:\n+• Rådmanden nævnte/,
  );
  assert.match(s, /At-punkt 1: Taget til efterretning\n+Øvrige bemærkninger:\n+• Der vil også undervejs/);
  assert.match(s, /Rådmanden anbefalede Odense Kommunes inspirationsoplæg fra KØF/);
  assert.match(s, /Opfølgning:[\s\S]*• FAS følger op ift\. at skaffe Odense Kommunes inspirationsoplæg/);
  assert.match(s, /side 1 af \d/);
});

test(
  'the public minutes show a closed item by its public title only, and no follow-ups',
  { skip: hasPoppler ? false : 'poppler-utils is not installed' },
  async () => {
    const m = await t.meetingOn('2026-01-27');
    const r = await t.app.inject({ url: `/api/meetings/${m.id}/minutes.pdf` });
    assert.equal(r.statusCode, 200);
    const { text: s } = text(r.rawPayload);
    assert.match(s, /Punkt 4: Personalesag/);
    assert.ok(!s.includes('Ansættelse af ny chef'), 'the closed title must not leak');
    assert.ok(!s.includes('Rådmanden tog orienteringen til efterretning'), 'the closed decision must not leak');
    assert.match(s, /Rådmanden blev orienteret om en personalesag\./, 'the publishable decision is published');
    assert.ok(!s.includes('Opfølgning:'), 'follow-ups are internal');
    assert.match(s, /Beslutning for Punkt 3: Vision for Job Aarhus[\s\S]*Mere fokus på 1 plan/);
  },
);

test('the same minutes as DOCX and as data for the web page; closed content stays out of the public ones', async () => {
  const m = await t.meetingOn('2026-01-20');
  const cookie = await t.login('sekretariat');
  const r = await t.app.inject({ url: `/api/meetings/${m.id}/minutes.docx`, headers: { cookie } });
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-disposition']), /referat-2026-01-20\.docx/);
  const word = wordText(unzip(r.rawPayload).get('word/document.xml')!.toString('utf8'));
  assert.match(
    word,
    /Punkt 3: Én indgang og styrket virksomhedssamarbejde \(20 min\)\nBeslutning for Punkt 3: Én indgang og styrket virksomhedssamarbejde\n1\) Rådmandskredsen drøftede sagen, med bemærkningerne nedenfor\nAt-punkt 1: Drøftet\nØvrige bemærkninger:\nRådmanden nævnte/,
  );
  assert.match(word, /Opfølgning:\nFAS følger op ift\. at skaffe Odense Kommunes inspirationsoplæg/);

  const data = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/minutes`, as: 'sekretariat' })).json as MinutesView;
  const item3 = data.items[2];
  assert.deepEqual(item3.outcomes, ['At-punkt 1: Drøftet']);
  assert.equal(item3.remarks.length, 4);
  assert.deepEqual(item3.followUps[0], {
    owner: null,
    text: 'FAS følger op ift. at skaffe Odense Kommunes inspirationsoplæg fra KØF.',
    due: '3. februar 2026',
  });

  const closed = await t.meetingOn('2026-01-27');
  const pub = (await t.request({ method: 'GET', url: `/api/meetings/${closed.id}/minutes` })).json as MinutesView;
  const json = JSON.stringify(pub);
  assert.ok(!json.includes('Ansættelse af ny chef') && !json.includes('Rådmanden tog orienteringen til efterretning'));
  assert.ok(pub.items.every((i) => i.followUps.length === 0));
  const pubWord = wordText(
    unzip((await t.app.inject({ url: `/api/meetings/${closed.id}/minutes.docx` })).rawPayload)
      .get('word/document.xml')!
      .toString('utf8'),
  );
  assert.ok(!pubWord.includes('Ansættelse af ny chef'));
  assert.match(pubWord, /Rådmanden blev orienteret om en personalesag\./);
});

test('the minutes in English: the same structure, the fixed words translated', { skip: hasPoppler ? false : 'poppler-utils is not installed' }, async () => {
  const m = await t.meetingOn('2026-01-20');
  const r = await t.app.inject({ url: `/api/meetings/${m.id}/minutes.pdf?lang=en` });
  assert.equal(r.statusCode, 200);
  const { text: s } = text(r.rawPayload);
  assert.match(s, /Minutes: /);
  assert.match(s, /Decision on item 3: Én indgang og styrket virksomhedssamarbejde/);
  assert.match(s, /At-point 1: Discussed\n+Other remarks:/);
  assert.match(s, /page 1 of \d/);
  assert.ok(!s.includes('Øvrige bemærkninger'));
  const data = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/minutes?lang=en` })).json as MinutesView;
  assert.equal(data.status, 'The minutes are approved');
  assert.equal(data.fileName, 'minutes-2026-01-20');
});
