// Notes, highlights and shared comments through the API on both databases: who may write them, the
// refusals (each with its reason, nothing stored), threads, revisions, the own list, reading position
// and the @mention e-mail through a real SMTP server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { startSmtpSink } from '../../test/helpers/smtp.ts';
import { addMember, fixture, itemNote, type Fixture } from '../../test/helpers/annotations.ts';
import { nowIso } from '../lib/time.ts';

for (const kind of backendKinds) {
  describe(`annotations on ${kind}`, () => {
    let t: TestApp;
    let f: Fixture;
    let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    before(async () => {
      smtp = await startSmtpSink();
      t = await startTestApp(kind, { env: { SMTP_URL: smtp.url, MAIL_FROM: 'raadslag@raadslag.invalid' } });
      f = await fixture(t);
      await addMember(t, f, 'venstre2', 'Venstre');
      await addMember(t, f, 'sf2', 'SF');
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const put = (id: string, body: unknown, as = 'medlem') => t.request({ method: 'PUT', url: `/api/annotations/${id}`, payload: body as object, as });
    const list = async (as: string) => (await t.request({ method: 'GET', url: `/api/meetings/${f.meetingId}/annotations`, as })).json;
    const count = async () =>
      Number(
        (
          await t.db.handle.db
            .selectFrom('annotations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a member writes a private note: stored once however often it is sent, 201 then 200; an edit keeps the earlier text', async () => {
      const id = randomUUID();
      const first = await put(id, itemNote(f, 'Spørg til budgettet'));
      assert.equal(first.status, 201);
      assert.equal(first.json.mine, true);
      assert.equal(first.json.anchor, null);
      assert.equal((await put(id, itemNote(f, 'Spørg til budgettet'))).status, 200);
      const edited = await put(id, itemNote(f, 'Spørg til budgettet 2027'));
      assert.equal(edited.status, 200);
      assert.equal(edited.json.edited, true);
      const mine = (await list('medlem')).annotations.filter((a: { id: string }) => a.id === id);
      assert.equal(mine.length, 1);
      const revs = await t.request({ method: 'GET', url: `/api/annotations/${id}/revisions`, as: 'medlem' });
      assert.deepEqual(
        revs.json.revisions.map((r: { body: string }) => r.body),
        ['Spørg til budgettet'],
      );
      assert.equal((await put(id, itemNote(f, 'overtaget'), 'venstre2')).status, 403);
      assert.equal((await t.request({ method: 'GET', url: `/api/annotations/${id}/revisions`, as: 'venstre2' })).status, 404);
    });

    test('anonymous visitors get 401 on every annotation endpoint', async () => {
      for (const [method, url] of [
        ['PUT', `/api/annotations/${randomUUID()}`],
        ['DELETE', `/api/annotations/${randomUUID()}`],
        ['GET', `/api/annotations/${randomUUID()}/revisions`],
        ['GET', `/api/meetings/${f.meetingId}/annotations`],
        ['GET', `/api/meetings/${f.meetingId}/annotation-audience`],
        ['GET', '/api/my/annotations'],
        ['GET', `/api/meetings/${f.meetingId}/reading-position`],
      ] as const) {
        const r = await t.request({ method, url, ...(method === 'PUT' ? { payload: itemNote(f, 'x') } : {}) });
        assert.equal(r.status, 401, `${method} ${url}`);
      }
    });

    test('bad input is refused with its reason, and nothing is stored', async () => {
      const privateId = randomUUID();
      assert.equal((await put(privateId, itemNote(f, 'min egen'))).status, 201);
      const root = randomUUID();
      assert.equal((await put(root, itemNote(f, 'Til medlemmerne', { kind: 'comment', visibility: 'shared', audience: [{ kind: 'members' }] }))).status, 201);
      const before = await count();
      const cases: [string, unknown, string, string?][] = [
        ['unknown meeting', itemNote(f, 'x', { meetingId: randomUUID() }), 'annotation.meeting_unknown'],
        ['item of another meeting', itemNote(f, 'x', { agendaItemId: f.otherMeetingItemId }), 'annotation.item_not_on_meeting'],
        [
          'document not on the meeting',
          itemNote(f, 'x', { target: 'proposal', documentId: randomUUID(), agendaItemId: null }),
          'annotation.document_not_on_meeting',
        ],
        ['comment without audience', itemNote(f, 'x', { kind: 'comment', visibility: 'shared' }), 'annotation.audience_missing'],
        ['private comment', itemNote(f, 'x', { kind: 'comment' }), 'annotation.kind_visibility'],
        ['reply to a private note', itemNote(f, 'x', { kind: 'comment', visibility: 'shared', parentId: privateId }), 'annotation.reply_to_private'],
        [
          'reply with its own audience',
          itemNote(f, 'x', { kind: 'comment', visibility: 'shared', parentId: root, audience: [{ kind: 'members' }] }),
          'annotation.reply_audience',
        ],
        ['body too long', itemNote(f, 'x'.repeat(10001)), 'too_big.string'],
        ['mention in a private note', itemNote(f, 'x', { mentions: [f.persons.venstre2] }), 'annotation.mention_private'],
        [
          'mention outside the audience',
          itemNote(f, 'x', { kind: 'comment', visibility: 'shared', audience: [{ kind: 'group', value: 'Venstre' }], mentions: [f.persons.sf2] }),
          'annotation.mention_outside',
        ],
        [
          'reply by someone who cannot see the root',
          itemNote(f, 'x', { kind: 'comment', visibility: 'shared', parentId: privateId }),
          'annotation.reply_unknown',
          'venstre2',
        ],
      ];
      for (const [name, body, reason, as] of cases) {
        const r = await put(randomUUID(), body, as);
        assert.equal(r.status, 400, name);
        assert.equal(r.json.error.reason, reason, name);
      }
      assert.equal(await count(), before);
      // Someone else's id: 403, and the note is unchanged.
      assert.equal((await put(privateId, itemNote(f, 'kapret'), 'venstre2')).status, 403);
      assert.equal((await list('medlem')).annotations.find((a: { id: string }) => a.id === privateId).body, 'min egen');
    });

    test('the unit employee may not annotate the closed item: 403', async () => {
      const r = await put(randomUUID(), itemNote(f, 'x', { agendaItemId: f.closedItemId }), 'enhed');
      assert.equal(r.status, 403);
    });

    test('a comment to a party group: the group sees it and replies; other groups and the secretariat do not unless named', async () => {
      const id = randomUUID();
      const r = await put(
        id,
        itemNote(f, 'Venstre: lad os stille et spørgsmål', { kind: 'comment', visibility: 'shared', audience: [{ kind: 'group', value: 'Venstre' }] }),
      );
      assert.equal(r.status, 201);
      const sees = async (as: string) => (await list(as)).annotations.some((a: { id: string }) => a.id === id);
      assert.equal(await sees('venstre2'), true);
      assert.equal(await sees('sf2'), false);
      assert.equal(await sees('sekretariat'), false);
      assert.equal(await sees('admin'), false);
      const reply = randomUUID();
      assert.equal((await put(reply, itemNote(f, 'Enig', { kind: 'comment', visibility: 'shared', parentId: id }), 'venstre2')).status, 201);
      assert.equal(
        (await put(randomUUID(), itemNote(f, 'Også mig', { kind: 'comment', visibility: 'shared', parentId: id }), 'sf2')).json.error.reason,
        'annotation.reply_unknown',
      );
      // Naming the secretariat: now they see it, and the reply.
      assert.equal(
        (
          await put(
            id,
            itemNote(f, 'Venstre: lad os stille et spørgsmål', {
              kind: 'comment',
              visibility: 'shared',
              audience: [{ kind: 'group', value: 'Venstre' }, { kind: 'secretariat' }],
            }),
          )
        ).status,
        200,
      );
      const ids = (await list('sekretariat')).annotations.map((a: { id: string }) => a.id);
      assert.ok(ids.includes(id) && ids.includes(reply));
      // Deleted with a reply: shown as deleted, its text withheld, the reply stays.
      assert.equal((await t.request({ method: 'DELETE', url: `/api/annotations/${id}`, as: 'venstre2' })).status, 403);
      assert.equal((await t.request({ method: 'DELETE', url: `/api/annotations/${id}`, as: 'medlem' })).status, 204);
      const after = (await list('venstre2')).annotations;
      const root = after.find((a: { id: string }) => a.id === id);
      assert.equal(root.deleted, true);
      assert.equal(root.body, '');
      assert.ok(after.some((a: { id: string }) => a.id === reply));
    });

    test('a comment on the closed item to a named unit employee does not reach them (they may not read the item)', async () => {
      const id = randomUUID();
      const r = await put(
        id,
        itemNote(f, 'lukket sag', {
          agendaItemId: f.closedItemId,
          kind: 'comment',
          visibility: 'shared',
          audience: [{ kind: 'person', value: f.persons.enhed }],
        }),
      );
      assert.equal(r.status, 201);
      assert.equal(
        (await list('enhed')).annotations.some((a: { id: string }) => a.id === id),
        false,
      );
    });

    test('@mention: an e-mail to the person, without content for a closed item; none when they turned mentions off', async () => {
      smtp.mails.length = 0;
      const open = await put(
        randomUUID(),
        itemNote(f, 'Hvad mener du, Venstre 2?', { kind: 'comment', visibility: 'shared', audience: [{ kind: 'members' }], mentions: [f.persons.venstre2] }),
      );
      assert.equal(open.status, 201);
      assert.deepEqual(open.json.mentions, [f.persons.venstre2]);
      const closed = await put(
        randomUUID(),
        itemNote(f, 'Fortroligt indhold', {
          agendaItemId: f.closedItemId,
          kind: 'comment',
          visibility: 'shared',
          audience: [{ kind: 'members' }],
          mentions: [f.persons.venstre2],
        }),
      );
      assert.equal(closed.status, 201);
      for (let i = 0; i < 50 && smtp.mails.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(smtp.mails.length, 2);
      assert.deepEqual(smtp.mails[0].to, ['venstre2@raadslag.invalid']);
      assert.match(smtp.mails[0].text, /Hvad mener du/);
      assert.doesNotMatch(smtp.mails[1].text + smtp.mails[1].subject, /Fortroligt/);
      assert.match(smtp.mails[1].text, /Punkt \d+/);
      const { userId } = await t.db.handle.db.selectFrom('users').select('id as userId').where('username', '=', 'venstre2').executeTakeFirstOrThrow();
      await t.db.handle.db.insertInto('notificationSettings').values({ userId, mentions: 0, modified: nowIso() }).execute();
      await put(randomUUID(), itemNote(f, 'Igen?', { kind: 'comment', visibility: 'shared', audience: [{ kind: 'members' }], mentions: [f.persons.venstre2] }));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(smtp.mails.length, 2);
    });

    test('my annotations: newest first, searchable in body and quote, paged by a cursor', async () => {
      for (let i = 0; i < 3; i++) await put(randomUUID(), itemNote(f, `Søgbar note ${i}`), 'sf2');
      const first = await t.request({ method: 'GET', url: '/api/my/annotations?q=SØGBAR&limit=2', as: 'sf2' });
      assert.equal(first.status, 200);
      assert.deepEqual(
        first.json.annotations.map((a: { body: string }) => a.body),
        ['Søgbar note 2', 'Søgbar note 1'],
      );
      assert.equal(first.json.annotations[0].item.number > 0, true);
      const second = await t.request({
        method: 'GET',
        url: `/api/my/annotations?q=s%C3%B8gbar&limit=2&before=${encodeURIComponent(first.json.next)}`,
        as: 'sf2',
      });
      assert.deepEqual(
        second.json.annotations.map((a: { body: string }) => a.body),
        ['Søgbar note 0'],
      );
      assert.equal(second.json.next, null);
      // Capital Æ, Ø, Å fold on both databases (SQLite's own lower() leaves them).
      await put(randomUUID(), itemNote(f, 'ÆBLEGRØD VED ÅEN'), 'sf2');
      const folded = await t.request({ method: 'GET', url: `/api/my/annotations?q=${encodeURIComponent('æblegrød ved å')}`, as: 'sf2' });
      assert.deepEqual(
        folded.json.annotations.map((a: { body: string }) => a.body),
        ['ÆBLEGRØD VED ÅEN'],
      );
    });

    test("anchor status: current on the current PDF; an earlier version's quote reanchored when still in the text, orphaned when gone", async () => {
      const db = t.db.handle.db;
      await db
        .updateTable('attachments')
        .set({ pdfSha256: 'sha-new', extractedText: 'Målet er flere\nunge i job og uddannelse' })
        .where('id', '=', f.attachmentId)
        .execute();
      const mark = (exact: string, version: string) => ({
        meetingId: f.meetingId,
        target: 'attachment',
        documentId: f.attachmentId,
        documentVersion: version,
        page: 1,
        selector: { exact, prefix: '', suffix: '', start: 0, end: exact.length },
        kind: 'highlight',
        visibility: 'private',
        body: '',
      });
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      assert.equal((await put(ids[0], mark('flere unge', 'sha-new'))).json.anchor, 'current');
      assert.equal((await put(ids[1], mark('unge i job', 'sha-old'))).json.anchor, 'reanchored');
      assert.equal((await put(ids[2], mark('ældre i job', 'sha-old'))).json.anchor, 'orphaned');
      const listed = await list('medlem');
      assert.ok(
        listed.documents.some((d: { documentId: string; currentVersion: string }) => d.documentId === f.attachmentId && d.currentVersion === 'sha-new'),
      );
      assert.equal(
        listed.annotations.find((a: { id: string }) => a.id === ids[1]).agendaItemId,
        (await db.selectFrom('attachments').select('agendaItemId').where('id', '=', f.attachmentId).executeTakeFirstOrThrow()).agendaItemId,
      );
    });

    test('reading position: remembered per user and meeting', async () => {
      assert.deepEqual((await t.request({ method: 'GET', url: `/api/meetings/${f.meetingId}/reading-position`, as: 'medlem' })).json, { page: null });
      assert.equal((await t.request({ method: 'PUT', url: `/api/meetings/${f.meetingId}/reading-position`, payload: { page: 12 }, as: 'medlem' })).status, 200);
      assert.equal((await t.request({ method: 'PUT', url: `/api/meetings/${f.meetingId}/reading-position`, payload: { page: 14 }, as: 'medlem' })).status, 200);
      assert.deepEqual((await t.request({ method: 'GET', url: `/api/meetings/${f.meetingId}/reading-position`, as: 'medlem' })).json, { page: 14 });
      assert.deepEqual((await t.request({ method: 'GET', url: `/api/meetings/${f.meetingId}/reading-position`, as: 'venstre2' })).json, { page: null });
    });

    test('the audience picker lists the party groups and the body’s members and secretariat', async () => {
      const r = await t.request({ method: 'GET', url: `/api/meetings/${f.meetingId}/annotation-audience`, as: 'medlem' });
      assert.ok(r.json.groups.includes('Venstre') && r.json.groups.includes('SF'));
      assert.ok(r.json.persons.some((p: { id: string; roles: string[] }) => p.id === f.persons.sekretariat && p.roles.includes('secretary')));
    });
  });
}
