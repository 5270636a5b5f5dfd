import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docx, pptx, xlsx } from '../../test/helpers/files.ts';
import { convertToPdf } from './convert.ts';
import { once } from 'node:events';
import { backendKinds } from '../../test/helpers/backends.ts';
import { fakeSoffice, groupMembers, prepareServer, running, sofficePids, startServe } from '../jobs/testing/serve.ts';

const tools = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-convert-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('Word, PowerPoint and Excel files become tagged PDFs with their text', { skip: tools ? false : 'needs LibreOffice and poppler-utils' }, async () => {
  const files = [
    ['docx', docx(['Indledning', 'Forvaltningen indstiller, at rådmanden godkender visionen.']), 'godkender visionen'],
    ['pptx', pptx(['Vision for Job Aarhus', 'Strategiske indsatsområder']), 'Strategiske indsatsområder'],
    ['xlsx', xlsx(['Budget 2026', 'Økonomisk opfølgning']), 'Økonomisk opfølgning'],
  ] as const;
  for (const [kind, bytes, words] of files) {
    const input = path.join(dir, `in.${kind}`);
    fs.writeFileSync(input, bytes);
    const converted = await convertToPdf(input, kind, { sofficePath: 'soffice', timeoutMs: 60_000 });
    assert.equal(converted.status, 'converted', `${kind}: ${JSON.stringify(converted)}`);
    if (converted.status !== 'converted') continue;
    try {
      assert.match(execFileSync('pdfinfo', [converted.pdfPath], { encoding: 'utf8' }), /Tagged:\s+yes/, kind);
      assert.match(execFileSync('pdftotext', [converted.pdfPath, '-'], { encoding: 'utf8' }), new RegExp(words), kind);
    } finally {
      await converted.cleanup();
    }
  }
});

async function until(what: string, check: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a conversion past its timeout is ended with its whole process tree (the launcher and what it forked)', async () => {
  const d = fs.mkdtempSync(path.join(dir, 'tree-'));
  const soffice = await fakeSoffice(d);
  fs.writeFileSync(path.join(d, 'hang'), '');
  const input = path.join(d, 'in.docx');
  fs.writeFileSync(input, docx(['x']));
  const r = await convertToPdf(input, 'docx', { sofficePath: soffice, timeoutMs: 1500 });
  assert.equal(r.status, 'failed');
  assert.match((r as { reason: string }).reason, /longer than/);
  const pids = sofficePids(d);
  assert.equal(pids.length, 2, 'the launcher and its grandchild');
  await until(`processes ${pids} gone`, () => pids.every((p) => !running(p)) && groupMembers(d).length === 0, 3000);
});

for (const kind of backendKinds) {
  test(`${kind}: a server killed with kill -9 in the middle of a conversion leaves no LibreOffice process behind`, async () => {
    const prepared = await prepareServer(kind);
    const d = fs.mkdtempSync(path.join(dir, 'kill9-'));
    const soffice = await fakeSoffice(d);
    fs.writeFileSync(path.join(d, 'hang'), '');
    const server = await startServe({ ...prepared.env, SOFFICE_PATH: soffice, SOFFICE_TIMEOUT_SECONDS: '600' });
    try {
      await until('the conversion to start', () => sofficePids(d).length === 2, 30_000);
      const pids = sofficePids(d);
      assert.ok(pids.every(running));
      server.p.kill('SIGKILL');
      await once(server.p, 'exit');
      await until(`processes ${pids} gone after the server died`, () => pids.every((p) => !running(p)) && groupMembers(d).length === 0, 5000);
    } finally {
      server.p.kill('SIGKILL');
      for (const p of [...sofficePids(d), ...groupMembers(d)]) if (running(p)) process.kill(p, 'SIGKILL');
      await prepared.cleanup();
    }
  });
}

test('sqlite: SIGTERM ends a conversion that outlasts the shutdown deadline, and the server exits 0', async () => {
  const prepared = await prepareServer('sqlite');
  const d = fs.mkdtempSync(path.join(dir, 'term-'));
  const soffice = await fakeSoffice(d);
  fs.writeFileSync(path.join(d, 'hang'), '');
  const server = await startServe({
    ...prepared.env,
    SOFFICE_PATH: soffice,
    SOFFICE_TIMEOUT_SECONDS: '600',
    SHUTDOWN_DELAY_SECONDS: '0',
    SHUTDOWN_TIMEOUT_SECONDS: '1',
  });
  try {
    await until('the conversion to start', () => sofficePids(d).length === 2, 30_000);
    const pids = sofficePids(d);
    const exited = once(server.p, 'exit');
    server.p.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, server.output());
    await until(`processes ${pids} gone after the server stopped`, () => pids.every((p) => !running(p)) && groupMembers(d).length === 0, 3000);
  } finally {
    server.p.kill('SIGKILL');
    await prepared.cleanup();
  }
});
