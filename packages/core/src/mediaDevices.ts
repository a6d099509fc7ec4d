import { OnairError, type OnairErrorKind } from './errors';

const KINDS: Record<string, OnairErrorKind> = {
  NotAllowedError: 'permission-denied',
  SecurityError: 'permission-denied',
  NotFoundError: 'device-not-found',
  OverconstrainedError: 'device-not-found',
  NotReadableError: 'device-in-use',
  AbortError: 'device-in-use',
};

const MESSAGES: Partial<Record<OnairErrorKind, string>> = {
  'permission-denied': 'Camera or microphone access was denied: allow it in the browser’s site settings and try again',
  'device-not-found': 'No camera or microphone matches: connect one or relax the constraints',
  'device-in-use': 'The camera or microphone is busy: close other apps or tabs using it and try again',
};

function mediaDevices(): MediaDevices {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices) throw new OnairError('unsupported', 'Media capture needs a browser page served over HTTPS (or localhost)');
  return devices;
}

/**
 * The typed error for a failed capture (`getUserMedia`, `getDisplayMedia` or an app's own): the
 * browser's `NotAllowedError`, `NotReadableError`, … as kinds with a message a person can act on.
 */
export function mediaCaptureError(error: unknown): OnairError {
  if (error instanceof OnairError) return error;
  const kind = KINDS[(error as Error | undefined)?.name ?? ''] ?? 'unsupported';
  return new OnairError(kind, MESSAGES[kind] ?? `Media capture failed: ${(error as Error | undefined)?.message}`, { cause: error });
}

/** navigator.mediaDevices.getUserMedia with typed errors; camera + microphone by default. */
export async function getUserMedia(constraints: MediaStreamConstraints = { audio: true, video: true }): Promise<MediaStream> {
  try {
    return await mediaDevices().getUserMedia(constraints);
  } catch (error) {
    throw mediaCaptureError(error);
  }
}

/** Screen capture with the same typed errors (pair with WhipSession.replaceTrack to share a screen). */
export async function getDisplayMedia(options: DisplayMediaStreamOptions = { video: true }): Promise<MediaStream> {
  try {
    return await mediaDevices().getDisplayMedia(options);
  } catch (error) {
    throw mediaCaptureError(error);
  }
}
