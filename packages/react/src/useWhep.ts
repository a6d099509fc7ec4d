'use client';
import { useEffect } from 'react';
import { WhepSession, type WhepOptions, type WhepStatus } from '@onair/core';
import { IDLE_PLAYER } from './idleSnapshots';
import { requireUrl } from './requireUrl';
import { useSession } from './useSession';
import { useSessionOptions } from './useSessionOptions';
import { useStatusChange } from './useStatusChange';
import { WhepPlayer, type PlaybackSession, type PlayerSnapshot } from './whepPlayer';

export interface UseWhepOptions {
  /** The WHEP endpoint (a live input's `webRTCPlayback.url`). Required unless `session` is given. A new URL makes a new session. */
  url?: string;
  /** Bearer token or a function returning one; read when a request needs it. Default: the OnairProvider's. */
  token?: WhepOptions['token'];
  /** Any other core WhepSession option, read when the session is created. */
  options?: Omit<WhepOptions, 'url' | 'token'>;
  /** Called on every status transition. */
  onStatusChange?: (status: WhepStatus, snapshot: PlayerSnapshot) => void;
  /** Drive this session instead of creating one (a simulated session in stories and tests). */
  session?: PlaybackSession;
  /** Start playing on mount (default true); otherwise call `start()`. */
  autoPlay?: boolean;
  /**
   * Play without sound (default true: browsers autoplay muted video without a click). A change applies
   * to the running player. With false, a browser that blocks sound makes it muted; `unmute()` from a click.
   */
  muted?: boolean;
  /** 0–1 (default 1); a change applies to the running player. */
  volume?: number;
  /** Plays through this speaker (`setSinkId`); e.g. `useMediaDevices({ kind: 'audiooutput' }).selected`. */
  sinkId?: string;
}

/** The player's snapshot, its actions and a ref for the media element. */
export interface UseWhepResult extends PlayerSnapshot {
  /** The creator ended the stream (the player waits for them to come back), as opposed to `reconnecting`: our link broke. */
  ended: boolean;
  /** Subscribes to the stream. Errors land in `error`; a call while playing or starting does nothing. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Call from a click: browsers allow sound after a user gesture. */
  unmute(): void;
  setMuted(muted: boolean): void;
  setVolume(volume: number): void;
  /** Raw stats of the connection (read them normalised with `useStats`). */
  getStats(): Promise<RTCStatsReport | null>;
  /** The connection's receivers (`useStats` reads `latencyMs` from them). */
  getReceivers(): readonly RTCRtpReceiver[];
  /** Put on a `<video>` (or `<audio>`): it shows the stream whenever there is one. */
  videoRef(element: HTMLMediaElement | null): void;
}

/**
 * Plays a stream over WHEP. One session per component and URL; it stops when the component unmounts.
 * The result's actions keep their identity for the session's life.
 */
export function useWhep(options: UseWhepOptions): UseWhepResult {
  const [player, snapshot] = useWhepPlayer(options);
  return {
    ...snapshot,
    ended: snapshot.streamEnded,
    start: player.start,
    stop: player.stop,
    unmute: player.unmute,
    setMuted: player.setMuted,
    setVolume: player.setVolume,
    getStats: player.getStats,
    getReceivers: player.getReceivers,
    videoRef: player.attach,
  };
}

/** useWhep's store itself: LivePlayer's parts share it through context and each reads only what it shows. */
export function useWhepPlayer({
  url,
  token,
  options,
  session,
  autoPlay = true,
  muted,
  volume,
  sinkId,
  onStatusChange,
}: UseWhepOptions): [WhepPlayer, PlayerSnapshot] {
  const sessionOptions = useSessionOptions(token, options);
  const [player, snapshot] = useSession(
    session ?? url,
    () => new WhepPlayer(session ?? new WhepSession({ ...sessionOptions(), url: requireUrl(url, 'useWhep') }), { muted, volume }),
    IDLE_PLAYER,
  );
  useStatusChange(player, onStatusChange);
  useEffect(() => {
    if (autoPlay) void player.start();
  }, [autoPlay, player]);
  useEffect(() => {
    if (muted !== undefined) player.setMuted(muted);
  }, [muted, player]);
  useEffect(() => {
    if (volume !== undefined) player.setVolume(volume);
  }, [volume, player]);
  useEffect(() => player.setSinkId(sinkId), [sinkId, player]);
  return [player, snapshot];
}
