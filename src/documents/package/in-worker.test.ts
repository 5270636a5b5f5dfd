// The package assembled in its worker thread: the same PDF as in-process, typed errors come back, and
// a second package reuses the worker.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { A4, pdfWithPages } from '../../../test/helpers/pdf-pages.ts';
import { assembleInWorker, stopPackageWorker } from './in-worker.ts';
import type { PackageInput } from './model.ts';
import { PackageError } from './sources.ts';

after(() => stopPackageWorker());

const text = (pdf: Uint8Array) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-worker-')), 'p.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

test('a package from the worker: stamped, numbered; a locked PDF fails with its typed error', async () => {
  const page = (label: string) => pdfWithPages([{ size: A4, label }]);
  const input: PackageInput = {
    title: 'Mødepakke',
    lang: 'da',
    cover: await page('Forside'),
    agenda: await page('Dagsorden'),
    items: [{ bookmark: 'Punkt 1: Budget', parts: [{ bookmark: 'Bilag 1', stamp: 'Punkt 1, Bilag 1: budget.pdf', source: { pdf: await page('Budgettal') } }] }],
  };
  const s = text(await assembleInWorker(input));
  assert.match(s, /Punkt 1, Bilag 1: budget\.pdf/);
  assert.match(s, /Budgettal/);
  assert.match(s, /3\s*\/\s*3/);
  // The same worker takes the next one.
  assert.match(text(await assembleInWorker({ ...input, title: 'Igen' })), /Budgettal/);

  const locked = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-worker-')), 'locked.pdf');
  fs.writeFileSync(`${locked}.in`, await page('Hemmelig'));
  execFileSync('qpdf', ['--encrypt', 'bruger', 'ejer', '256', '--', `${locked}.in`, locked]);
  await assert.rejects(
    assembleInWorker({
      ...input,
      items: [{ bookmark: 'Punkt 2', parts: [{ bookmark: 'Bilag 1', stamp: 'Punkt 2, Bilag 1: låst.pdf', source: { pdf: fs.readFileSync(locked) } }] }],
    }),
    (e) => e instanceof PackageError && e.code === 'pdf_password_required' && e.part === 'Punkt 2, Bilag 1: låst.pdf',
  );
});
