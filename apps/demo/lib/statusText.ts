import type { OnairError, WhepStatus, WhipStatus } from '@onair/core';
import type { CameraStatus } from '../components/useCamera';

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
      return 'Stream stopped. Press Go live to start again.';
    case 'failed':
      return 'Could not go live.';
  }
}

/** The creator's status line before going live, while the camera is not ready. */
export function cameraStatusText(status: CameraStatus): string {
  switch (status) {
    case 'off':
      return 'Turn on your camera and microphone to go live. Nothing is sent until you press Go live.';
    case 'starting':
      return 'Starting your camera and microphone…';
    case 'on':
      return 'Camera ready.';
    case 'failed':
      return 'Your camera is off, so you cannot go live yet.';
  }
}

/** One line for the viewer's status region. */
export function whepStatusText(status: WhepStatus): string {
  switch (status) {
    case 'idle':
      return 'Not playing.';
    case 'connecting':
      return 'Connecting…';
    case 'waiting':
      return 'Waiting for the creator to go live…';
    case 'playing':
      return 'Live.';
    case 'reconnecting':
      return 'Connection lost, reconnecting…';
    case 'ended':
      return 'The stream ended.';
    case 'failed':
      return 'Could not play this stream.';
  }
}

/** The viewer's short badge beside the title. */
export function whepBadgeText(status: WhepStatus): string {
  switch (status) {
    case 'playing':
      return 'Live';
    case 'waiting':
      return 'Waiting';
    case 'connecting':
      return 'Connecting';
    case 'reconnecting':
      return 'Reconnecting';
    case 'failed':
      return 'Error';
    case 'idle':
    case 'ended':
      return 'Off air';
  }
}

/** Why a WHIP/WHEP session failed, phrased for the person in front of it. */
export function sessionErrorMessage(error: OnairError, action: 'go live' | 'play this stream'): string {
  switch (error.kind) {
    case 'network':
    case 'cors':
    case 'timeout':
      return `Could not ${action}: the media server did not answer. Is it running? (${error.message})`;
    case 'permission-denied':
    case 'device-not-found':
    case 'device-in-use':
      return `Could not ${action}: ${error.message}`;
    default:
      return `Could not ${action}: ${error.message}${error.status ? ` (HTTP ${error.status})` : ''}.`;
  }
}
