import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docx, pptx, xlsx } from '../../test/helpers/files.ts';
import { convertToPdf } from './convert.ts';

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
