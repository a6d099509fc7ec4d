'use client';
import { useEffect } from 'react';
import { WhipSession, type WhipOptions, type WhipStatus } from '@onair/core';
import { CameraPublisher, type PublisherSnapshot, type PublishSession } from './cameraPublisher';
import { IDLE_PUBLISHER } from './idleSnapshots';
import type { MediaDeviceList } from './mediaDeviceList';
import { requireUrl } from './requireUrl';
import { useSession } from './useSession';
import { useSessionOptions } from './useSessionOptions';
import { useStatusChange } from './useStatusChange';

export interface UseWhipOptions {
  /** The WHIP endpoint (a live input's `webRTC.url`). Required unless `session` is given. A new URL makes a new session. */
  url?: string;
  /** Bearer token or a function returning one; read when a request needs it. Default: the OnairProvider's. */
  token?: WhipOptions['token'];
  /**
   * Any other core WhipSession option (ICE servers, codecs, an RTCPeerConnection constructor…), read when
   * the session is created; change the encoding of a running one with `setVideoEncoding`.
   */
  options?: Omit<WhipOptions, 'url' | 'token'>;
  /** Called on every status transition. */
  onStatusChange?: (status: WhipStatus, snapshot: PublisherSnapshot) => void;
  /** Drive this session instead of creating one (a simulated session in stories and tests). */
  session?: PublishSession;
  /** Where media comes from when `start()` is called without a stream; default: the chosen camera + microphone. */
  getStream?: () => Promise<MediaStream>;
  /** Open the camera and microphone on mount, before going live, and keep them after a broadcast (for a LocalPreview). */
  preview?: boolean;
  /** The device list whose choices the camera and microphone follow; default: the page's. */
  devices?: MediaDeviceList;
}

/** The publisher's snapshot (status, error, the stream for a preview, muted kinds…) and its actions. */
export interface UseWhipResult extends PublisherSnapshot {
  /** The publisher as a store (for `useSyncExternalStore` or parts that follow it on their own). */
  subscribe(listener: () => void): () => void;
  getSnapshot(): PublisherSnapshot;
  /** Goes live with `stream`, the previewed stream, or the camera and microphone. Errors land in `error`; a second call does nothing. */
  start(stream?: MediaStream): Promise<void>;
  /** Ends the broadcast (DELETEs the session) and releases the camera if the hook took it (and no preview keeps it). */
  stop(): Promise<void>;
  /** Switches camera or microphone, live by `replaceTrack` (no renegotiation); remembers the choice. Rejects with an OnairError. */
  switchDevice: CameraPublisher['switchDevice'];
  /** Shares a screen in place of the camera; the camera returns on `stopSharing()` or the browser's "Stop sharing". */
  shareScreen(): Promise<void>;
  stopSharing(): Promise<void>;
  /** `track.enabled` off or on for a kind; shown in `muted`. */
  setMuted: CameraPublisher['setMuted'];
  setVideoEncoding: CameraPublisher['setVideoEncoding'];
  restartIce(): Promise<void>;
  /** Raw stats of the connection (read them normalised with `useStats`). */
  getStats(): Promise<RTCStatsReport | null>;
}

/**
 * Publishes over WHIP. One session per component and URL; it stops when the component unmounts.
 * The result's actions keep their identity for the session's life.
 */
export function useWhip({ url, token, options, session, getStream, onStatusChange, preview = false, devices }: UseWhipOptions): UseWhipResult {
  const sessionOptions = useSessionOptions(token, options);
  const [publisher, snapshot] = useSession(
    session ?? url,
    () => new CameraPublisher(session ?? new WhipSession({ ...sessionOptions(), url: requireUrl(url, 'useWhip') }), devices, getStream),
    IDLE_PUBLISHER,
  );
  useStatusChange(publisher, onStatusChange);
  useEffect(() => publisher.setGetStream(getStream), [getStream, publisher]);
  useEffect(() => {
    if (preview) void publisher.openPreview();
    else publisher.closePreview();
  }, [preview, publisher]);

  return {
    ...snapshot,
    subscribe: publisher.subscribe,
    getSnapshot: publisher.getSnapshot,
    start: publisher.start,
    stop: publisher.stop,
    switchDevice: publisher.switchDevice,
    shareScreen: publisher.shareScreen,
    stopSharing: publisher.stopSharing,
    setMuted: publisher.setMuted,
    setVideoEncoding: publisher.setVideoEncoding,
    restartIce: publisher.restartIce,
    getStats: publisher.getStats,
  };
}
