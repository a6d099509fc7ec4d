import type { PlayerSnapshot } from './whepPlayer';

/** LivePlayer.Overlay's `data-state`: the status, except that the creator's end is `ended` and our own stop is `stopped`. */
export type LivePlayerOverlayState = 'idle' | 'connecting' | 'waiting' | 'ended' | 'playing' | 'reconnecting' | 'failed' | 'stopped';

const TEXTS: Partial<Record<PlayerSnapshot['status'], string>> = {
  connecting: 'Connecting…',
  waiting: 'Waiting for the stream to start',
  reconnecting: 'Connection lost, reconnecting…',
  ended: 'Playback stopped',
};

/** What the player says about its state (overlay and live region); null while playing or before start. */
export const playerStatusText = ({ status, streamEnded, error }: PlayerSnapshot): string | null =>
  status === 'failed' ? (error?.message ?? '') : status === 'waiting' && streamEnded ? 'The stream has ended' : (TEXTS[status] ?? null);

export const overlayState = ({ status, streamEnded }: PlayerSnapshot): LivePlayerOverlayState =>
  status === 'waiting' && streamEnded ? 'ended' : status === 'ended' ? 'stopped' : status;
