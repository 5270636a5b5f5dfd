import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { pdfText } from '../../test/helpers/pdf-text.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';

/** An annotation made through the API (PUT /api/annotations/:id, the client's id). */
async function annotate(t: TestApp, username: string, a: Record<string, unknown>, audience: { kind: string; value?: string }[] = []) {
  const id = crypto.randomUUID();
  const r = await t.request({ method: 'PUT', url: `/api/annotations/${id}`, as: username, payload: { ...a, ...(audience.length ? { audience } : {}) } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return id;
}

for (const kind of backendKinds) {
  test(`${kind}: a member's overview PDF holds their notes per item and Bilag, and the comments shared with them; never another's private note`, async () => {
    const t = await startTestApp(kind);
    try {
      const meeting: MeetingDetail = await t.meetingOn('2026-02-04', 'medlem');
      const item = meeting.items.find((i) => i.parts.some((p) => p.kind === 'attachment'))!;
      const part = item.parts.find((p) => p.kind === 'attachment')!;
      assert.ok(part.kind === 'attachment');
      const base = { meetingId: meeting.id, agendaItemId: item.id };
      await annotate(t, 'medlem', {
        ...base,
        target: 'attachment',
        documentId: part.attachment.id,
        documentVersion: 'an-older-pdf',
        page: 2,
        quote: 'kvartalets beskæftigelsestal',
        selector: { exact: 'kvartalets beskæftigelsestal', prefix: '', suffix: '', start: 0, end: 28 },
        kind: 'note',
        visibility: 'private',
        body: 'Karens hemmelige kanariefugl',
      });
      const root = await annotate(
        t,
        'sekretariat',
        { ...base, target: 'item', kind: 'comment', visibility: 'shared', body: 'Sekretariatets delte bemærkning' },
        [{ kind: 'members', value: '' }],
      );
      await annotate(t, 'medlem', { ...base, target: 'item', kind: 'comment', visibility: 'shared', parentId: root, body: 'Medlemmets svar' });
      await annotate(t, 'sekretariat', { ...base, target: 'item', kind: 'note', visibility: 'private', body: 'Sekretariatets egen note' });

      const url = `/api/meetings/${meeting.id}/overview.pdf`;
      assert.equal((await t.request({ method: 'GET', url })).status, 401);

      const r = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login('medlem') } });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      const text = (await pdfText(r.rawPayload)).text;
      assert.match(text, /^Aarhus Kommune/);
      const heading = `Punkt ${item.number}: ${item.title}`;
      assert.ok(text.indexOf('Overblik: Noter') < text.indexOf('Overblik: Delte kommentarer'));
      const notes = text.slice(text.indexOf('Overblik: Noter'), text.indexOf('Overblik: Delte kommentarer'));
      const shared = text.slice(text.indexOf('Overblik: Delte kommentarer'));
      assert.ok(notes.includes(heading), notes);
      assert.ok(notes.includes(`Bilag ${part.number}: ${part.attachment.title}`), notes);
      assert.match(notes, /side 2 · Knyttet til en tidligere version kvartalets beskæftigelsestal Karens hemmelige kanariefugl/);
      assert.ok(!notes.includes('Sekretariatets egen note'));
      assert.ok(shared.includes(heading));
      assert.match(shared, /Sekretariatets delte bemærkning .*Delt med: alle medlemmer Medlemmets svar Karen Holm/);

      const theirs = await t.app.inject({ method: 'GET', url: `${url}?lang=en`, headers: { cookie: await t.login('sekretariat') } });
      assert.equal(theirs.statusCode, 200);
      const other = (await pdfText(theirs.rawPayload)).text;
      assert.ok(!other.includes('kanariefugl') && !other.includes('kvartalets beskæftigelsestal'), 'another member never sees a private note');
      assert.match(other, /Overview: Notes .*Sekretariatets egen note/);
      assert.match(other, /Overview: Shared comments .*Sekretariatets delte bemærkning/);

      const data = await t.request({ method: 'GET', url: `/api/meetings/${meeting.id}/overview`, as: 'enhed' });
      assert.ok(data.status === 404 || (data.status === 200 && !JSON.stringify(data.json).includes('kanariefugl')));
    } finally {
      await t.close();
    }
  });
}
