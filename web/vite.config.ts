import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/**
 * Writes a brotli (best quality) and a gzip copy beside every text file of the build, which the
 * server sends to browsers that accept them (src/http/static.ts): compressed once here, not per request.
 */
function precompress(): Plugin {
  const text = /\.(js|css|html|svg|json|txt|webmanifest)$/;
  let built = outDir;
  return {
    name: 'raadslag-precompress',
    apply: 'build',
    configResolved(config) {
      built = path.resolve(webDir, config.build.outDir);
    },
    writeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(built).filter((f) => text.test(f))) {
        const body = fs.readFileSync(file);
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(body, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webDir,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each page loads (src/http/static.test.ts weighs the public ones).
    manifest: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
