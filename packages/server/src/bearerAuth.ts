import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from './envelope.js';
import { HttpError } from './httpError.js';

// Hash both sides so the comparison is constant-time whatever the token lengths are.
const digest = (value: string) => createHash('sha256').update(value).digest();

/** Throws 401 unless the request carries `Authorization: Bearer <token>`. No token configured: open. */
export function requireBearer(req: IncomingMessage, token: string | undefined): void {
  if (token === undefined) return;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1] || !timingSafeEqual(digest(match[1]), digest(token))) {
    throw new HttpError(401, 'Authentication error', ErrorCode.authentication, { 'WWW-Authenticate': 'Bearer' });
  }
}
