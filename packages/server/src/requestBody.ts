import type { IncomingMessage } from 'node:http';
import { ErrorCode } from './envelope.js';
import { HttpError } from './httpError.js';

/** SDP offers are a few KiB; anything near this is hostile. */
export const MAX_SDP_BYTES = 64 * 1024;
/** Live input bodies hold a name and a few settings. */
export const MAX_JSON_BYTES = 64 * 1024;

/**
 * Reads the whole body, refusing (413) as soon as it exceeds `limit` bytes. The request is left
 * open (paused), not destroyed, so the refusal can still be delivered (requestHandler drains it).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    // The client hung up mid-body: nobody is left to answer, but the handler must not go on.
    const onClose = () => {
      stop();
      reject(new HttpError(400, 'Request body was cut off', ErrorCode.invalidBody));
    };
    req.on('data', onData).on('end', onEnd).on('close', onClose);
  });
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req, MAX_JSON_BYTES);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON', ErrorCode.invalidBody);
  }
}

/** The media type of a request, lower-case, without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

const tooLarge = (limit: number) => new HttpError(413, `Request body exceeds ${limit} bytes`, ErrorCode.bodyTooLarge);

/** An SDP body (`application/sdp`), else 415 naming what we accept. */
export async function readSdp(req: IncomingMessage): Promise<string> {
  if (mediaType(req) !== 'application/sdp') {
    throw new HttpError(415, 'Content-Type must be application/sdp', ErrorCode.invalidBody, { 'Accept-Post': 'application/sdp' });
  }
  return readBody(req, MAX_SDP_BYTES);
}
