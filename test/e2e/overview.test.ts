// A member's overviews: the meeting's "Overblik" (their notes, then the comments shared with them, per
// item and Bilag, as the PDF has them) from the meeting page, and "Mine noter" across meetings,
// searched by a word of a note's text and by a word of the passage it quotes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertNoViolations } from '../helpers/axe.ts';
import { browserSkip, journeyHooks, logIn, openPage, type LiveServer } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import type { MeetingDetail, MeetingList } from '../../src/meetings/schemas.ts';

describe("a member's overviews of notes and shared comments", { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  /** The committee meeting of 4 February as the member sees it, and one of its items with a Bilag. */
  const meetingWithAttachment = async () => {
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'medlem', password: DEMO_PASSWORD } });
    const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
    const headers = { cookie: `${c.name}=${c.value}` };
    const list = (await server.app.inject({ url: '/api/meetings?when=all', headers })).json() as MeetingList;
    const summary = list.meetings.find((m) => m.start.startsWith('2026-02-04'))!;
    const meeting = (await server.app.inject({ url: `/api/meetings/${summary.id}`, headers })).json() as MeetingDetail;
    const item = meeting.items.find((i) => i.parts.some((p) => p.kind === 'attachment'))!;
    const part = item.parts.find((p) => p.kind === 'attachment')!;
    assert.ok(part.kind === 'attachment');
    return { meeting, item, part };
  };

  /** An annotation made through the API as `username` (PUT /api/annotations/:id). */
  const annotate = async (username: string, a: Record<string, unknown>, audience: { kind: string }[] = []) => {
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } });
    const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
    const id = crypto.randomUUID();
    const payload = { ...a, ...(audience.length ? { audience } : {}) };
    const r = await server.app.inject({ method: 'PUT', url: `/api/annotations/${id}`, headers: { cookie: `${c.name}=${c.value}` }, payload });
    assert.equal(r.statusCode, 201, r.body);
    return id;
  };

  test('the overview page from the meeting page, the search of Mine noter by text and by quote; no axe violations', async () => {
    const { meeting, item, part } = await meetingWithAttachment();
    assert.ok(part.kind === 'attachment');
    const base = { meetingId: meeting.id, agendaItemId: item.id };
    await annotate('medlem', {
      ...base,
      target: 'attachment',
      documentId: part.attachment.id,
      documentVersion: 'an-earlier-pdf',
      page: 1,
      selector: { exact: 'beskæftigelsesindsatsen i Aarhus', prefix: '', suffix: '', start: 0, end: 32 },
      kind: 'note',
      visibility: 'private',
      body: 'Husk at spørge til pindsvinet',
    });
    await annotate(
      'sekretariat',
      { ...base, target: 'item', documentId: null, kind: 'comment', visibility: 'shared', body: 'Sekretariatet deler en kommentar' },
      [{ kind: 'members' }],
    );
    await annotate('sekretariat', { ...base, target: 'item', documentId: null, kind: 'note', visibility: 'private', body: 'Sekretariatets private note' });

    const page = await openPage(browser, { bypassCSP: true });
    await logIn(page, server, 'medlem');
    await page.goto(`${server.url}/meetings/${meeting.id}`);
    await page.getByRole('link', { name: 'Overblik: noter og kommentarer' }).click();
    await page.getByRole('heading', { level: 2, name: 'Overblik: Noter' }).waitFor();
    const notes = page.locator('section', { has: page.getByRole('heading', { name: 'Overblik: Noter' }) });
    await notes.getByRole('heading', { level: 3, name: `Punkt ${item.number}: ${item.title}` }).waitFor();
    await notes.getByRole('heading', { level: 4, name: `Bilag ${part.number}: ${part.attachment.title}` }).waitFor();
    await notes.getByText('beskæftigelsesindsatsen i Aarhus').waitFor();
    await notes.getByText('Husk at spørge til pindsvinet').waitFor();
    await notes.getByText('Knyttet til en tidligere version').waitFor();
    const shared = page.locator('section', { has: page.getByRole('heading', { name: 'Overblik: Delte kommentarer' }) });
    await shared.getByText('Sekretariatet deler en kommentar').waitFor();
    await shared.getByText('Delt med: alle medlemmer').waitFor();
    assert.equal(await page.getByText('Sekretariatets private note').count(), 0);
    assert.match(
      (await page.getByRole('link', { name: 'Vis i læseren' }).first().getAttribute('href')) ?? '',
      new RegExp(`/meetings/${meeting.id}/laes\\?(side|punkt)=\\d+`),
    );
    const pdf = await page.request.get(`${server.url}${await page.getByRole('link', { name: 'Overblik (PDF)' }).getAttribute('href')}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await assertNoViolations(page, 'overview');

    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mine noter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine noter' }).waitFor();
    await page.getByText('Husk at spørge til pindsvinet').waitFor();
    assert.equal(await page.getByText('Sekretariatet deler en kommentar').count(), 0, 'only the member’s own');
    const search = page.getByLabel('Søg i noter og citater');
    await search.fill('pindsvin');
    await search.press('Enter');
    await page.getByRole('status').getByText('Viste noter: 1').waitFor();
    await page.getByText('Husk at spørge til pindsvinet').waitFor();
    await search.fill('Aarhus');
    await page.getByRole('main').getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByText('Husk at spørge til pindsvinet').waitFor();
    await search.fill('giraf');
    await search.press('Enter');
    await page.getByText('Ingen noter fundet.').waitFor();
    await assertNoViolations(page, 'my notes');

    // Fifty newer notes: the first page holds 50, "Vis flere" brings the older one back.
    for (let n = 1; n <= 50; n++)
      await annotate('medlem', { ...base, target: 'item', documentId: null, kind: 'note', visibility: 'private', body: `Serienote ${n}` });
    await page.goto(`${server.url}/mine-noter`);
    await page.getByText('Serienote 50', { exact: true }).waitFor();
    await page.getByRole('status').getByText('Viste noter: 50').waitFor();
    assert.equal(await page.getByText('Husk at spørge til pindsvinet').count(), 0);
    await page.getByRole('button', { name: 'Vis flere' }).click();
    await page.getByText('Husk at spørge til pindsvinet').waitFor();
    await page.getByRole('status').getByText('Viste noter: 51').waitFor();
    await page.close();
  });
});
