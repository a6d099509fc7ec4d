import type { ServerResponse } from 'node:http';

// Browsers on any origin publish and play; they can only read these headers if exposed.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match, Accept',
  'Access-Control-Expose-Headers': 'Location, ETag, Link, Accept-Post, Accept-Patch, Retry-After, Expires, protocol-version',
  'Access-Control-Max-Age': '86400',
} as const;

export function applyCors(res: ServerResponse): void {
  for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
}
