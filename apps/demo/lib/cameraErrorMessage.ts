import type { OnairError } from '@onair/core';

const DEVICE_ERRORS: ReadonlySet<OnairError['kind']> = new Set(['permission-denied', 'device-not-found', 'device-in-use', 'unsupported']);

/** A camera or microphone failure (getUserMedia's), rather than the media server's. */
export const isDeviceError = (error: OnairError): boolean => DEVICE_ERRORS.has(error.kind);

/** What to tell a person whose camera or microphone could not start, and what to do about it. */
export function cameraErrorMessage(error: OnairError): string {
  switch (error.kind) {
    case 'permission-denied':
      return 'Camera or microphone access was blocked. Allow both for this site (the camera icon in the address bar), then try again.';
    case 'device-not-found':
      return 'No camera or microphone was found. Connect one, then try again.';
    case 'device-in-use':
      return 'The camera or microphone is in use by another app. Close it, then try again.';
    case 'unsupported':
      return 'This browser cannot capture the camera here. Use a recent browser over https:// or localhost.';
    default:
      return `The camera could not start: ${error.message}`;
  }
}
