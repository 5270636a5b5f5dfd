// npm run bench:package — a meeting package of 40 PDFs with 1,000 pages between them (A4 both ways,
// A3, some pages rotated, each page with text and a vector drawing): cover, agenda and 38
// attachments, stamped, numbered and bookmarked; and in the same run qpdf merging the same files
// (`qpdf --empty --pages f1 f2 … -- out.pdf`) as the baseline. Goal: at most 2× qpdf's time, and
// peak memory under 3× the input + 150 MB.
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

const mode = process.argv[2];
if (mode === '--generate') await generate(process.argv[3]);
else if (mode === '--build-once') await buildOnce(process.argv[3]);
else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-package-bench-'));
  const inDir = path.join(dir, 'in');
  fs.mkdirSync(inDir);
  execFileSync(process.execPath, ['--import', 'tsx', self, '--generate', inDir], { stdio: 'inherit' });
  const names = fs
    .readdirSync(inDir)
    .sort()
    .map((f) => path.join(inDir, f));
  const inputBytes = names.reduce((n, f) => n + fs.statSync(f).size, 0);

  const { assemblePackage } = await import('../src/documents/package/assemble.ts');
  const rssLoaded = process.memoryUsage().rss;
  const ours = path.join(dir, 'package.pdf');
  const merged = path.join(dir, 'qpdf.pdf');
  // Both read the files from disk and write the result to disk.
  const oursOnce = async () => fs.writeFileSync(ours, await assemblePackage(packageInput(readAll(names))));
  const qpdfOnce = () => run('qpdf', ['--empty', '--pages', ...names, '--', merged]);
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  await qpdfOnce(); // warm-up: caches, JIT
  await oursOnce();
  const oursTimes: number[] = [];
  const qpdfTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    qpdfTimes.push(await time(qpdfOnce));
    oursTimes.push(await time(oursOnce));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const peak = peakRss();

  const pagesOf = (f: string) => Number(execFileSync('qpdf', ['--show-npages', f], { encoding: 'utf8' }).trim());
  const check = execFileSync('qpdf', ['--check', ours], { encoding: 'utf8' });
  if (!/No syntax or stream encoding errors/.test(check)) throw new Error(`qpdf --check failed on our package:\n${check}`);
  if (pagesOf(ours) !== PAGES || pagesOf(merged) !== PAGES) throw new Error(`expected ${PAGES} pages, got ${pagesOf(ours)} and ${pagesOf(merged)}`);

  const capped = JSON.parse(
    execFileSync(process.execPath, ['--max-old-space-size=64', '--max-semi-space-size=2', '--import', 'tsx', self, '--build-once', inDir], {
      encoding: 'utf8',
    }),
  ) as { before: number; peak: number };

  const o = median(oursTimes);
  const q = median(qpdfTimes);
  const goal = 3 * inputBytes + 150e6;
  console.log(`\nbench:package — ${FILES} PDFs, ${PAGES} pages, ${mb(inputBytes)} in; median of ${RUNS} after a warm-up`);
  console.log(`qpdf --empty --pages (merge only)           ${q.toFixed(0).padStart(5)} ms   → ${mb(fs.statSync(merged).size)}`);
  console.log(
    `ours (merge, stamp, number, bookmarks)      ${o.toFixed(0).padStart(5)} ms   → ${mb(fs.statSync(ours).size)}   ${(o / q).toFixed(2)}× qpdf (goal ≤ 2×)`,
  );
  console.log(
    `peak RSS ${mb(peak)} (${mb(rssLoaded)} with Node, tsx and the libraries loaded, before the first package)   goal < ${mb(goal)} (3 × input + 150 MB)`,
  );
  console.log(
    `one package with V8's heap capped (--max-old-space-size=64 --max-semi-space-size=2): peak RSS ${mb(capped.peak)}, ${mb(capped.peak - capped.before)} above its start`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}
