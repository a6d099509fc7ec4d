import { ErrorCode } from './envelope.js';
import { HttpError } from './httpError.js';
import type { LiveInputSettings, RecordingSettings } from './liveInputStore.js';

const invalid = (message: string) => new HttpError(400, message, ErrorCode.invalidBody);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const MIN_DELETE_RECORDING_AFTER_DAYS = 30;

/**
 * `meta` nested deeper is refused: stored, it would overflow the stack when written back out in
 * every response that lists it (and the envelope adds levels).
 */
export const MAX_META_DEPTH = 32;

/** Whether `value` nests objects or arrays more than `levels` deep (stops looking at the limit). */
function nestsDeeper(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((child) => nestsDeeper(child, levels - 1));
}

/**
 * Validates a create/update body (Cloudflare's shape) over `base`: fields left out keep their
 * current value, so a PUT with only `{enabled: false}` changes only that.
 */
export function parseLiveInputBody(body: unknown, base: LiveInputSettings): LiveInputSettings {
  if (!isObject(body)) throw invalid('Body must be a JSON object');
  const next: LiveInputSettings = { ...base, recording: { ...base.recording } };
  if (body.meta !== undefined) {
    if (!isObject(body.meta)) throw invalid('meta must be an object');
    if (nestsDeeper(body.meta, MAX_META_DEPTH)) throw invalid(`meta must not nest more than ${MAX_META_DEPTH} levels deep`);
    next.meta = body.meta;
  }
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== 'boolean') throw invalid('enabled must be a boolean');
    next.enabled = body.enabled;
  }
  if (body.defaultCreator !== undefined) {
    if (body.defaultCreator !== null && typeof body.defaultCreator !== 'string') throw invalid('defaultCreator must be a string');
    next.defaultCreator = body.defaultCreator;
  }
  if (body.deleteRecordingAfterDays !== undefined) {
    const days = body.deleteRecordingAfterDays;
    // Cloudflare's API: a number, minimum 30.
    if (days !== null && (typeof days !== 'number' || !Number.isFinite(days) || days < MIN_DELETE_RECORDING_AFTER_DAYS)) {
      throw invalid(`deleteRecordingAfterDays must be a number of at least ${MIN_DELETE_RECORDING_AFTER_DAYS}, or null`);
    }
    next.deleteRecordingAfterDays = days;
  }
  if (body.recording !== undefined) {
    if (!isObject(body.recording)) throw invalid('recording must be an object');
    next.recording = parseRecording(body.recording, next.recording);
  }
  return next;
}

function parseRecording(body: Record<string, unknown>, base: RecordingSettings): RecordingSettings {
  const next = { ...base };
  if (body.mode !== undefined) {
    if (body.mode !== 'off' && body.mode !== 'automatic') throw invalid('recording.mode must be "off" or "automatic"');
    next.mode = body.mode;
  }
  if (body.timeoutSeconds !== undefined) {
    if (typeof body.timeoutSeconds !== 'number' || body.timeoutSeconds < 0) throw invalid('recording.timeoutSeconds must be a non-negative number');
    next.timeoutSeconds = body.timeoutSeconds;
  }
  for (const flag of ['requireSignedURLs', 'hideLiveViewerCount'] as const) {
    if (body[flag] !== undefined) {
      if (typeof body[flag] !== 'boolean') throw invalid(`recording.${flag} must be a boolean`);
      next[flag] = body[flag];
    }
  }
  if (body.allowedOrigins !== undefined) {
    const origins = body.allowedOrigins;
    if (origins !== null && !(Array.isArray(origins) && origins.every((o) => typeof o === 'string'))) {
      throw invalid('recording.allowedOrigins must be an array of strings or null');
    }
    next.allowedOrigins = origins;
  }
  return next;
}
