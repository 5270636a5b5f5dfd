// npm run bench:package — a meeting package of 40 PDFs with 1,000 pages between them (A4 both ways,
// A3, some pages rotated, each page with text and a vector drawing): cover, agenda and 38
// attachments, stamped, numbered and bookmarked; and in the same run qpdf merging the same files
// (`qpdf --empty --pages f1 f2 … -- out.pdf`) as the baseline. Goal: at most 2× qpdf's time, and
// peak memory under 3× the input + 150 MB. Those files are untagged; a second set is tagged (a
// Typst cover and 39 Typst proposals of 5 to 34 pages), so the package carries 40 structure trees.
//
// The files are generated in a child process so that generating them does not count in this
// process's peak memory. A second child builds the package once with V8's heap capped, to show how
// much of the peak is the working set and how much is V8 letting garbage pile up.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { A3, A4, A4_LANDSCAPE, pdfWithPages, type PageSpec } from '../test/helpers/pdf-pages.ts';
import type { PackageInput } from '../src/documents/package/model.ts';
import type { Block, ProposalSection } from '../src/proposals/model.ts';

const FILES = 40;
const PAGES = 1000;
const RUNS = 5;
const self = fileURLToPath(import.meta.url);
const run = promisify(execFile);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** Pages per file: a 1-page cover, a 4-page agenda, and 38 attachments of 6 to 46 pages. */
function pageCounts() {
  const counts = [1, 4];
  for (let i = 0; i < FILES - 2; i++) counts.push(26 + (((i * 7) % 11) - 5) * 4);
  counts[counts.length - 1] += PAGES - counts.reduce((a, b) => a + b, 0);
  return counts;
}

async function generate(dir: string) {
  const sizes = [A4, A4, A4_LANDSCAPE, A3];
  let page = 0;
  for (const [f, count] of pageCounts().entries()) {
    const specs: PageSpec[] = Array.from({ length: count }, () => {
      page++;
      const rotate = page % 9 === 0 ? 90 : page % 23 === 0 ? 270 : page % 31 === 0 ? 180 : 0;
      return { size: sizes[page % sizes.length], rotate, label: `Fil ${f + 1}, side ${page}` };
    });
    fs.writeFileSync(path.join(dir, `${String(f + 1).padStart(2, '0')}.pdf`), await pdfWithPages(specs));
  }
}

/** Tagged PDFs as Rådslag renders them: the cover, and proposals for the agenda's place and the attachments. */
async function generateTagged(dir: string) {
  const { coverPdf } = await import('../src/documents/cover.ts');
  const { proposalPdf } = await import('../src/documents/proposal.ts');
  const text = 'Beskæftigelsesområdet i Aarhus er under stor forandring i de kommende år, og forvaltningen arbejder ud fra pejlemærkerne. ';
  const proposal = (sections: number) =>
    proposalPdf({
      content: {
        title: 'Økonomisk opfølgning',
        addressee: 'Rådmanden',
        atPoints: ['at rådmanden godkender opfølgningen.'],
        sections: Array.from({ length: sections }, (_, s): ProposalSection => {
          const blocks: Block[] = Array.from({ length: 11 }, (_, i) => ({
            kind: 'paragraph',
            spans: [{ text: `${i + 1}. `, bold: true }, { text: text.repeat(3) }],
          }));
          blocks.push({ kind: 'bullets', items: [[{ text: 'Aarhus har plads til og brug for alle' }], [{ text: 'Kunden i centrum' }]] });
          return { key: `s${s}`, heading: `Afsnit ${s + 1}`, blocks };
        }),
      },
      meetingDate: '2026-02-04',
      plannedMinutes: 15,
      unitName: 'Fagligt Sekretariat',
      proposalDate: '2026-01-22',
      caseNumber: 'EMN-2026-00001',
      caseOfficer: null,
      version: null,
      municipality: 'Aarhus Kommune',
      lang: 'da',
    });
  const cover = coverPdf({
    municipality: 'Aarhus Kommune',
    organizationName: 'Social- og Beskæftigelsesudvalget',
    meetingTitle: 'Udvalgsmøde',
    start: '2026-02-04T14:00:00Z',
    end: '2026-02-04T17:00:00Z',
    location: 'Rådhuset',
    audience: 'member',
    generatedAt: '2026-02-01T12:00:00Z',
    lang: 'da',
  });
  const files = [cover, ...Array.from({ length: FILES - 1 }, (_, i) => proposal(i === 0 ? 3 : 6 + (i % 16)))];
  files.forEach((pdf, f) => fs.writeFileSync(path.join(dir, `${String(f + 1).padStart(2, '0')}.pdf`), pdf));
}

