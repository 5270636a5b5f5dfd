// A live meeting with a second browser watching: the secretariat starts the meeting and moves
// the active item by button and keyboard; an anonymous viewer sees each step without reloading;
// ending with items never taken up asks what to do with them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, type LiveServer, logIn, publishedCommitteeMeeting, openPage } from '../helpers/browser.ts';

describe('live meeting journey', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  const page = () => openPage(browser);

  test('the secretary runs the meeting and a second browser follows live', async () => {
    const id = await findMeeting(server, publishedCommitteeMeeting);
    const secretary = await page();
    await logIn(secretary, server, 'sekretariat');
    await secretary.goto(`${server.url}/meetings/${id}`);
    const viewer = await page();
    const listening = viewer.waitForResponse((r) => r.url().endsWith(`/api/meetings/${id}/live/events`) && r.status() === 200);
    await viewer.goto(`${server.url}/meetings/${id}`);
    await viewer.getByTestId('agenda-item-1').waitFor();
    await listening;

    // The demo's meeting is days ahead: starting it now is asked first.
    await secretary.getByRole('button', { name: 'Start mødet' }).click();
    await secretary.getByText(/Mødet er planlagt til .*Vil du starte det nu, før dagen\?/).waitFor();
    await secretary.getByRole('button', { name: 'Ja, start mødet nu' }).click();
    await viewer.getByTestId('live-now').getByText('Nu: punkt 1. Godkendelse af dagsorden').waitFor();
    assert.match(await viewer.getByTestId('live-clock').innerText(), /^0:0\d af 3 min\.$/);
    assert.equal(await viewer.getByTestId('agenda-item-1').getAttribute('aria-current'), 'step');
    await viewer.getByTestId('live-connection').getByText('Opdateres live').waitFor();

    await secretary.getByRole('button', { name: 'Næste punkt' }).click();
    await viewer
      .getByTestId('live-now')
      .getByText(/Nu: punkt 2\./)
      .waitFor();
    await secretary
      .getByTestId('live-now')
      .getByText(/Nu: punkt 2\./)
      .waitFor();
    await secretary.keyboard.press('Alt+PageDown');
    await viewer
      .getByTestId('live-now')
      .getByText(/Nu: punkt 3\./)
      .waitFor();
    assert.match(await viewer.getByTestId('live-delay').innerText(), /Til tiden|min\. (bagud|foran)/);
    await viewer.screenshot({ path: 'test-results/live-viewer.png', fullPage: false });

    // Ending asks about the items never taken up; the question can be put away again.
    await secretary.getByRole('button', { name: 'Afslut mødet' }).click();
    await secretary.getByText('Disse punkter er ikke behandlet. Hvad skal der ske med dem?').waitFor();
    assert.equal(await secretary.getByText(/data er ændret/).count(), 0, 'the question is not an error');
    await secretary.getByRole('button', { name: 'Fortryd' }).click();
    await secretary.getByText('Disse punkter er ikke behandlet. Hvad skal der ske med dem?').waitFor({ state: 'detached' });
    await secretary
      .getByTestId('live-now')
      .getByText(/Nu: punkt 3\./)
      .waitFor();
    await secretary.getByRole('button', { name: 'Afslut mødet' }).click();
    await secretary.getByRole('button', { name: 'Marker dem som ikke behandlet' }).click();
    await viewer.getByText(/Mødet sluttede kl\./).waitFor();
    assert.match(await viewer.getByTestId('agenda-item-7').innerText(), /Ikke behandlet/);
  });
});
