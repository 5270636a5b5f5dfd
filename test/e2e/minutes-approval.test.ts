// The next meeting takes up the previous minutes for approval; approving them locks them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, logIn, type LiveServer, openPage } from '../helpers/browser.ts';

describe('approving minutes at the next meeting', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  const page = () => openPage(browser);

  test('the secretariat puts the minutes of 4 February on the next agenda and, as the committee approves digitally, closes the approval with a reason; they are then locked', async () => {
    const next = await findMeeting(server, (m) => m.state === 'planned' && m.organization.shortName === 'SBU');
    const feb4 = await findMeeting(server, (m) => m.start.startsWith('2026-02-04'));
    const p = await page();
    await logIn(p, server, 'sekretariat');
    await p.goto(`${server.url}/meetings/${next}`);
    await p.getByRole('button', { name: 'Tilføj godkendelse af forrige referat' }).click();
    const item = p.getByTestId('agenda-item-2');
    await item.getByRole('heading', { name: '2. Godkendelse af referat fra mødet den 4. februar 2026' }).waitFor();
    assert.match(await item.innerText(), /040226_Referat\.pdf/);

    await p.goto(`${server.url}/meetings/${feb4}`);
    await p.getByRole('button', { name: 'Skriv beslutning for punkt 1', exact: true }).waitFor();
    // The committee approves digitally: no one-click approval; the secretariat closes it only with a reason.
    assert.equal(await p.getByRole('button', { name: 'Godkend referat', exact: true }).count(), 0);
    await p.getByRole('button', { name: 'Godkend referatet på medlemmernes vegne …' }).click();
    const override = p.getByRole('form', { name: 'Luk den digitale godkendelse' });
    await override.getByRole('button', { name: 'Fortryd' }).click();
    await override.waitFor({ state: 'detached' });
    assert.equal(await p.evaluate(() => document.activeElement?.textContent), 'Godkend referatet på medlemmernes vegne …', 'focus returns');
    await p.getByRole('button', { name: 'Godkend referatet på medlemmernes vegne …' }).click();
    await override.getByRole('button', { name: 'Godkend referatet uden flertal' }).click();
    await override.getByText('Skal udfyldes.').waitFor();
    await override.getByLabel('Begrundelse').fill('Referatet blev godkendt mundtligt på mødet den 4. marts.');
    await override.getByRole('button', { name: 'Godkend referatet uden flertal' }).click();
    await p.getByText('Referat godkendt', { exact: true }).first().waitFor();
    await p.reload();
    await p.getByTestId('agenda-item-1').waitFor();
    assert.equal(await p.getByRole('button', { name: 'Skriv beslutning for punkt 1', exact: true }).count(), 0, 'approved minutes offer no editing');
    // The page's own session cannot change them either: an edit in place is refused.
    const meeting = await (await p.request.get(`${server.url}/api/meetings/${feb4}`)).json();
    const edit = await p.request.patch(`${server.url}/api/meetings/${feb4}/items/${meeting.items[0].id}`, { data: { decision: 'Ændret' } });
    assert.equal(edit.status(), 409);

    // A correction is a new version with its reason, and the minutes say so.
    const form = p.getByRole('form', { name: 'Ret det godkendte referat' });
    await form.getByLabel('Punkt', { exact: true }).selectOption({ label: '3. Godkendelse af revideret mødeplan' });
    await form.getByLabel('Beslutning', { exact: true }).fill('Udvalget godkendte den reviderede mødeplan.');
    await form.getByRole('button', { name: 'Gem rettelsen' }).click();
    await form.getByText('Ret fejlene i formularen.').waitFor();
    await form.getByLabel('Begrundelse for rettelsen').fill('Beslutningen manglede i referatet.');
    await form.getByRole('button', { name: 'Gem rettelsen' }).click();
    await p.getByTestId('announcer').getByText('Rettelsen er gemt som en ny version.').waitFor();
    await p.goto(`${server.url}/meetings/${feb4}/referat`);
    await p
      .getByText(
        'Referatet er godkendt af sekretariatet uden et flertal i den digitale godkendelse. Begrundelse: Referatet blev godkendt mundtligt på mødet den 4. marts.',
      )
      .waitFor();
    const corrected = p.getByRole('region', { name: /^Punkt 3: Godkendelse af revideret mødeplan/ });
    await corrected.getByText('Udvalget godkendte den reviderede mødeplan.').waitFor();
    assert.match(await corrected.innerText(), /Rettet \d+\. \w+ \d{4}: Beslutningen manglede i referatet\./);
  });
});
