// The one font every generated document uses (DejaVu, shipped as an npm package, never the system's).
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The folder of DejaVu's TTF files. */
export const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const fontFile = (name: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf' | 'DejaVuSans-Oblique.ttf' | 'DejaVuSans-BoldOblique.ttf') => path.join(fontDir, name);
