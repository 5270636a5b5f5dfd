// A proposal put on a sent agenda with its files: a member reads them on the agenda item, numbered
// as the package numbers them (the proposal Bilag 1, its files next); the public reads the same
// numbers, with a file that is not public as its number and "Bilaget er ikke offentligt" only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, findMeeting, journeyHooks, logIn, openPage, publishedCommitteeMeeting, type LiveServer } from '../helpers/browser.ts';
import { multipart, pdf } from '../helpers/files.ts';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import type { BodyView } from '../../src/organizations/schemas.ts';
import type { MeetingDetail } from '../../src/meetings/schemas.ts';

const TITLE = 'Godkendelse af handleplan for unge ledige';

describe("a proposal's files on its agenda item", { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks((s, b) => {
    server = s;
    browser = b;
  });

  /** The API as one demo user, for what the journey takes as given. */
  const as = async (username: string) => {
    const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } });
    const session = login.cookies.find((c) => c.name === 'raadslag_session')!;
    const cookie = `${session.name}=${session.value}`;
    return async (method: 'GET' | 'POST', url: string, body?: object | { payload: Buffer; headers: Record<string, string> }) => {
      const raw = body && 'payload' in body && Buffer.isBuffer(body.payload);
      const r = await server.app.inject({
        method,
        url,
        headers: { cookie, ...(raw ? (body as { headers: Record<string, string> }).headers : {}) },
        payload: raw ? (body as { payload: Buffer }).payload : (body as object | undefined),
      });
      assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      return r.json();
    };
  };

  test('a member sees Bilag 1: Indstilling and the proposal’s files as Bilag 2 and 3; the public sees Bilag 3 withheld; the secretariat’s upload becomes Bilag 4', async () => {
    const meetingId = await findMeeting(server, publishedCommitteeMeeting);
    const unit = await as('enhed');
    const secretariat = await as('sekretariat');
    const meeting = (await secretariat('GET', `/api/meetings/${meetingId}`)) as MeetingDetail;
    const bodies = (await unit('GET', '/api/bodies')) as BodyView[];
    const fas = bodies[0].organizations.find((o) => o.shortName === 'FAS')!;
    const proposal = await unit('POST', '/api/proposals', {
      organizationId: meeting.organization.id,
      unitId: fas.id,
      meetingId,
      title: TITLE,
      atPoints: ['udvalget godkender handleplanen.'],
      plannedMinutes: 10,
      caseNumber: 'EMN-2026-00456',
    });
    await unit(
      'POST',
      `/api/proposals/${proposal.id}/attachments`,
      multipart({ name: 'Handleplan.pdf', data: await pdf([{ text: 'Handleplan' }]), type: 'application/pdf' }),
    );
    await unit(
      'POST',
      `/api/proposals/${proposal.id}/attachments`,
      multipart({ name: 'Intern økonomivurdering.pdf', data: await pdf([{ text: 'Økonomi' }]), type: 'application/pdf' }, { public: 'false' }),
    );
    await unit('POST', `/api/proposals/${proposal.id}/transitions`, { event: 'submit' });
    await secretariat('POST', `/api/proposals/${proposal.id}/transitions`, { event: 'accept', acceptLate: true });
    await secretariat('POST', `/api/proposals/${proposal.id}/transitions`, { event: 'schedule', item: { public: true } });

    const member = await openPage(browser);
    await logIn(member, server, 'medlem');
    await member.goto(`${server.url}/meetings/${meetingId}`);
    const item = member.locator('article', { has: member.getByRole('heading', { name: new RegExp(`^\\d+\\. ${TITLE}$`) }) });
    const parts = item.getByTestId('item-parts');
    await parts.waitFor();
    assert.deepEqual(
      (await parts.getByRole('listitem').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()),
      [`- Bilag 1: Indstilling: ${TITLE}`, '- Bilag 2: Handleplan.pdf (PDF, 1 side, 1 kB)', '- Bilag 3: Intern økonomivurdering.pdf (PDF, 1 side, 1 kB)'],
    );
    assert.ok(!(await item.innerText()).includes('Ingen bilag endnu'));
    // The file opens from the list, and the proposal from its line.
    assert.match((await parts.getByRole('link', { name: 'Bilag 2: Handleplan.pdf' }).getAttribute('href')) ?? '', /^\/api\/attachments\/.+\/file$/);
    await parts.getByRole('link', { name: TITLE }).click();
    await member.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await member.close();

    const visitor = await openPage(browser);
    await visitor.goto(`${server.url}/meetings/${meetingId}`);
    const seen = visitor.locator('article', { has: visitor.getByRole('heading', { name: new RegExp(`^\\d+\\. ${TITLE}$`) }) }).getByTestId('item-parts');
    await seen.waitFor();
    assert.deepEqual(
      (await seen.getByRole('listitem').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()),
      [`- Bilag 1: Indstilling: ${TITLE}`, '- Bilag 2: Handleplan.pdf (PDF, 1 side, 1 kB)', '- Bilag 3: Bilaget er ikke offentligt'],
    );
    // The server's page and the app's (hidden while it takes over) alike.
    assert.ok(!((await visitor.locator('#root').textContent()) ?? '').includes('økonomivurdering'), 'the name of a file that is not public is not shown');
    await visitor.close();

    // The secretariat's editor shows the proposal's parts first; a file added to the item is Bilag 4.
    const sec = await openPage(browser);
    await logIn(sec, server, 'sekretariat');
    await sec.goto(`${server.url}/meetings/${meetingId}`);
    const bilag = sec
      .locator('article', { has: sec.getByRole('heading', { name: new RegExp(`^\\d+\\. ${TITLE}$`) }) })
      .getByRole('region', { name: /^Bilag til punkt \d+$/ });
    await bilag.getByText(`Bilag 1: Indstilling:`).waitFor();
    assert.match(await bilag.getByTestId('attachment-3').innerText(), /Bilag 3: Intern økonomivurdering\.pdf.*Fra indstillingen/s);
    assert.equal(await bilag.getByText('Ingen bilag endnu.').count(), 0);
    await bilag.getByText('Tilføj bilag').click();
    await bilag
      .getByLabel('Fil', { exact: true })
      .setInputFiles({ name: 'Tidsplan.pdf', mimeType: 'application/pdf', buffer: await pdf([{ text: 'Tidsplan' }]) });
    await bilag.getByRole('button', { name: 'Upload', exact: true }).click();
    await bilag.getByRole('status').filter({ hasText: 'Tidsplan.pdf er tilføjet som bilag 4.' }).waitFor();
    await bilag.getByRole('link', { name: 'Bilag 4: Tidsplan.pdf' }).waitFor();
    await sec.close();
  });
});
