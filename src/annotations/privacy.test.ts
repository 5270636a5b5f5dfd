// A private note stays its author's: member A writes a note and a highlight carrying a canary; then
// every other user (another member, the secretary, an administrator, the unit employee, anonymous)
// asks every channel we can reach — and the canary is in none of the answers, the server's log or
// the audit trail. Then a comment to a party group reaches that group only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { readPdf } from '../../test/helpers/documents.ts';
import { addMember, fixture, itemNote, type Fixture } from '../../test/helpers/annotations.ts';

const CANARY = 'KANARIE-7f3a9c';
const QUOTE_CANARY = 'CITAT-KANARIE-51b2';

/** Everything the server's logger (pino, writing to fd 1/2 through fs) writes while the test runs. */
function captureLog() {
  const lines: string[] = [];
  const original = { write: fs.write, writeSync: fs.writeSync };
  const keep = (fd: unknown, data: unknown) => {
    if ((fd === 1 || fd === 2) && (typeof data === 'string' || Buffer.isBuffer(data))) lines.push(String(data));
  };
  (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    keep(fd, data);
    return (original.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  };
  (fs as { write: unknown }).write = (fd: number, data: unknown, ...rest: unknown[]) => {
    keep(fd, data);
    return (original.write as (...a: unknown[]) => void)(fd, data, ...rest);
  };
  return {
    text: () => lines.join(''),
    restore() {
      Object.assign(fs, original);
    },
  };
}

for (const kind of backendKinds) {
  describe(`private notes stay private on ${kind}`, () => {
    let t: TestApp;
    let f: Fixture;
    let log: ReturnType<typeof captureLog>;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-privacy-'));
    before(async () => {
      log = captureLog();
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir, LOG_LEVEL: 'trace' } });
      f = await fixture(t);
      await addMember(t, f, 'venstre2', 'Venstre');
      await addMember(t, f, 'sf2', 'SF');
    });
    after(async () => {
      log.restore();
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('a private note and highlight reach no one else through any channel, log or audit entry', async () => {
      const noteId = randomUUID();
      const highlightId = randomUUID();
      const put = (id: string, body: object) => t.request({ method: 'PUT', url: `/api/annotations/${id}`, payload: body, as: 'medlem' });
      assert.equal((await put(noteId, itemNote(f, `Min note ${CANARY}`))).status, 201);
      assert.equal((await put(noteId, itemNote(f, `Min note ${CANARY} rettet`))).status, 200);
      const selector = { exact: QUOTE_CANARY, prefix: 'før ', suffix: ' efter', start: 4, end: 4 + QUOTE_CANARY.length };
      const highlight = {
        ...itemNote(f, ''),
        target: 'attachment',
        documentId: f.attachmentId,
        documentVersion: 'v1',
        page: 1,
        selector,
        kind: 'highlight',
        agendaItemId: undefined,
      };
      assert.equal((await put(highlightId, highlight)).status, 201);
      // The author sees both.
      const own = (await t.request({ method: 'GET', url: `/api/meetings/${f.meetingId}/annotations`, as: 'medlem' })).json.annotations;
      assert.ok(own.some((a: { id: string }) => a.id === noteId) && own.some((a: { id: string }) => a.id === highlightId));

      const seen: string[] = [];
      const grab = async (as: string | undefined, method: 'GET' | 'POST', url: string) => {
        const cookie = as ? await t.login(as) : undefined;
        const r = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(method === 'POST' ? { payload: {} } : {}) });
        const type = String(r.headers['content-type'] ?? '');
        seen.push(type.includes('pdf') && r.statusCode === 200 ? readPdf(r.rawPayload).text : r.body);
        return r;
      };
      const readers = ['venstre2', 'sekretariat', 'admin', 'enhed', undefined];
      for (const as of readers) {
        for (const url of [
          `/api/meetings/${f.meetingId}/annotations`,
          `/api/annotations/${noteId}/revisions`,
          `/api/annotations/${highlightId}/revisions`,
          `/api/my/annotations?q=${CANARY}`,
          '/api/my/annotations',
          `/api/meetings/${f.meetingId}/reading-position`,
          `/api/meetings/${f.meetingId}/annotation-audience`,
          `/api/meetings/${f.meetingId}`,
          `/api/meetings/${f.meetingId}/agenda.pdf`,
          `/api/meetings/${f.meetingId}/agenda.docx`,
          `/api/meetings/${f.meetingId}/minutes`,
          '/api/admin/audit',
          `/api/admin/audit?objectType=annotation`,
        ])
          await grab(as, 'GET', url);
        // Changing or deleting someone else's note is refused, and says nothing of it.
        const cookie = as ? await t.login(as) : undefined;
        for (const method of ['PUT', 'DELETE'] as const) {
          const r = await t.app.inject({
            method,
            url: `/api/annotations/${noteId}`,
            headers: cookie ? { cookie } : {},
            ...(method === 'PUT' ? { payload: itemNote(f, 'x') } : {}),
          });
          assert.ok([401, 403, 404].includes(r.statusCode), `${method} as ${as}: ${r.statusCode}`);
          seen.push(r.body);
        }
      }
      // The package for a member of the audience (a member in another group), built and read.
      const started = await grab('venstre2', 'POST', `/api/meetings/${f.meetingId}/package?audience=member`);
      assert.equal(started.statusCode, 200);
      let pdf = await grab('venstre2', 'GET', `/api/meetings/${f.meetingId}/package.pdf?audience=member`);
      for (let i = 0; i < 120 && pdf.statusCode !== 200; i++) {
        await new Promise((r) => setTimeout(r, 250));
        pdf = await grab('venstre2', 'GET', `/api/meetings/${f.meetingId}/package.pdf?audience=member`);
      }
      assert.equal(pdf.statusCode, 200);

      for (const text of seen) {
        assert.ok(!text.includes(CANARY), 'the note text is in an answer to someone else');
        assert.ok(!text.includes(QUOTE_CANARY), 'the quote is in an answer to someone else');
      }
      const audit = await t.db.handle.db.selectFrom('auditEntries').selectAll().execute();
      assert.ok(
        audit.some((e) => e.objectId === noteId),
        'the note is audited',
      );
      const auditText = JSON.stringify(audit);
      assert.ok(!auditText.includes(CANARY) && !auditText.includes(QUOTE_CANARY), 'the audit trail holds no text of a private note');
      assert.ok(log.text().length > 0, 'the server logged');
      const leaked = log
        .text()
        .split('\n')
        .filter((l) => l.includes(CANARY) || l.includes(QUOTE_CANARY));
      assert.deepEqual(leaked, [], 'the log holds no text of a private note');
    });

    test('a comment to Venstre: the group sees it, another group and the secretariat do not until named', async () => {
      const id = randomUUID();
      const body = itemNote(f, 'Til Venstre', { kind: 'comment', visibility: 'shared', audience: [{ kind: 'group', value: 'Venstre' }] });
      assert.equal((await t.request({ method: 'PUT', url: `/api/annotations/${id}`, payload: body, as: 'medlem' })).status, 201);
      const sees = async (as: string) =>
        (await t.request({ method: 'GET', url: `/api/meetings/${f.meetingId}/annotations`, as })).json.annotations.some((a: { id: string }) => a.id === id);
      assert.equal(await sees('venstre2'), true);
      assert.equal(await sees('sf2'), false);
      assert.equal(await sees('sekretariat'), false);
      const named = {
        ...body,
        audience: [
          { kind: 'group', value: 'Venstre' },
          { kind: 'person', value: f.persons.sekretariat },
        ],
      };
      assert.equal((await t.request({ method: 'PUT', url: `/api/annotations/${id}`, payload: named, as: 'medlem' })).status, 200);
      assert.equal(await sees('sekretariat'), true);
      assert.equal(await sees('sf2'), false);
    });
  });
}
