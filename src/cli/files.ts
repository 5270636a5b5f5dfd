// What `raadslag files reextract` prints, in Danish: a line per file as it goes, and the summary.
import type { FileOutcome, ReextractFile, ReextractSummary } from '../attachments/reextract.ts';

const files = (n: number) => `${n} ${n === 1 ? 'fil' : 'filer'}`;
const pages = (n: number) => `${n} ${n === 1 ? 'side' : 'sider'}`;
const named = (f: ReextractFile) => `${f.id} «${f.fileName}»`;

export function reextractLine(file: ReextractFile, outcome: FileOutcome, done: number, total: number): string {
  const at = `[${done}/${total}] ${named(file)}`;
  switch (outcome.result) {
    case 'extracted':
      return `${at}: ${outcome.pages === null ? 'teksten læst' : pages(outcome.pages)}`;
    case 'unchanged':
      return `${at}: uændret`;
    case 'changed':
      return `${at}: ændret undervejs, sprunget over`;
    case 'skipped':
      return `${at}: sprunget over, ${outcome.why}`;
  }
}

export function reextractSummary(s: ReextractSummary): string {
  const head = `Genudtrak tekst fra ${files(s.extracted)} (${pages(s.pages)})`;
  const quiet = [s.unchanged ? `${files(s.unchanged)} uændrede` : '', s.changed ? `${files(s.changed)} ændret undervejs` : ''].filter(Boolean);
  const skipped = s.skipped.length ? `${s.skipped.length} sprunget over: ${s.skipped.map((f) => `${named(f)} (${f.why})`).join('; ')}` : '0 sprunget over';
  return `${head}, ${[...quiet, skipped].join(', ')}.`;
}
