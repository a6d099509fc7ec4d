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
}

/** The creator's camera + microphone, owned by the page so it can preview them; released on unmount. */
export function useCamera(): Camera {
  const [state, setState] = useState<Omit<Camera, 'start'>>({ status: 'off', stream: null, error: null });
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

  return { ...state, start };
}

function stopTracks(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
