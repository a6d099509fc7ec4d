import type { ServerResponse } from 'node:http';

// Browsers on any origin publish and play; they can only read these headers if exposed.
// Allow-Methods too: some clients (Eyevinn's) read it from a scripted OPTIONS to decide whether to trickle.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match, Accept',
  'Access-Control-Expose-Headers': 'Location, ETag, Link, Accept-Post, Accept-Patch, Retry-After, Expires, protocol-version, Access-Control-Allow-Methods',
  'Access-Control-Max-Age': '86400',
} as const;

export function applyCors(res: ServerResponse): void {
  for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
}
