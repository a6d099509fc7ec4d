import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { applyCors } from './cors.js';
import { ErrorCode, sendEnvelopeError } from './envelope.js';
import { HttpError } from './httpError.js';
import type { RateLimiter } from './rateLimiter.js';
import type { Router } from './router.js';

const RATE_LIMITED_METHODS = new Set(['POST', 'PATCH', 'DELETE']);

/**
 * The one place requests enter: CORS on everything, routing, rate limiting, and every thrown error
 * turned into a response (the Cloudflare envelope under `/client/`, problem+json elsewhere), so no
 * input can take the process down.
 */
export function createRequestHandler(router: Router, limiter: RateLimiter | null, log: (message: string) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applyCors(res);
    let pathname = '/';
    try {
      const url = parseTarget(req.url);
      pathname = url.pathname;
      const method = req.method ?? 'GET';
      if (limiter && RATE_LIMITED_METHODS.has(method)) {
        const wait = limiter.take(req.socket.remoteAddress ?? 'unknown');
        if (wait > 0) throw new HttpError(429, 'Too many requests; slow down', ErrorCode.rateLimited, { 'Retry-After': String(wait) });
      }
      const match = router.match(method, pathname);
      if (!match) throw new HttpError(404, 'Not found', ErrorCode.notFound);
      if (!match.handler) {
        // OPTIONS on a path without its own: a plain CORS preflight.
        res.writeHead(204, { Allow: [...match.allowed, 'OPTIONS'].join(', ') }).end();
        return;
      }
      await match.handler({ req, res, url, params: match.params });
    } catch (error) {
      writeError(req, res, pathname, error, log);
    }
  };
}

function writeError(req: IncomingMessage, res: ServerResponse, pathname: string, error: unknown, log: (message: string) => void): void {
  const known = error instanceof HttpError;
  if (!known) log(`internal error on ${req.method} ${pathname.replace(/^\/[0-9a-f]{32}\/webRTC\/publish/, '/<secret>/webRTC/publish')}: ${(error as Error)?.stack ?? String(error)}`);
  const httpError = known ? error : new HttpError(500, 'Internal server error', ErrorCode.internal);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A body we stopped reading (too large, refused early): discard the rest and drop the connection.
  if (!req.complete) {
    res.setHeader('Connection', 'close');
    req.resume();
  }
  if (pathname.startsWith('/client/')) {
    sendEnvelopeError(res, httpError.status, { code: httpError.code, message: httpError.message }, httpError.headers);
    return;
  }
  const body = JSON.stringify({ type: 'about:blank', title: STATUS_CODES[httpError.status] ?? 'Error', status: httpError.status, detail: httpError.message });
  res.writeHead(httpError.status, { ...httpError.headers, 'Content-Type': 'application/problem+json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The request target as a URL; `//x` would otherwise read as a host, and garbage as a crash. */
function parseTarget(target = '/'): URL {
  if (!target.startsWith('/')) throw new HttpError(400, 'Malformed request target', ErrorCode.invalidBody);
  try {
    return new URL(`http://localhost${target}`);
  } catch {
    throw new HttpError(400, 'Malformed request target', ErrorCode.invalidBody);
  }
}
