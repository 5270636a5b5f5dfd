// What Rådslag's Word documents share: A4 pages, the municipality and the title in the header,
// "side x af y" from Word's page fields in the footer, the document's language and title, one
// numbered-list definition, and bold/plain spans as runs. Text always enters as run text (data).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  type FileChild,
} from 'docx';
import type { Lang } from './format.ts';

/** The numbering definition for numbered lists (at-points, the short agenda); one instance per list. */
const NUMBERED = 'numbered';
const CM = 567; // twips
const PAGE_WIDTH = 11906;
const MARGIN = Math.round(2.2 * CM);
/** Paragraphs are 6 pt apart; the items of a list 2 pt. */
const LIST_SPACING = { after: 40 };

/** Makes numbered lists ("1.", "2.", …) for one document: each call is a new list, restarting at 1. */
export function numberedLists(): (items: TextRun[][]) => Paragraph[] {
  let instance = 0;
  return (items) => {
    instance += 1;
    return items.map((children) => new Paragraph({ children, numbering: { reference: NUMBERED, level: 0, instance }, spacing: LIST_SPACING }));
  };
}

export const bulletList = (items: TextRun[][]): Paragraph[] =>
  items.map((children) => new Paragraph({ children, bullet: { level: 0 }, spacing: LIST_SPACING }));

export const heading = (level: 1 | 2, text: string, opts: { allCaps?: boolean } = {}): Paragraph =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [new TextRun({ text, allCaps: opts.allCaps })],
  });

export const runs = (spans: { text: string; bold?: boolean }[]): TextRun[] => spans.map((s) => new TextRun({ text: s.text, bold: s.bold }));

export const para = (children: TextRun[], opts: { spaceAfter?: number } = {}): Paragraph =>
  new Paragraph({ children, spacing: opts.spaceAfter === undefined ? undefined : { after: opts.spaceAfter } });

/** Multi-line user text as the PDFs read it: "• " or "- " lines become bullets, the rest paragraphs; `lead` opens the first paragraph. */
export function textLines(text: string, lead?: TextRun): Paragraph[] {
  const out: Paragraph[] = [];
  let leadUsed = !lead;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('•') || line.startsWith('- ')) {
      if (!leadUsed) out.push(para([lead!]));
      leadUsed = true;
      out.push(...bulletList([[new TextRun(line.replace(/^[•-]+\s*/, ''))]]));
    } else if (line !== '') {
      out.push(para(leadUsed ? [new TextRun(line)] : [lead!, new TextRun(` ${line}`)]));
      leadUsed = true;
    }
  }
  if (!leadUsed) out.push(para([lead!]));
  return out;
}

export interface DocxFrame {
  lang: Lang;
  municipality: string;
  /** The document's title (its properties) … */
  title: string;
  /** … and the header's, when that should be shorter. */
  running?: string;
  /** ["side", "af"] */
  pages: [string, string];
  children: FileChild[];
}

export function docxBuffer(f: DocxFrame): Promise<Buffer> {
  const grey = { color: '444444', size: 16 };
  const doc = new Document({
    title: f.title,
    creator: f.municipality,
    styles: {
      default: {
        document: {
          run: { language: { value: f.lang === 'da' ? 'da-DK' : 'en-GB' }, size: 20, font: 'Arial' },
          paragraph: { spacing: { after: 120 } },
        },
        heading1: { run: { size: 32, bold: true }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { size: 24, bold: true }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
      },
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 454, hanging: 340 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE_WIDTH, height: 16838 }, margin: { top: Math.round(2.6 * CM), bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                tabStops: [{ type: TabStopType.RIGHT, position: PAGE_WIDTH - 2 * MARGIN }],
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 2 } },
                children: [new TextRun({ text: f.municipality, ...grey }), new TextRun({ children: [new Tab(), f.running ?? f.title], ...grey })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: [`${f.pages[0]} `, PageNumber.CURRENT, ` ${f.pages[1]} `, PageNumber.TOTAL_PAGES], ...grey })],
              }),
            ],
          }),
        },
        children: f.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
