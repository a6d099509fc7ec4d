import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { finished } from 'node:stream';
import { applyCors } from './cors.js';
import { ErrorCode, errorEnvelope } from './envelope.js';
import { HttpError } from './httpError.js';
import { setProtocolVersionFor } from './protocolHeaders.js';
import type { RateLimiter } from './rateLimiter.js';
import type { Router } from './router.js';

// Every method that writes (PUT updates a live input).
const RATE_LIMITED_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
      setProtocolVersionFor(res, pathname);
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
  const [contentType, body] = pathname.startsWith('/client/')
    ? ['application/json; charset=utf-8', JSON.stringify(errorEnvelope({ code: httpError.code, message: httpError.message }))]
    : ['application/problem+json', JSON.stringify({ type: 'about:blank', title: STATUS_CODES[httpError.status] ?? 'Error', status: httpError.status, detail: httpError.message })];
  const unread = !req.complete;
  res.writeHead(httpError.status, {
    ...httpError.headers,
    ...(unread ? { Connection: 'close' } : {}),
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  if (unread) endAfterDrain(req, res, body);
  else res.end(body);
}

/** A refused body still arriving is read and discarded up to this many bytes… */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
/** …or for this long, before the connection is cut. */
const DRAIN_MAX_MS = 5_000;

/**
 * Sends the answer to a request whose body we refused unread (too large, refused early), and ends
 * the connection only once that body is in. Closing a socket with unread data makes the kernel
 * send a TCP RST, and the client's kernel then drops our answer before the client reads it
 * (EPIPE/ECONNRESET instead of a 413). Past the bounds the connection is cut anyway.
 */
function endAfterDrain(req: IncomingMessage, res: ServerResponse, body: string): void {
  res.write(body);
  let drained = 0;
  const end = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const cut = () => {
    end();
    req.socket.destroy();
  };
  const timer = setTimeout(cut, DRAIN_MAX_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) cut();
  });
  finished(req, end);
  req.resume();
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
