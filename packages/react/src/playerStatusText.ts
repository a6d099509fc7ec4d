import type { PlayerSnapshot } from './whepPlayer';

const TEXTS: Partial<Record<PlayerSnapshot['status'], string>> = {
  connecting: 'Connecting…',
  waiting: 'Waiting for the stream to start',
  reconnecting: 'Connection lost, reconnecting…',
  ended: 'Playback stopped',
};

/** What the player says about its state (overlay and live region); null while playing or before start. */
export const playerStatusText = ({ status, streamEnded, error }: Pick<PlayerSnapshot, 'status' | 'streamEnded' | 'error'>): string | null =>
  status === 'failed' ? (error?.message ?? '') : status === 'waiting' && streamEnded ? 'The stream has ended' : (TEXTS[status] ?? null);

/** The overlay's `data-state`: the status, except that a creator's end is `ended` and our own stop is `stopped`. */
export const overlayState = ({ status, streamEnded }: Pick<PlayerSnapshot, 'status' | 'streamEnded'>): string =>
  status === 'waiting' && streamEnded ? 'ended' : status === 'ended' ? 'stopped' : status;
