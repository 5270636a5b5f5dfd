// Follow-ups in the minutes read as a person writes them: due dates in words ("3. februar 2026",
// "3 February 2026"), and an owner the text already names is not put before it again — in the PDF,
// the DOCX and the data the web page shows, on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { needsPoppler, readPdf, unzip, wordText } from '../../test/helpers/documents.ts';
import { nowMs, ZONE } from '../lib/time.ts';
import type { MinutesView } from './schemas.ts';

for (const kind of backendKinds) {
  describe(`follow-ups in the minutes on ${kind}`, needsPoppler, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    const get = async (url: string) => t.app.inject({ url, headers: { cookie: await t.login('sekretariat') } });
    // The demo dates MØB's follow-up four days after the day it is loaded.
    const inFourDays = (locale: string, format: string) => DateTime.fromMillis(nowMs(), { zone: ZONE }).plus({ days: 4 }).setLocale(locale).toFormat(format);

    test('the PDF: "FAS følger op … (frist 3. februar 2026)", not "FAS: FAS" nor an ISO date; in English "due 3 February 2026"', async () => {
      const m = await t.meetingOn('2026-01-20');
      const da = readPdf((await get(`/api/meetings/${m.id}/minutes.pdf`)).rawPayload).text.replace(/\s+/g, ' ');
      assert.match(da, /Opfølgning: • FAS følger op ift\. at skaffe Odense Kommunes inspirationsoplæg fra KØF\. \(frist 3\. februar 2026\)/);
      assert.ok(!da.includes('FAS: FAS'), 'the owner is not doubled');
      assert.ok(!/\d{4}-\d{2}-\d{2}/.test(da), 'no ISO date');
      assert.ok(da.includes(`MØB: Rådmanden får en status på arbejdet i MSB på et kommende rådmandsmøde. (frist ${inFourDays('da', 'd. MMMM yyyy')})`));
      const en = readPdf((await get(`/api/meetings/${m.id}/minutes.pdf?lang=en`)).rawPayload).text.replace(/\s+/g, ' ');
      assert.match(en, /FAS følger op ift\. at skaffe Odense Kommunes inspirationsoplæg fra KØF\. \(due 3 February 2026\)/);
      assert.ok(!en.includes('FAS: FAS'));
    });

    test('the DOCX says the same', async () => {
      const m = await t.meetingOn('2026-01-20');
      const word = (lang: string) =>
        get(`/api/meetings/${m.id}/minutes.docx?lang=${lang}`).then((r) => wordText(unzip(r.rawPayload).get('word/document.xml')!.toString('utf8')));
      const da = await word('da');
      assert.match(da, /\nFAS følger op ift\. at skaffe Odense Kommunes inspirationsoplæg fra KØF\. \(frist 3\. februar 2026\)\n/);
      assert.ok(!da.includes('FAS: FAS') && !da.includes('2026-02-03'));
      assert.match(await word('en'), /\(due 3 February 2026\)/);
    });

    test('the web page reads the same words from the minutes data, in its language', async () => {
      const m = await t.meetingOn('2026-01-27');
      const data = (lang: string) => get(`/api/meetings/${m.id}/minutes?lang=${lang}`).then((r) => r.json() as MinutesView);
      const three = (await data('da')).items.find((i) => i.number === 3)!;
      assert.deepEqual(three.followUps, [
        {
          owner: null,
          text: 'FAS justerer materialet (mere fokus på 1 plan; frisættelse som strategisk indsatsområde) og sender til rådmandens godkendelse i GO.',
          due: '6. februar 2026',
        },
      ]);
      const five = (await data('en')).items.find((i) => i.number === 5)!;
      assert.equal(five.followUps[0].owner, 'FAS', 'a text that does not begin with its owner keeps the owner before it');
      assert.equal(five.followUps[0].due, DateTime.fromMillis(nowMs(), { zone: ZONE }).plus({ days: 2 }).setLocale('en-GB').toFormat('d MMMM yyyy'));
    });
  });
}