function packageInput(files: Uint8Array[]): PackageInput {
  const [cover, agenda, ...attachments] = files;
  // 38 attachments over 12 items, most with three or four.
  const items: PackageInput['items'] = [];
  attachments.forEach((pdf, i) => {
    const n = Math.floor((i * 12) / attachments.length);
    items[n] ??= { bookmark: `Punkt ${n + 3}: Årshjul for opfølgning på mål og økonomi ${n + 1}`, parts: [] };
    const m = items[n].parts.length + 1;
    const name = `Bilag ${m}: Økonomisk opfølgning – bilag ${i + 1}.pdf`;
    items[n].parts.push({ bookmark: name, stamp: `Punkt ${n + 3}, ${name}`, source: { pdf } });
  });
  return { title: 'Mødepakke: Udvalgsmøde 4. februar 2026', lang: 'da', cover, agenda, items };
}

const readAll = (names: string[]) => names.map((f) => new Uint8Array(fs.readFileSync(f)));

async function buildOnce(dir: string) {
  const { assemblePackage } = await import('../src/documents/package/assemble.ts');
  const names = fs
    .readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));
  const before = peakRss();
  await assemblePackage(packageInput(readAll(names)));
  process.stdout.write(JSON.stringify({ before, peak: peakRss() }));
}

/** The server's way: the package built in its worker thread, a few times over; the whole process's peak. */
async function buildInWorker(dir: string) {
  const { assembleInWorker, stopPackageWorker } = await import('../src/documents/package/in-worker.ts');
  const names = fs
    .readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));
  const before = peakRss();
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    await assembleInWorker(packageInput(readAll(names)));
    if (i > 0) times.push(performance.now() - t);
  }
  await stopPackageWorker();
  process.stdout.write(JSON.stringify({ before, peak: peakRss(), ms: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] }));
}

