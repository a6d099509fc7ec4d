import { fetchFailed, OnairError } from './errors';
import { parseRetryAfter } from './retryAfter';

/** A bearer token, or a function returning one (called again once after a 401). */
export type TokenSource = string | (() => string | Promise<string>);

export interface HttpOptions {
  token?: TokenSource;
  fetch?: typeof fetch;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
}

export interface HttpRequest {
  /** No body at all when undefined: a string body, even '', makes fetch add `Content-Type: text/plain`. */
  body?: string;
  type?: string;
  headers?: Record<string, string>;
  keepalive?: boolean;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends one request; returns the response whatever its status (callers decide), throws only when no
 * response arrived. Never aborted from outside: a request that reached the server may have created
 * something (a session to DELETE), so callers wait for its answer.
 */
export type HttpSend = (method: string, url: string, request?: HttpRequest) => Promise<Response>;

/**
 * WHIP/WHEP HTTP: bearer only when configured, one retry after 401, typed errors. Busy answers
 * (429, 503 + Retry-After) are the callers' to retry: they know whether trying again makes sense.
 */
export function createHttp({ token: source, fetch: doFetch, timeoutMs = REQUEST_TIMEOUT_MS }: HttpOptions): HttpSend {
  let token = typeof source === 'string' ? source : undefined;
  return async (method, url, request = {}) => {
    for (let refreshed = false; ; refreshed = true) {
      if (token === undefined && typeof source === 'function') token = await source();
      const headers: Record<string, string> = { ...request.headers };
      if (request.type) headers['Content-Type'] = request.type;
      if (token) headers.Authorization = `Bearer ${token}`;
      // A timer, not AbortSignal.timeout/any: Safari 16 has neither everywhere.
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMs);
      let response: Response;
      try {
        response = await (doFetch ?? fetch)(url, { method, headers, body: request.body, keepalive: request.keepalive, signal: timeout.signal });
      } catch (error) {
        throw fetchFailed(error, timeout.signal.aborted);
      } finally {
        clearTimeout(timer);
      }
      if (response.status !== 401 || typeof source !== 'function' || refreshed) return response;
      token = undefined;
    }
  };
}

/** An OnairError for a non-2xx response, with RFC 9457 problem details when the body has them. */
export async function httpError(response: Response, what: string): Promise<OnairError> {
  const text = await response.text().catch(() => '');
  let problem: unknown = text || undefined;
  try {
    problem = JSON.parse(text);
  } catch {
    // Not JSON: the text itself is the detail.
  }
  // Non-objects (text, numbers) have neither property.
  const { detail, title } = (problem ?? {}) as { detail?: string; title?: string };
  return new OnairError('http', `${what}: HTTP ${response.status} ${detail ?? title ?? response.statusText}`.trim(), {
    status: response.status,
    problem,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}

/** Errors that may pass by trying again later (the server restarting or busy); 4xx will not. */
export const retryable = (e: OnairError) =>
  e.kind === 'network' || e.kind === 'timeout' || (e.kind === 'http' && (e.status! >= 500 || e.status === 408 || e.status === 429));
