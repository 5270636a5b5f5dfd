// Documents rendered by Rådslag: Typst templates filled with JSON data, compiled to tagged PDF.
// User text only ever enters as data (sys.inputs), never as Typst markup.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { fontFile } from './fonts.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fonts = (['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'] as const).map(fontFile);

let compiler: NodeCompiler | undefined;

/** The templates this module knows, by name (files in ./templates). */
export type Template = 'agenda' | 'annual-wheel' | 'attachment' | 'cover' | 'minutes' | 'overview' | 'proposal' | 'slides';

/** Renders a template with data to a PDF. Throws with Typst's message when the template fails. */
export function renderPdf(template: Template, data: unknown): Buffer {
  compiler ??= NodeCompiler.create({ workspace: path.join(here, 'templates'), fontArgs: [{ fontPaths: fonts }] });
  const doc = compiler.compile({ mainFilePath: path.join(here, 'templates', `${template}.typ`), inputs: { data: JSON.stringify(data) } });
  const result = doc.result;
  if (!result) {
    const message = (doc.takeError() ?? doc.takeDiagnostics())?.shortDiagnostics?.map((d: { message?: string }) => d.message).join('; ');
    throw new Error(`could not render ${template}: ${message ?? 'unknown error'}`);
  }
  return compiler.pdf(result);
}
