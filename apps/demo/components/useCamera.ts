'use client';

import { getUserMedia, type OnairError } from '@onair/core';
import { useCallback, useEffect, useRef, useState } from 'react';

export type CameraStatus = 'off' | 'starting' | 'on' | 'failed';

export interface Camera {
  readonly status: CameraStatus;
  readonly stream: MediaStream | null;
  readonly error: OnairError | null;
  /** Asks for camera + microphone (again); replaces and stops a previous stream. */
  start(): Promise<void>;
  /** Releases camera + microphone (the camera light goes off). */
  stop(): void;
}

/**
 * The creator's camera + microphone, owned by the page so it can preview them; released on unmount.
 * It turns on by itself only where the browser says both are already allowed: a first visit gets a
 * button to press, never a permission prompt out of nowhere.
 */
export function useCamera(): Camera {
  const [state, setState] = useState<Pick<Camera, 'status' | 'stream' | 'error'>>({ status: 'off', stream: null, error: null });
  const streamRef = useRef<MediaStream | null>(null);
  const mountedRef = useRef(false);

  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      stopTracks(streamRef.current);
      streamRef.current = null;
    };
  }, []);

  const start = useCallback(async () => {
    setState((current) => ({ ...current, status: 'starting', error: null }));
    try {
      const stream = await getUserMedia({ video: true, audio: true });
      // Unmounted while the permission prompt was open: release the camera at once (no light left on).
      if (!mountedRef.current) return stopTracks(stream);
      stopTracks(streamRef.current);
      streamRef.current = stream;
      setState({ status: 'on', stream, error: null });
    } catch (error) {
      if (mountedRef.current) setState({ status: 'failed', stream: null, error: error as OnairError });
    }
  }, []);

  const stop = useCallback(() => {
    stopTracks(streamRef.current);
    streamRef.current = null;
    setState({ status: 'off', stream: null, error: null });
  }, []);

  useEffect(() => {
    let cancelled = false;
    void bothAllowed().then((allowed) => {
      if (allowed && !cancelled) void start();
    });
    return () => {
      cancelled = true;
    };
  }, [start]);

  return { ...state, start, stop };
}

/** Whether camera and microphone are already granted; false where the Permissions API cannot tell. */
async function bothAllowed(): Promise<boolean> {
  try {
    const states = await Promise.all(
      (['camera', 'microphone'] as const).map((name) => navigator.permissions.query({ name: name as PermissionName })),
    );
    return states.every((status) => status.state === 'granted');
  } catch {
    return false;
  }
}

function stopTracks(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
