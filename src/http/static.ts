// The built web app (web/dist) as a visitor's browser gets it: hashed files under /assets/ cached for a
// year and never revalidated (a new build has new names), index.html revalidated on every visit (it
// names the current build), and every text file in the brotli or gzip copy the build wrote beside it
// (web/vite.config.ts: no compression work per request, and brotli at its best level).
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

function cacheHeaders(res: SetHeadersResponse, filePath: string): void {
  const hashed = filePath.split(path.sep).includes('assets');
  res.setHeader('cache-control', hashed ? IMMUTABLE : REVALIDATE);
  // A cache between us and the browser keeps the brotli, gzip and plain copies apart.
  res.setHeader('vary', 'accept-encoding');
}

export async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, { root: webRoot, preCompressed: true, cacheControl: false, setHeaders: cacheHeaders });
}

/** A page of the single-page app: index.html (its compressed copy when the browser takes one), never cached stale. */
export function sendPage(reply: FastifyReply) {
  return reply.header('cache-control', REVALIDATE).type('text/html').sendFile('index.html');
}
