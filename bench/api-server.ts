// The server side of bench:api: a fresh SQLite database with a 20-item published meeting, plus a
// route that returns that meeting's JSON from memory (the ceiling of this stack on this machine).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { migrate, openDatabase } from '../src/db/connection.ts';
import { buildApp } from '../src/http/app.ts';
import { loadDemo } from '../src/demo/load.ts';
import { addItem, changeMeetingState, createMeeting, getMeeting } from '../src/meetings/operations.ts';
import { loadActor } from '../src/access/store.ts';
import { DateTime } from 'luxon';

process.setSourceMapsEnabled(false); // as `raadslag serve` does
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-bench-'));
const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
await migrate(handle);
await loadDemo(handle.db);
const user = await handle.db.selectFrom('users').select('id').where('username', '=', 'sekretariat').executeTakeFirstOrThrow();
const viewer = await loadActor(handle.db, user.id);
const org = await handle.db.selectFrom('organizations').select('id').where('shortName', '=', 'SBU').executeTakeFirstOrThrow();
const ctx = { db: handle.db, viewer };
const meeting = await createMeeting(ctx, {
  organizationId: org.id,
  title: 'Benchmarkmøde',
  // A month ahead of whenever the bench runs: its proposal deadline is still open.
  start: `${DateTime.now().setZone('Europe/Copenhagen').plus({ days: 30 }).toISODate()}T16:30`,
  end: `${DateTime.now().setZone('Europe/Copenhagen').plus({ days: 30 }).toISODate()}T18:00`,
  location: 'Rådhuset, lokale 398',
});
for (let i = 1; i <= 20; i++) {
  await addItem(ctx, meeting.id, {
    title: `Punkt ${i}: Introduktion til beskæftigelsesreformen`,
    plannedMinutes: 5,
    kind: 'regular',
    public: i % 7 !== 0,
    publicTitle: i % 7 === 0 ? 'Personalesag' : undefined,
    legalBasis: i % 7 === 0 ? 'Offentlighedslovens § 30, nr. 1' : undefined,
    purpose: 'Punktet er det første af en række temadrøftelser om beskæftigelsesreformen, som udvalget skal have hen over foråret 2026.',
    method: 'Mundtlig orientering og drøftelse',
    responsible: 'Jeanette Hoppe',
    attachments: ['Forklæde', 'Præsentation'],
  });
}
await changeMeetingState(ctx, meeting.id, 'agenda_published');
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: handle });
const cached = await getMeeting({ db: handle.db, viewer: null }, meeting.id);
app.get('/bench/memory', async () => cached);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0, meetingId: meeting.id, bytes: JSON.stringify(cached).length });
process.on('disconnect', async () => {
  await app.close();
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