const mode = process.argv[2];
if (mode === '--generate') await generate(process.argv[3]);
else if (mode === '--generate-tagged') await generateTagged(process.argv[3]);
else if (mode === '--build-once') await buildOnce(process.argv[3]);
else if (mode === '--in-worker') await buildInWorker(process.argv[3]);
else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-package-bench-'));
  const filesIn = (name: string, generator: string) => {
    const inDir = path.join(dir, name);
    fs.mkdirSync(inDir);
    execFileSync(process.execPath, ['--import', 'tsx', self, generator, inDir], { stdio: 'inherit' });
    return fs
      .readdirSync(inDir)
      .sort()
      .map((f) => path.join(inDir, f));
  };
  const inDir = path.join(dir, 'in');
  const names = filesIn('in', '--generate');
  const taggedNames = filesIn('tagged', '--generate-tagged');
  const bytesOf = (files: string[]) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const inputBytes = bytesOf(names);

  const { assemblePackage } = await import('../src/documents/package/assemble.ts');
  const rssLoaded = process.memoryUsage().rss;
  const pagesOf = (f: string) => Number(execFileSync('qpdf', ['--show-npages', f], { encoding: 'utf8' }).trim());
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  /** Ours and qpdf on the same files, alternately; both read the files from disk and write the result to disk. */
  const compare = async (files: string[], name: string) => {
    const ours = path.join(dir, `${name}-package.pdf`);
    const merged = path.join(dir, `${name}-qpdf.pdf`);
    const oursOnce = async () => fs.writeFileSync(ours, await assemblePackage(packageInput(readAll(files))));
    const qpdfOnce = () => run('qpdf', ['--empty', '--pages', ...files, '--', merged]);
    await qpdfOnce(); // warm-up: caches, JIT
    await oursOnce();
    const oursTimes: number[] = [];
    const qpdfTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      qpdfTimes.push(await time(qpdfOnce));
      oursTimes.push(await time(oursOnce));
    }
    const check = execFileSync('qpdf', ['--check', ours], { encoding: 'utf8' });
    if (!/No syntax or stream encoding errors/.test(check)) throw new Error(`qpdf --check failed on our package:\n${check}`);
    const pages = files.reduce((n, f) => n + pagesOf(f), 0);
    if (pagesOf(ours) !== pages || pagesOf(merged) !== pages) throw new Error(`expected ${pages} pages, got ${pagesOf(ours)} and ${pagesOf(merged)}`);
    if (!/Tagged:\s+yes/.test(execFileSync('pdfinfo', [ours], { encoding: 'utf8' }))) throw new Error('our package is not tagged');
    return { ours: median(oursTimes), qpdf: median(qpdfTimes), oursSize: fs.statSync(ours).size, qpdfSize: fs.statSync(merged).size, pages };
  };
  const plain = await compare(names, 'plain');
  const peak = peakRss();
  const tagged = await compare(taggedNames, 'tagged');

  const capped = JSON.parse(
    execFileSync(process.execPath, ['--max-old-space-size=64', '--max-semi-space-size=2', '--import', 'tsx', self, '--build-once', inDir], {
      encoding: 'utf8',
    }),
  ) as { before: number; peak: number };

  const inWorker = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, '--in-worker', inDir], { encoding: 'utf8' })) as {
    before: number;
    peak: number;
    ms: number;
  };

  const goal = 3 * inputBytes + 150e6;
  const lines = (r: Awaited<ReturnType<typeof compare>>) => {
    console.log(`qpdf --empty --pages (merge only)           ${r.qpdf.toFixed(0).padStart(5)} ms   → ${mb(r.qpdfSize)}`);
    console.log(
      `ours (merge, tags, stamp, number, bookmarks) ${r.ours.toFixed(0).padStart(4)} ms   → ${mb(r.oursSize)}   ${(r.ours / r.qpdf).toFixed(2)}× qpdf (goal ≤ 2×)`,
    );
  };
  console.log(`\nbench:package — ${FILES} PDFs, ${PAGES} pages, ${mb(inputBytes)} in, untagged; median of ${RUNS} after a warm-up`);
  lines(plain);
  console.log(
    `peak RSS ${mb(peak)} (${mb(rssLoaded)} with Node, tsx and the libraries loaded, before the first package)   goal < ${mb(goal)} (3 × input + 150 MB)`,
  );
  console.log(
    `one package with V8's heap capped (--max-old-space-size=64 --max-semi-space-size=2): peak RSS ${mb(capped.peak)}, ${mb(capped.peak - capped.before)} above its start`,
  );
  console.log(
    `the server's way, in the package worker (src/documents/package/in-worker.ts), ${RUNS} packages: ${inWorker.ms.toFixed(0)} ms each, peak RSS of the whole process ${mb(inWorker.peak)} (${mb(inWorker.before)} before)   goal < ${mb(goal)}`,
  );
  console.log(`\ntagged: ${FILES} Typst PDFs (cover and proposals), ${tagged.pages} pages, ${mb(bytesOf(taggedNames))} in; median of ${RUNS} after a warm-up`);
  lines(tagged);
  fs.rmSync(dir, { recursive: true, force: true });
}
