import type { ServerResponse } from 'node:http';

/** Cloudflare API error codes we emit (documented in README). */
export const ErrorCode = {
  authentication: 10000,
  notFound: 10003,
  invalidBody: 10005,
  bodyTooLarge: 10006,
  methodNotAllowed: 10007,
  rateLimited: 10008,
  internal: 10002,
} as const;

export interface EnvelopeError {
  code: number;
  message: string;
}

/** Cloudflare's response envelope: every API response, success or not, has this shape. */
export interface Envelope<T> {
  result: T | null;
  success: boolean;
  errors: EnvelopeError[];
  messages: string[];
}

export function sendEnvelope<T>(res: ServerResponse, status: number, result: T): void {
  writeJson(res, status, { result, success: true, errors: [], messages: [] } satisfies Envelope<T>);
}

export const errorEnvelope = (error: EnvelopeError): Envelope<never> => ({ result: null, success: false, errors: [error], messages: [] });

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
