import type { OnairError, WhipStatus } from '@onair/core';
import { cameraErrorMessage, isDeviceError } from './cameraErrorMessage';

/** One line for the creator's status region, read out by screen readers as it changes. */
export function whipStatusText(status: WhipStatus): string {
  switch (status) {
    case 'idle':
      return 'Ready. Nothing is sent until you press Go live.';
    case 'connecting':
      return 'Connecting to the server…';
    case 'live':
      return 'You are live. Viewers with the watch link can see you.';
    case 'reconnecting':
      return 'Connection lost, reconnecting…';
    case 'ended':
      return 'Stream stopped. Press Go live again to go back on air.';
    case 'failed':
      return 'Could not go live.';
  }
}

/** Why going live failed, phrased for the person in front of it. */
export function publishErrorMessage(error: OnairError): string {
  if (isDeviceError(error)) return cameraErrorMessage(error);
  switch (error.kind) {
    case 'network':
    case 'cors':
    case 'timeout':
      return `Could not go live: the media server did not answer. Is it running? (${error.message})`;
    default:
      return `Could not go live: ${error.message}${error.status ? ` (HTTP ${error.status})` : ''}.`;
  }
}
