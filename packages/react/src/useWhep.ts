'use client';
import { useCallback, useEffect } from 'react';
import { WhepSession, type WhepOptions, type WhepStatus, type WhepSnapshot } from '@onair/core';
import { IDLE_WHEP } from './idleSnapshots';
import { requireUrl } from './requireUrl';
import { startOnce } from './startOnce';
import { useSession } from './useSession';
import { useStatusChange } from './useStatusChange';

/** What the React layer needs from a WHEP session: a core WhepSession, or a simulated one in stories and tests. */
export type PlaybackSession = Pick<WhepSession, 'start' | 'stop' | 'subscribe' | 'getSnapshot'>;

export interface UseWhepOptions {
  /** The WHEP endpoint (a live input's `webRTCPlayback.url`). Required unless `session` is given. */
  url?: string;
  token?: WhepOptions['token'];
  /** Any other core WhepSession option. */
  options?: Omit<WhepOptions, 'url' | 'token'>;
  /** Called on every status transition. */
  onStatusChange?: (status: WhepStatus, snapshot: WhepSnapshot) => void;
  /** Drive this session instead of creating one (a simulated session in stories and tests). */
  session?: PlaybackSession;
  /** Start playing on mount (default true); otherwise call `start()`. */
  autoPlay?: boolean;
}

/** The session's snapshot (status, error, the received stream, …), its actions and a ref for the video. */
export interface UseWhepResult extends WhepSnapshot {
  /** Subscribes to the stream. Errors land in `error`; a call while playing or starting does nothing. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Put on a `<video>`: it shows the stream whenever there is one. */
  videoRef(video: HTMLVideoElement | null): void;
}

/**
 * Plays a stream over WHEP. One session per component and URL; it stops when the component unmounts.
 * `token` and `options` are read when the session is created.
 */
export function useWhep({ url, token, options, session: given, autoPlay = true, onStatusChange }: UseWhepOptions): UseWhepResult {
  const [session, snapshot] = useSession(
    given ?? url,
    () => given ?? new WhepSession({ ...options, url: requireUrl(url, 'useWhep'), token }),
    IDLE_WHEP,
  );
  useStatusChange(session, onStatusChange);
  const start = useCallback(() => startOnce(session, () => session.start()), [session]);
  const stop = useCallback(() => session.stop(), [session]);

  useEffect(() => {
    if (autoPlay) void start();
  }, [autoPlay, start]);

  const { stream } = snapshot;
  const videoRef = useCallback(
    (video: HTMLVideoElement | null) => {
      if (video && video.srcObject !== stream) video.srcObject = stream;
    },
    [stream],
  );

  return { ...snapshot, start, stop, videoRef };
}
