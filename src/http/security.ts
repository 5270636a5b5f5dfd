// The HTTP edge: which proxy headers count, where a change may come from and in what form,
// how long a client may take to send a request, and HSTS.
//
// - X-Forwarded-For/-Host/-Proto count only from the proxies TRUST_PROXY names (default none):
//   the login rate limit, calendar links and the secure cookie read the socket otherwise.
// - CSRF: a POST/PUT/PATCH/DELETE is refused (403 forbidden_origin) when the browser says it comes
//   from another site (Sec-Fetch-Site cross-site or same-site: a sibling subdomain is another site
//   too) or its Origin is not the app's own (PUBLIC_URL's origin, else the request's host as
//   trusted). A request with neither header did not come from a browser page (every browser sends
//   Origin on these methods, and Sec-Fetch-Site): curl, scripts and calendar clients go through,
//   with or without a session cookie, as a page on another site cannot send such a request.
// - POST/PUT/PATCH carry JSON or multipart/form-data (415 otherwise, and without a body): the
//   forms another site can send (text/plain, urlencoded, an empty POST) are never taken.
// - One exception, RFC 8058's one-click unsubscribe (POST /abonnement/afmeld?token=…): a mail
//   provider posts `List-Unsubscribe=One-Click` as a form, from its own servers. The token in the
//   address is the only authority there is, so neither origin nor form type protects anything.
// - Timeouts: headers within HEADERS_TIMEOUT_SECONDS; a body must keep coming (at least 16 KiB per
//   BODY_TIMEOUT_SECONDS: a progress timeout, so a large upload on a slow but steady link goes
//   through, while a trickle is cut); an idle connection is closed after IDLE_TIMEOUT_SECONDS.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError, why } from './errors.ts';

/** Fastify's own options for the edge: proxy trust and the server's timeouts. */
export function serverOptions(config: Config) {
  const { http } = config;
  return {
    trustProxy: http.trustProxy,
    // A socket with no traffic either way (a live stream turns this off and sends heartbeats).
    connectionTimeout: http.idleTimeoutMs,
    keepAliveTimeout: 5_000,
    // No total limit on receiving a request: an upload may take long on a slow link; headers have
    // their own limit, and a body must keep progressing (watchBody).
    requestTimeout: 0,
    http: {
      headersTimeout: http.headersTimeoutMs,
      // How often Node checks the headers timeout (its default, 30 s, let a slow client hold a
      // connection up to 30 s past the limit).
      connectionsCheckingInterval: Math.min(1_000, http.headersTimeoutMs),
    },
  };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const BODY_TYPES = new Set(['application/json', 'multipart/form-data']);
/** Where a subscriber's mail program unsubscribes with one POST (src/publication/subscriptions/routes.ts). */
export const ONE_CLICK_UNSUBSCRIBE = '/abonnement/afmeld';
/** A body must advance by at least this much per BODY_TIMEOUT_SECONDS. */
export const BODY_MIN_BYTES = 16 * 1024;

const originOf = (url: string): string | null => {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
};

/** The app's own origin: PUBLIC_URL's, else the one this request was made to (as trusted). */
export const appOrigin = (config: Config, req: FastifyRequest): string | null => originOf(config.publicUrl ?? `${req.protocol}://${req.host}`);

const hasBody = (raw: IncomingMessage) => raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length'] ?? 0) > 0;

/** Refuses a change another site's page could have sent (see the top of this file). */
export function checkOrigin(config: Config, req: FastifyRequest): void {
  if (!STATE_CHANGING.has(req.method)) return;
  if (req.method === 'POST' && req.url.split('?')[0] === ONE_CLICK_UNSUBSCRIBE) return;
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (site === 'cross-site' || site === 'same-site') throw new AppError('forbidden_origin', why('request.cross_origin', { from: origin ?? site }));
  if (origin !== undefined && (originOf(origin) === null || originOf(origin) !== appOrigin(config, req))) {
    throw new AppError('forbidden_origin', why('request.cross_origin', { from: origin }));
  }
  if (!WITH_BODY.has(req.method)) return;
  if (!hasBody(req.raw)) throw new AppError('unsupported_media_type', why('request.body_missing'));
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!BODY_TYPES.has(type)) throw new AppError('unsupported_media_type', why('request.content_type', { type: type || 'none' }));
}

/**
 * Cuts a request whose body stops coming: every `windowMs` it must have advanced by BODY_MIN_BYTES
 * (or be complete). Time the server itself takes to read what arrived does not count.
 */
export function watchBody(req: FastifyRequest, windowMs: number): void {
  const raw = req.raw;
  if (raw.complete || !hasBody(raw)) return;
  const socket = raw.socket;
  // app.inject's requests have no real socket to watch.
  if (typeof socket?.bytesRead !== 'number') return;
  let seen = socket.bytesRead;
  const timer = setInterval(() => {
    if (raw.complete || socket.destroyed) return clearInterval(timer);
    const read = socket.bytesRead;
    // Bytes waiting in the request's buffer: the server is the slow one, not the client.
    if (read - seen < BODY_MIN_BYTES && raw.readableLength === 0) {
      clearInterval(timer);
      req.log.info({ received: read - seen, windowMs }, 'request body stalled: connection closed');
      socket.destroy();
      return;
    }
    seen = read;
  }, windowMs);
  timer.unref();
  raw.once('close', () => clearInterval(timer));
}

/** HSTS only over HTTPS (as trusted): a browser ignores it over HTTP, and a wrong one locks out subdomains. */
export function hsts(config: Config, req: FastifyRequest, reply: FastifyReply): void {
  if (req.protocol !== 'https') return;
  reply.header('strict-transport-security', `max-age=31536000${config.http.hstsIncludeSubDomains ? '; includeSubDomains' : ''}`);
}

/** The edge's hooks, for every route. */
export function registerEdge(app: FastifyInstance, config: Config): void {
  app.addHook('onRequest', async (req) => {
    watchBody(req, config.http.bodyTimeoutMs);
    checkOrigin(config, req);
  });
  app.addHook('onSend', async (req, reply) => {
    hsts(config, req, reply);
  });
}
