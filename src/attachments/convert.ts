// Office files to PDF with LibreOffice (soffice --headless --convert-to pdf), tagged, so the package
// carries their structure to screen readers. Each conversion gets a fresh working directory and user
// profile (so runs never share a profile lock), runs one at a time (a conversion takes a core and a
// few hundred MB), and is killed with its children on timeout.
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

function run(command: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<'ok' | 'missing' | string> {
  return new Promise((resolve) => {
    // Its own process group, so a timeout also ends soffice.bin, which soffice starts.
    const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 2000) stderr += c.toString();
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      resolve(`LibreOffice took longer than ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ENOENT' || e.code === 'EACCES' ? 'missing' : e.message);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'ok' : `LibreOffice exited with ${code}: ${stderr.trim().slice(0, 300)}`);
    });
  });
}
