'use client';

import type { OnairError, WhipSnapshot, WhipStatus } from '@onair/core';
import { GoLiveButton } from '@onair/react';
import Link from 'next/link';
import { useState } from 'react';
import { cameraErrorMessage } from '../lib/cameraErrorMessage';
import type { CreatedLiveInput } from '../lib/liveInputViews';
import { cameraStatusText, sessionErrorMessage, whipStatusText } from '../lib/statusText';
import { CameraPreview } from './CameraPreview';
import type { Camera } from './useCamera';

/** Camera preview, the Go live button and the watch link for a freshly created input. */
export function GoLivePanel({ input, camera }: { input: CreatedLiveInput; camera: Camera }) {
  const [status, setStatus] = useState<WhipStatus>('idle');
  const [error, setError] = useState<OnairError | null>(null);
  const watchPath = `/watch/${input.uid}`;

  function onStatusChange(next: WhipStatus, snapshot: WhipSnapshot) {
    setStatus(next);
    setError(snapshot.error);
  }

  return (
    <div className="grid">
      <section className="card" aria-labelledby="go-live-title">
        <h2 id="go-live-title">2. Go live</h2>
        <div className="video-frame" data-state={camera.status}>
          <CameraPreview stream={camera.stream} />
          <span className="badge" data-state={status}>
            {status === 'live' ? 'Live' : 'Preview'}
          </span>
          {camera.status !== 'on' && (
            <p className="video-overlay">{camera.status === 'failed' ? 'Camera off' : 'Starting your camera…'}</p>
          )}
        </div>
        <div className="controls">
          {/* The page owns the camera (for the preview), so the button publishes that stream and leaves it running. */}
          <GoLiveButton
            className="go-live"
            data-testid="go-live"
            url={input.webRTC.url}
            stream={camera.stream ?? undefined}
            disabled={!camera.stream}
            onStatusChange={onStatusChange}
          />
          <p className="status" data-state={status} aria-live="polite">
            {status === 'idle' && camera.status !== 'on' ? cameraStatusText(camera.status) : whipStatusText(status)}
          </p>
        </div>
        {error && (
          <p className="alert" role="alert" data-state="error" data-kind={error.kind}>
            {sessionErrorMessage(error, 'go live')}
          </p>
        )}
        {camera.error && (
          <div className="alert" role="alert" data-state="error" data-kind={camera.error.kind}>
            <p>{cameraErrorMessage(camera.error)}</p>
            <button className="button" type="button" onClick={() => void camera.start()}>
              Try the camera again
            </button>
          </div>
        )}
      </section>
      <aside className="card" aria-labelledby="share-title">
        <h2 id="share-title">3. Share the watch link</h2>
        <p className="muted">Anyone with this link can watch while you are live. Open it in another tab to see yourself.</p>
        <Link className="share-link" data-testid="watch-link" href={watchPath} target="_blank" rel="noopener">
          {watchPath}
        </Link>
        <div className="share">
          <dl className="meta">
            <dt>Name</dt>
            <dd>{input.name}</dd>
            <dt>Input id</dt>
            <dd>
              <code>{input.uid}</code>
            </dd>
          </dl>
        </div>
      </aside>
    </div>
  );
}
