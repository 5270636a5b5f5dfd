// The one way the web app talks to the server: JSON in and out, same-origin cookies, typed errors.
import type { ApiError as ApiErrorBody } from '../../src/meetings/schemas.ts';
import { nextFromLink } from '../../src/shared/paging.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** What the client needs to resolve the error, e.g. the meetings a plan approval must ask about. */
  readonly details: unknown;
  /** Why, as a stable reason with its params (src/shared/reasons.ts); the text is the catalog's. */
  readonly reason: string | undefined;
  readonly params: Record<string, string | number>;

  constructor(status: number, code: string, message: string, field?: string, details?: unknown, reason?: string, params?: Record<string, string | number>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
    this.reason = reason;
    this.params = params ?? {};
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(method: Method, path: string, payload?: unknown): Promise<T> {
  return (await call(method, path, payload)).data as T;
}

/** A page of a list that answers with an array: the rows, and the next page's cursor from its Link header (README "API"). */
export async function getPage<T>(path: string): Promise<{ items: T[]; next: string | null }> {
  const { data, link } = await call('GET', path);
  return { items: data as T[], next: nextFromLink(link) };
}

async function call(method: Method, path: string, payload?: unknown): Promise<{ data: unknown; link: string | null }> {
  // Every change is JSON (the server refuses a bodyless POST, a form another site could send): an action sends {}.
  const body = payload === undefined && method !== 'GET' && method !== 'DELETE' ? {} : payload;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (res.status === 204) return { data: undefined, link: null };
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const error = (data as Partial<ApiErrorBody> | undefined)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? `http_${res.status}`,
      error?.message ?? res.statusText,
      error?.field,
      error?.details,
      error?.reason,
      error?.params,
    );
  }
  return { data, link: res.headers.get('link') };
}

export const get = <T>(path: string) => api<T>('GET', path);
