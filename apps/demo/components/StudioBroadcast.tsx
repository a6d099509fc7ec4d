'use client';

import { CLOUDFLARE_CODECS, type OnairError, type WhipSnapshot, type WhipStatus } from '@onair/core';
import { GoLiveButton } from '@onair/react';
import { useState } from 'react';
import { cameraErrorMessage } from '../lib/cameraErrorMessage';
import type { StreamTarget } from '../lib/streamConfig';
import { cameraStatusText, sessionErrorMessage, whipStatusText } from '../lib/statusText';
import { CameraPreview } from './CameraPreview';
import { useCamera } from './useCamera';

/** On air or trying to be: the camera must stay on. */
const ON_AIR: ReadonlySet<WhipStatus> = new Set(['connecting', 'live', 'reconnecting']);

// Cloudflare plays other H.264 profiles (Android hardware encoders) as black video: offer only what it takes.
const CLOUDFLARE_PUBLISH = { ...CLOUDFLARE_CODECS };

/** The creator's camera preview, Go live / End stream, and what is happening, in words. */
export function StudioBroadcast({ whipUrl, target }: { whipUrl: string; target: StreamTarget }) {
  const camera = useCamera();
  const [status, setStatus] = useState<WhipStatus>('idle');
  const [error, setError] = useState<OnairError | null>(null);
  const onAir = ON_AIR.has(status);

  function onStatusChange(next: WhipStatus, snapshot: WhipSnapshot) {
    setStatus(next);
    setError(snapshot.error);
  }

  return (
    <section className="card" aria-labelledby="broadcast-title" data-state={status}>
      <div className="card-header">
        <h2 id="broadcast-title">Broadcast</h2>
        <span className="badge" data-state={status === 'live' ? 'live' : camera.status}>
          {status === 'live' ? 'Live' : camera.status === 'on' ? 'Preview' : 'Camera off'}
        </span>
      </div>
      <div className="video-frame" data-state={camera.status}>
        <CameraPreview stream={camera.stream} />
        {camera.status !== 'on' && (
          <div className="video-placeholder">
            {camera.status === 'starting' ? (
              <p>Starting your camera…</p>
            ) : (
              <button className="button" data-variant="primary" type="button" onClick={() => void camera.start()}>
                Turn on camera and microphone
              </button>
            )}
          </div>
        )}
      </div>
      <div className="controls">
        {/* The page owns the camera (for the preview), so the button publishes that stream and leaves it running. */}
        <GoLiveButton
          className="go-live"
          data-testid="go-live"
          url={whipUrl}
          options={target === 'cloudflare' ? CLOUDFLARE_PUBLISH : undefined}
          stream={camera.stream ?? undefined}
          disabled={!camera.stream}
          onStatusChange={onStatusChange}
        />
        {camera.status === 'on' && !onAir && (
          <button className="button" type="button" onClick={camera.stop}>
            Turn camera off
          </button>
        )}
      </div>
      <p className="status" data-state={status} role="status">
        {status === 'idle' && camera.status !== 'on' ? cameraStatusText(camera.status) : whipStatusText(status)}
      </p>
      {error && (
        <p className="alert" role="alert" data-state="error" data-kind={error.kind}>
          {sessionErrorMessage(error, 'go live')}
        </p>
      )}
      {camera.error && (
        <p className="alert" role="alert" data-state="error" data-kind={camera.error.kind}>
          {cameraErrorMessage(camera.error)}
        </p>
      )}
    </section>
  );
}
