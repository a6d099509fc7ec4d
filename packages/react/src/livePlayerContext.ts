'use client';
import { createContext, useContext, useSyncExternalStore, type RefObject } from 'react';
import { IDLE_PLAYER } from './idleSnapshots';
import type { PlayerSnapshot, WhepPlayer } from './whepPlayer';

export interface LivePlayerContextValue {
  player: WhepPlayer;
  /** The root element: what goes full screen. */
  root: RefObject<HTMLDivElement | null>;
  /** The player starts by itself; without it, the overlay offers Play before the first start. */
  autoPlay: boolean;
}

export const LivePlayerContext = createContext<LivePlayerContextValue | null>(null);

export function useLivePlayerContext(): LivePlayerContextValue {
  const context = useContext(LivePlayerContext);
  if (!context) throw new TypeError('Put LivePlayer parts inside LivePlayer.Root');
  return context;
}

/**
 * One value of the player's state, for a part: the part re-renders only when that value changes
 * (a viewer-count update does not re-render the mute button, nothing re-renders the video).
 */
export function usePlayerState<T>(select: (snapshot: PlayerSnapshot) => T): T {
  const { player } = useLivePlayerContext();
  return useSyncExternalStore(
    player.subscribe,
    () => select(player.getSnapshot()),
    () => select(IDLE_PLAYER),
  );
}
