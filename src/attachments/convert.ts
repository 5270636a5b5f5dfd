// Office files to PDF with LibreOffice (soffice --headless --convert-to pdf), tagged, so the package
// carries their structure to screen readers. Each conversion gets a fresh working directory and user
// profile (so runs never share a profile lock), runs one at a time (a conversion takes a core and a
// few hundred MB), and runs in a process group of its own under a watchdog: on timeout, when the
// server stops, and when the server dies (kill -9), the whole group is ended.
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type Conversion =
  { status: 'converted'; pdfPath: string; cleanup: () => Promise<void> } | { status: 'unavailable'; reason: string } | { status: 'failed'; reason: string };

export interface ConvertOptions {
  sofficePath: string;
  timeoutMs: number;
}

let queue: Promise<unknown> = Promise.resolve();

// LibreOffice exports untagged PDF unless asked; the export filter is per application.
const exportFilter: Record<string, string> = { pptx: 'impress_pdf_Export', xlsx: 'calc_pdf_Export' };
const TAGGED = JSON.stringify({ UseTaggedPDF: { type: 'boolean', value: 'true' } });

/** The --convert-to argument for a tagged PDF of a file read as `extension`. */
const convertTo = (extension: string) => `pdf:${exportFilter[extension] ?? 'writer_pdf_Export'}:${TAGGED}`;

/** Converts `file` (read as `extension`) to PDF; never throws for a file LibreOffice cannot handle. */
export function convertToPdf(file: string, extension: string, opts: ConvertOptions): Promise<Conversion> {
  const run = queue.then(() => convertNow(file, extension, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function convertNow(file: string, extension: string, { sofficePath, timeoutMs }: ConvertOptions): Promise<Conversion> {
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'raadslag-convert-'));
  const cleanup = () => fsp.rm(work, { recursive: true, force: true });
  try {
    const input = path.join(work, `document.${extension}`);
    const out = path.join(work, 'out');
    await fsp.copyFile(file, input);
    const args = [
      '--headless',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
      '--convert-to',
      convertTo(extension),
      '--outdir',
      out,
      input,
    ];
    const result = await run(sofficePath, args, timeoutMs, { ...process.env, HOME: work });
    if (result === 'missing') {
      await cleanup();
      return { status: 'unavailable', reason: `LibreOffice (${sofficePath}) is not installed` };
    }
    const pdfPath = path.join(out, 'document.pdf');
    const made = await fsp.stat(pdfPath).then(
      (s) => s.size > 0,
      () => false,
    );
    if (result !== 'ok' || !made) {
      await cleanup();
      return { status: 'failed', reason: result === 'ok' ? 'LibreOffice made no PDF' : result };
    }
    return { status: 'converted', pdfPath, cleanup };
  } catch (e) {
    await cleanup();
    return { status: 'failed', reason: (e as Error).message };
  }
}

/**
 * Runs the command under a watchdog shell that leads its own process group (soffice's launcher
 * forks soffice.bin, which a kill of one pid would leave running). The watchdog ends the whole group
 * when this server is gone (its parent pid changes: a kill -9 too) or the timeout has passed, so
 * neither a dead server nor a stuck LibreOffice leaves processes behind.
 */
const WATCHDOG = `
parent=$1; steps=$2; shift 2
"$@" &
child=$!
(
  n=0
  while :; do
    sleep 0.2
    n=$((n + 1))
    if [ -r /proc/$$/stat ]; then read -r _ _ _ pp _ < /proc/$$/stat; else pp=$parent; kill -0 "$parent" 2>/dev/null || pp=gone; fi
    if [ "$pp" != "$parent" ] || [ "$n" -ge "$steps" ]; then kill -KILL 0; fi
  done
) </dev/null &
watcher=$!
wait "$child"
code=$?
kill "$watcher" 2>/dev/null
exit $code
`;

/** The process groups of the conversions running now (each led by its watchdog). */
const groups = new Set<number>();

const killGroup = (pgid: number) => {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
};

/** Ends every conversion still running (the server is stopping). */
export function endConversions(): number {
  const n = groups.size;
  for (const pgid of groups) killGroup(pgid);
  groups.clear();
  return n;
}

// However the process ends (process.exit after SIGTERM included), its conversions end with it.
process.on('exit', endConversions);

function run(command: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<'ok' | 'missing' | string> {
  return new Promise((resolve) => {
    // The watchdog's own limit is a little after ours, so ours normally answers first.
    const steps = Math.ceil(timeoutMs / 200) + 10;
    const child = spawn('/bin/sh', ['-c', WATCHDOG, 'raadslag-convert', String(process.pid), String(steps), command, ...args], {
      env,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const pgid = child.pid;
    if (pgid) groups.add(pgid);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 2000) stderr += c.toString();
    });
    let settled = false;
    const settle = (answer: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (pgid) {
        // Whatever the group left behind (soffice.bin after its launcher) goes too.
        killGroup(pgid);
        groups.delete(pgid);
      }
      resolve(answer);
    };
    const timer = setTimeout(() => settle(`LibreOffice took longer than ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => settle(e.code === 'ENOENT' || e.code === 'EACCES' ? 'missing' : e.message));
    child.on('exit', (code) => {
      // 127/126: the shell found no such program, or may not run it.
      if (code === 127 || code === 126) settle('missing');
      else settle(code === 0 ? 'ok' : `LibreOffice exited with ${code}: ${stderr.trim().slice(0, 300)}`);
    });
  });
}
