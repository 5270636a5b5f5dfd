import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/** Where the person making this request reaches the app: PUBLIC_URL, or the request's own address. */
export const publicBase = (config: Config, req: FastifyRequest): string => config.publicUrl ?? `${req.protocol}://${req.host}`;
