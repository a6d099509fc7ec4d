import type { PlayerSnapshot } from './whepPlayer';

/** What the player says about its state (overlay and live region); null while playing or before start. */
export function playerStatusText({ status, streamEnded, error }: Pick<PlayerSnapshot, 'status' | 'streamEnded' | 'error'>): string | null {
  switch (status) {
    case 'connecting':
      return 'Connecting…';
    case 'waiting':
      return streamEnded ? 'The stream has ended' : 'Waiting for the stream to start';
    case 'reconnecting':
      return 'Connection lost, reconnecting…';
    case 'ended':
      return 'Playback stopped';
    case 'failed':
      return error?.message ?? 'The stream could not be played';
    default:
      return null;
  }
}

/** The overlay's `data-state`: the status, except that a creator's end is `ended` and our own stop is `stopped`. */
export function overlayState({ status, streamEnded }: Pick<PlayerSnapshot, 'status' | 'streamEnded'>): string {
  if (status === 'waiting' && streamEnded) return 'ended';
  return status === 'ended' ? 'stopped' : status;
}
