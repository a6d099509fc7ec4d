'use client';

import type { OnairError, WhepSnapshot, WhepStatus } from '@onair/core';
import { LivePlayer } from '@onair/react';
import Link from 'next/link';
import { useState } from 'react';
import type { PlayableLiveInput } from '../lib/liveInputViews';
import { sessionErrorMessage, whepStatusText } from '../lib/statusText';

// The page found the input: a 404 later means it was deleted, not that the creator is late.
const PLAYER_OPTIONS = { notFound: 'fail' } as const;

/** Plays a live input over WHEP; waits for the creator when they are not live yet. */
export function Viewer({ input }: { input: PlayableLiveInput }) {
  const [status, setStatus] = useState<WhepStatus>('idle');
  const [error, setError] = useState<OnairError | null>(null);

  function onStatusChange(next: WhepStatus, snapshot: WhepSnapshot) {
    setStatus(next);
    setError(snapshot.error);
  }

  return (
    <section className="card watch" aria-labelledby="watch-title">
      <h1 id="watch-title" className="page-title">
        {input.name}
      </h1>
      <div className="video-frame">
        <LivePlayer
          url={input.webRTCPlayback.url}
          options={PLAYER_OPTIONS}
          controls
          onStatusChange={onStatusChange}
          aria-label={`Live video: ${input.name}`}
        />
        <span className="badge" data-state={status}>
          {status === 'playing' ? 'Live' : status}
        </span>
      </div>
      <div className="watch-footer">
        <p className="status" data-state={status} aria-live="polite">
          {whepStatusText(status)}
        </p>
        <Link href="/">Go live yourself</Link>
      </div>
      {error && (
        <p className="alert" role="alert" data-state="error" data-kind={error.kind}>
          {sessionErrorMessage(error, 'play this stream')}
        </p>
      )}
    </section>
  );
}
