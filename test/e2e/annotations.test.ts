// Notes in the reader (issue 11): a member highlights a passage and writes a private note that is
// there after a reload and drawn at the passage, and that another member never sees; a comment shared
// with the party group is answered and @mentions a colleague by e-mail; a new version of the proposal
// keeps a note at its passage and puts one whose passage is gone under "Knyttet til en tidligere
// version"; a note written with the connection cut is saved when it returns, across a reload.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newId } from '../../src/lib/ids.ts';
import { assertNoViolations } from '../helpers/axe.ts';
import { browserSkip, findMeeting, journeyHooks, logIn, openPage, publishedCommitteeMeeting, type LiveServer } from '../helpers/browser.ts';
import { startSmtpSink } from '../helpers/smtp.ts';

const smtp = await startSmtpSink();
after(() => smtp.close());

interface Part {
  target: string;
  documentId: string | null;
  firstPage: number;
  pageCount: number;
  itemNumber: number | null;
}

async function session(server: LiveServer, username: string): Promise<string> {
  const login = await server.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'demo1234' } });
  const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
  return `${c.name}=${c.value}`;
}

async function call<T>(server: LiveServer, cookie: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown): Promise<T> {
  const r = await server.app.inject({ method, url, headers: { cookie }, payload: payload as object });
  assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

/** A second member of the committee with a login, in the given party group. */
async function addMember(server: LiveServer, name: string, username: string, group: string, email: string): Promise<void> {
  const db = server.db.handle.db;
  const karen = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.personId')
    .where('users.username', '=', 'medlem')
    .selectAll()
    .executeTakeFirstOrThrow();
  const membership = await db.selectFrom('memberships').where('personId', '=', karen.personId).selectAll().executeTakeFirstOrThrow();
  const ts = membership.created;
  const life = { created: ts, modified: ts, deleted: null };
  const personId = newId();
  await db
    .insertInto('persons')
    .values({ id: personId, bodyId: karen.bodyId, name, initials: null, email, ...life })
    .execute();
  await db
    .insertInto('memberships')
    .values({ ...membership, id: newId(), personId, groupName: group })
    .execute();
  await db
    .insertInto('users')
    .values({ id: newId(), personId, username, passwordHash: karen.passwordHash, isAdmin: 0, ...life })
    .execute();
}

/** A meeting whose members' package holds a document of the kind, and where its pages are. */
async function meetingWith(server: LiveServer, target: 'proposal' | 'attachment'): Promise<{ meetingId: string; part: Part }> {
  const cookie = await session(server, 'medlem');
  const { meetings } = await call<{ meetings: { id: string }[] }>(server, cookie, 'GET', '/api/meetings');
  for (const m of meetings) {
    const r = await server.app.inject({ url: `/api/meetings/${m.id}/package/map?audience=member&lang=da`, headers: { cookie } });
    if (r.statusCode !== 200) continue;
    const part = (r.json() as { parts: Part[] }).parts.find((p) => p.target === target && p.documentId);
    if (part) return { meetingId: m.id, part };
  }
  throw new Error(`no meeting with a ${target} in its package`);
}

async function openReader(page: Page, server: LiveServer, meetingId: string, at: number) {
  await page.goto(`${server.url}/meetings/${meetingId}/laes?side=${at}`);
  await page.getByRole('tab', { name: 'Noter' }).click();
  await page.getByRole('heading', { name: 'Noter og kommentarer' }).waitFor();
  await page.locator(`.page[data-page-number="${at}"] .textLayer span`).first().waitFor();
}

/** Selects the first occurrence of `text` in a page's text layer, as a user dragging over it would. */
async function select(page: Page, pageNumber: number, text: string) {
  // As source text: tsx would wrap named inner functions in a helper the page does not have.
  const script = `(() => {
    const layer = document.querySelector('.page[data-page-number="${pageNumber}"] .textLayer');
    if (!layer) return false;
    const nodes = [];
    let all = '';
    const w = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) { nodes.push([n, all.length]); all += n.data; }
      else if (n.tagName === 'BR') all += '\\n';
    }
    const at = all.replace(/\\s/g, ' ').indexOf(${JSON.stringify(text)});
    if (at < 0) return false;
    const point = (o, end) => {
      for (const [n, s] of nodes) if (end ? o > s && o <= s + n.data.length : o >= s && o < s + n.data.length) return [n, o - s];
      throw new Error('no node');
    };
    const r = document.createRange();
    r.setStart(...point(at, false));
    r.setEnd(...point(at + ${text.length}, true));
    const sel = document.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    return true;
  })()`;
  assert.ok(await page.evaluate(script), `"${text}" is on page ${pageNumber}`);
}

/** A run of words from the page's text layer, to select. */
async function passage(page: Page, pageNumber: number, skipLines: number): Promise<string> {
  const lines = await page.evaluate((n) => {
    const layer = document.querySelector(`.page[data-page-number="${n}"] .textLayer`)!;
    return (layer as HTMLElement).innerText.split('\n');
  }, pageNumber);
  const long = lines.map((l) => l.trim()).filter((l) => l.split(' ').length >= 6);
  assert.ok(long.length > skipLines, 'the page has lines of text');
  return long[skipLines].split(' ').slice(1, 5).join(' ');
}

const drawn = (page: Page, pageNumber: number) => page.locator(`.page[data-page-number="${pageNumber}"] .notes-overlay .notes-mark`);

describe('notes and comments in the reader', { skip: browserSkip }, () => {
  let server: LiveServer;
  let browser: Browser;
  journeyHooks(
    (s, b) => {
      server = s;
      browser = b;
    },
    'sqlite',
    { SMTP_URL: smtp.url },
  );

  test('a private note is kept at its passage across a reload and seen by no one else', async () => {
    const { meetingId, part } = await meetingWith(server, 'attachment');
    const page = await openPage(browser, { bypassCSP: true });
    await logIn(page, server, 'medlem');
    await openReader(page, server, meetingId, part.firstPage);
    const quote = await passage(page, part.firstPage, 1);

    await select(page, part.firstPage, quote);
    const panel = page.locator('.notes');
    await panel.locator('blockquote', { hasText: quote }).first().waitFor();
    await panel.getByRole('button', { name: 'Note', exact: true }).click();
    await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Spørg til økonomien – privat');
    await page.getByRole('button', { name: 'Gem note', exact: true }).click();
    const note = panel.getByRole('article').filter({ hasText: 'Spørg til økonomien – privat' });
    await note.waitFor();
    await note.getByText('Gemmes…').waitFor({ state: 'detached' });
    await drawn(page, part.firstPage).first().waitFor();
    await assertNoViolations(page, 'the notes panel');

    await page.reload();
    await page.getByRole('tab', { name: 'Noter' }).click();
    await note.waitFor();
    assert.match(await note.innerText(), new RegExp(quote.split(' ')[0]));
    await drawn(page, part.firstPage).first().waitFor();
    // Enter on the drawn passage opens its note.
    await page.locator(`.page[data-page-number="${part.firstPage}"] .notes-mark__open`).first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('notes-thread'));

    const other = await openPage(browser);
    await addMember(server, 'Mette Vestergaard', 'medlem2', 'Venstre', 'mette@raadslag.invalid');
    await logIn(other, server, 'medlem2');
    await openReader(other, server, meetingId, part.firstPage);
    await other.getByText('Ingen noter endnu.').waitFor();
    assert.ok(!(await other.content()).includes('Spørg til økonomien'), 'another member never sees the private note');
    assert.equal(await drawn(other, part.firstPage).count(), 0);
    await other.close();
    await page.close();
  });

  test('a comment shared with the party group is answered, and an @mention sends an e-mail', async () => {
    const { meetingId, part } = await meetingWith(server, 'attachment');
    const page = await openPage(browser);
    await logIn(page, server, 'medlem');
    await openReader(page, server, meetingId, part.firstPage);
    const quote = await passage(page, part.firstPage, 2);
    await select(page, part.firstPage, quote);
    await page.locator('.notes').getByRole('button', { name: 'Kommentar', exact: true }).click();
    const text = page.getByRole('combobox', { name: 'Kommentar' });
    await text.pressSequentially('Skal vi stille et ændringsforslag? @Mette');
    await page.getByRole('option', { name: /Mette Vestergaard/ }).waitFor();
    await text.press('Enter');
    assert.equal(await text.inputValue(), 'Skal vi stille et ændringsforslag? @Mette Vestergaard ');
    await page.getByRole('button', { name: 'Del kommentar' }).click();
    await page.getByText('Vælg mindst én, der må se kommentaren.').waitFor();
    await page.getByRole('checkbox', { name: 'Partigruppen Venstre' }).check();
    await page.getByRole('button', { name: 'Del kommentar' }).click();
    const comment = page.locator('.notes').getByRole('article').filter({ hasText: 'Skal vi stille et ændringsforslag?' });
    await comment.getByText('Gemmes…').waitFor({ state: 'detached' });
    assert.match(await comment.innerText(), /Partigruppen Venstre/);

    const deadline = Date.now() + 20_000;
    while (!smtp.mails.some((m) => m.to.includes('mette@raadslag.invalid')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(
      smtp.mails.some((m) => m.to.includes('mette@raadslag.invalid')),
      'the mentioned colleague is told by e-mail',
    );

    const mette = await openPage(browser);
    await logIn(mette, server, 'medlem2');
    await openReader(mette, server, meetingId, part.firstPage);
    const seen = mette.locator('.notes').getByRole('article').filter({ hasText: 'Skal vi stille et ændringsforslag?' });
    await seen.getByRole('button', { name: 'Svar' }).click();
    await mette.getByRole('combobox', { name: 'Svar' }).fill('Ja, lad os tage det op i gruppen.');
    await mette.getByRole('button', { name: 'Send svar' }).click();
    await seen.getByText('Ja, lad os tage det op i gruppen.').waitFor();
    await mette.close();

    await page.reload();
    await page.getByRole('tab', { name: 'Noter' }).click();
    await comment.getByText('Ja, lad os tage det op i gruppen.').waitFor();
    await page.close();
  });

  test('a new version of the proposal: a note stays at its passage, one whose passage is gone is under "Knyttet til en tidligere version"', async () => {
    // The secretariat puts a proposal on the committee's published agenda.
    const secretary = await session(server, 'sekretariat');
    const meetingId = await findMeeting(server, publishedCommitteeMeeting);
    const meeting = await call<{ organization: { id: string } }>(server, secretary, 'GET', `/api/meetings/${meetingId}`);
    const kept = 'samles i ét fælles forløb';
    const removed = 'hæves med to millioner kroner';
    const text = (withRemoved: boolean) =>
      `Ungeindsatsen skal ${kept} for alle unge under 30 år. ${withRemoved ? `Budgettet til mentorordningen ${removed} fra næste år. ` : ''}Resten af teksten er uændret.`;
    const proposal = await call<{ id: string; version: number }>(server, secretary, 'POST', '/api/proposals', {
      organizationId: meeting.organization.id,
      meetingId,
      title: 'Samlet ungeindsats',
      atPoints: ['udvalget godkender indsatsen.'],
      sections: [{ key: 'introduction', text: text(true) }],
      plannedMinutes: 10,
    });
    for (const step of [{ event: 'submit' }, { event: 'accept', acceptLate: true }, { event: 'schedule', item: { public: true } }])
      await call(server, secretary, 'POST', `/api/proposals/${proposal.id}/transitions`, step);
    const cookie = await session(server, 'medlem');
    const map = await call<{ parts: Part[] }>(server, cookie, 'GET', `/api/meetings/${meetingId}/package/map?audience=member&lang=da`);
    const part = map.parts.find((p) => p.documentId === proposal.id)!;
    assert.ok(part, 'the proposal is in the package');

    const page = await openPage(browser);
    await logIn(page, server, 'medlem');
    await openReader(page, server, meetingId, part.firstPage);
    const pages = Array.from({ length: part.pageCount }, (_, i) => part.firstPage + i);
    const onPage = async (text: string) => {
      for (const n of pages) {
        await page.evaluate((n) => document.querySelector(`.page[data-page-number="${n}"]`)?.scrollIntoView(), n);
        await page.locator(`.page[data-page-number="${n}"] .textLayer span`).first().waitFor();
        const t = await page.evaluate(
          (n) => (document.querySelector(`.page[data-page-number="${n}"] .textLayer`) as HTMLElement).innerText.replace(/\s/g, ' '),
          n,
        );
        if (t.includes(text)) return n;
      }
      throw new Error(`"${text}" is not in the proposal's pages`);
    };
    for (const [text, body] of [
      [kept, 'Noten der bliver'],
      [removed, 'Noten hvis tekst forsvinder'],
    ]) {
      const n = await onPage(text);
      await select(page, n, text);
      await page.locator('.notes').getByRole('button', { name: 'Note', exact: true }).click();
      await page.getByRole('textbox', { name: 'Note', exact: true }).fill(body);
      await page.getByRole('button', { name: 'Gem note', exact: true }).click();
      await page.locator('.notes').getByRole('article').filter({ hasText: body }).getByText('Gemmes…').waitFor({ state: 'detached' });
    }

    const before = await call<{ version: number }>(server, secretary, 'GET', `/api/proposals/${proposal.id}`);
    await call(server, secretary, 'PUT', `/api/proposals/${proposal.id}`, {
      version: before.version,
      sections: [{ key: 'introduction', text: text(false) }],
      changeNote: 'Mentorordningen udgår',
    });

    await page.reload();
    await page.getByRole('tab', { name: 'Noter' }).click();
    const orphaned = page.getByRole('region', { name: 'Knyttet til en tidligere version' });
    await orphaned.getByText('Noten hvis tekst forsvinder').waitFor();
    assert.ok(await orphaned.getByRole('link', { name: /^Læs version \d+$/ }).count());
    await page.locator('.notes').getByRole('article').filter({ hasText: 'Noten der bliver' }).waitFor();
    const n = await onPage(kept);
    await drawn(page, n).first().waitFor();
    await page.close();
  });

  test('a note written with the connection cut is saved when it returns, also across a reload', async () => {
    const { meetingId, part } = await meetingWith(server, 'attachment');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server, 'medlem');
    await openReader(page, server, meetingId, part.firstPage);
    const quote = await passage(page, part.firstPage, 3);

    await context.setOffline(true);
    await select(page, part.firstPage, quote);
    await page.locator('.notes').getByRole('button', { name: 'Note', exact: true }).click();
    await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Skrevet i toget');
    await page.getByRole('button', { name: 'Gem note', exact: true }).click();
    const note = page.locator('.notes').getByRole('article').filter({ hasText: 'Skrevet i toget' });
    await note.getByText('Gemmes…').waitFor();
    await page.waitForTimeout(1500);
    await note.getByText('Gemmes…').waitFor();

    await context.setOffline(false);
    await page.reload();
    await page.getByRole('tab', { name: 'Noter' }).click();
    await note.waitFor();
    await note.getByText('Gemmes…').waitFor({ state: 'detached' });
    const cookie = await session(server, 'medlem');
    const { annotations } = await call<{ annotations: { body: string }[] }>(server, cookie, 'GET', `/api/meetings/${meetingId}/annotations`);
    assert.equal(annotations.filter((a) => a.body === 'Skrevet i toget').length, 1, 'stored once');
    await context.close();
  });
});
