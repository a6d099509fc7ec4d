'use client';
import { useCallback, useEffect, useRef } from 'react';
import { WhipSession, type WhipOptions, type WhipStatus, type WhipSnapshot } from '@onair/core';
import { CameraPublisher, cameraAndMicrophone, type PublishSession } from './cameraPublisher';
import { IDLE_WHIP } from './idleSnapshots';
import { requireUrl } from './requireUrl';
import { useSession } from './useSession';
import { useStatusChange } from './useStatusChange';

export interface UseWhipOptions {
  /** The WHIP endpoint (a live input's `webRTC.url`). Required unless `session` is given. */
  url?: string;
  token?: WhipOptions['token'];
  /** Any other core WhipSession option (ICE servers, codecs, an RTCPeerConnection constructor…). */
  options?: Omit<WhipOptions, 'url' | 'token'>;
  /** Called on every status transition. */
  onStatusChange?: (status: WhipStatus, snapshot: WhipSnapshot) => void;
  /** Drive this session instead of creating one (a simulated session in stories and tests). */
  session?: PublishSession;
  /** Where media comes from when `start()` is called without a stream; default: camera + microphone. */
  getStream?: () => Promise<MediaStream>;
}

/** The session's snapshot (status, error, the stream being published for a preview, …) and its actions. */
export interface UseWhipResult extends WhipSnapshot {
  /** Goes live with `stream`, or with the camera and microphone. Errors land in `error`; a second call does nothing. */
  start(stream?: MediaStream): Promise<void>;
  /** Ends the broadcast (DELETEs the session) and releases the camera if the hook took it. */
  stop(): Promise<void>;
}

/**
 * Publishes over WHIP. One session per component and URL; it stops when the component unmounts.
 * `token` and `options` are read when the session is created.
 */
export function useWhip({ url, token, options, session, getStream, onStatusChange }: UseWhipOptions): UseWhipResult {
  const [publisher, snapshot] = useSession(
    session ?? url,
    () => new CameraPublisher(session ?? new WhipSession({ ...options, url: requireUrl(url, 'useWhip'), token })),
    IDLE_WHIP,
  );
  useStatusChange(publisher, onStatusChange);
  // The latest getStream (say, another camera was picked) without changing `start`'s identity.
  const getStreamRef = useRef(getStream);
  useEffect(() => {
    getStreamRef.current = getStream;
  }, [getStream]);
  const start = useCallback(
    (stream?: MediaStream) => publisher.start(stream ?? getStreamRef.current ?? cameraAndMicrophone),
    [publisher],
  );
  const stop = useCallback(() => publisher.stop(), [publisher]);
  return { ...snapshot, start, stop };
}
