// For tests that run the real `raadslag serve` as a child process: a data directory and database
// with the demo and one Word file waiting for its conversion, a fake LibreOffice (a real process
// tree: a launcher that forks a grandchild, as soffice forks soffice.bin), and the server itself.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import { migrate, openDatabase, dropSchema } from '../../db/connection.ts';
import { loadDemo, DEMO_PASSWORD } from '../../demo/load.ts';
import { setClock } from '../../lib/time.ts';
import { conversionOf } from '../../attachments/conversions.ts';
import { docx, multipart, pdf } from '../../../test/helpers/files.ts';
import { PG_URL, type BackendKind } from '../../../test/helpers/backends.ts';

/**
 * A fake soffice: records its pid and a grandchild's in `dir/pids`, then either hangs (the file
 * `dir/hang` exists) or, after `dir/seconds` seconds, writes `dir/fixture.pdf` as the converted file.
 */
export async function fakeSoffice(dir: string): Promise<string> {
  fs.writeFileSync(path.join(dir, 'fixture.pdf'), await pdf([{ text: 'Omdannet af LibreOffice' }]));
  const script = path.join(dir, 'soffice');
  fs.writeFileSync(
    script,
    `#!/bin/sh
D='${dir}'
sh -c 'sleep 300' &
echo "$$ $!" >> "$D/pids"
read -r _ _ _ _ pgid _ < /proc/$$/stat
echo "$pgid" > "$D/pgid"
out=
while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out=$2; shift; done
if [ -f "$D/hang" ]; then sleep 300; fi
sleep "$(cat "$D/seconds" 2>/dev/null || echo 0)"
mkdir -p "$out" && cp "$D/fixture.pdf" "$out/document.pdf"
exit 0
`,
    { mode: 0o755 },
  );
  return script;
}

/** The pids the fake soffice recorded (launchers and grandchildren). */
export const sofficePids = (dir: string): number[] =>
  fs.existsSync(path.join(dir, 'pids')) ? fs.readFileSync(path.join(dir, 'pids'), 'utf8').split(/\s+/).filter(Boolean).map(Number) : [];

/** The processes still running in the fake soffice's process group (the conversion's whole tree). */
export function groupMembers(dir: string): number[] {
  const pgid = Number(fs.readFileSync(path.join(dir, 'pgid'), 'utf8'));
  const members: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

/** Whether the process runs (a zombie, dead but not yet reaped, does not). */
export function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export interface Prepared {
  dataDir: string;
  /** The environment `serve` runs with (DATA_DIR, DATABASE_URL). */
  env: Record<string, string>;
  attachmentId: string;
  meetingId: string;
  /** Reads the attachment's conversion state (after the server has stopped, or while it runs). */
  conversion(): Promise<string | null | undefined>;
  cleanup(): Promise<void>;
}

/** A database with the demo, and a Word file on the published committee meeting whose conversion is pending. */
export async function prepareServer(kind: BackendKind): Promise<Prepared> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-serve-'));
  const schema = kind === 'postgres' ? `t_serve_${Math.random().toString(16).slice(2, 10)}` : undefined;
  const databaseUrl = schema ? `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` : `sqlite:${path.join(dataDir, 'raadslag.sqlite')}`;
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', SOFFICE_PATH: path.join(dataDir, 'no-soffice') });
  setClock(config.demoNow);
  const handle = await openDatabase(config.database, schema ? { pgSchema: schema } : {});
  await migrate(handle);
  await loadDemo(handle.db);
  const app = await buildApp({ config, database: handle });
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
  const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
  const cookie = `${c.name}=${c.value}`;
  const list = JSON.parse((await app.inject({ method: 'GET', url: '/api/meetings?when=upcoming', headers: { cookie } })).body).meetings as {
    id: string;
    state: string;
    title: string;
  }[];
  const meeting = list.find((x) => x.state === 'agenda_published' && x.title.startsWith('Social'))!;
  const detail = JSON.parse((await app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: { cookie } })).body) as {
    items: { id: string; public: boolean }[];
  };
  const item = detail.items.find((i) => i.public)!;
  const form = multipart({ name: 'Indstilling.docx', data: docx(['Indstilling om ungeindsatsen']) });
  const up = await app.inject({ method: 'POST', url: `/api/items/${item.id}/attachments`, payload: form.payload, headers: { ...form.headers, cookie } });
  if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
  const attachmentId = JSON.parse(up.body).id as string;
  await conversionOf(attachmentId);
  await app.close();
  // LibreOffice was missing here; the server under test is to convert it.
  await handle.db.updateTable('attachments').set({ conversion: 'pending' }).where('id', '=', attachmentId).execute();
  await handle.close();
  const conversion = async () => {
    const h = await openDatabase(config.database, schema ? { pgSchema: schema } : {});
    try {
      return (await h.db.selectFrom('attachments').select('conversion').where('id', '=', attachmentId).executeTakeFirst())?.conversion;
    } finally {
      await h.close();
    }
  };
  return {
    dataDir,
    env,
    attachmentId,
    meetingId: meeting.id,
    conversion,
    async cleanup() {
      if (schema) await dropSchema(PG_URL, schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts `raadslag serve` on a free port; resolves once it listens. */
export async function startServe(env: Record<string, string>): Promise<{ p: ChildProcess; port: number; output: () => string }> {
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  p.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  p.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    p.stdout!.on('data', () => {
      const m = /listening on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    p.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${out}`));
    });
  });
  return { p, port, output: () => out };
}
