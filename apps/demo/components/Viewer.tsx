'use client';

import type { OnairError, WhepSnapshot, WhepStatus } from '@onair/core';
import { LivePlayer } from '@onair/react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PlayableLiveInput } from '../lib/liveInputViews';
import { liveInputActivityQueryKey } from '../lib/queryKeys';
import { sessionErrorMessage, whepBadgeText, whepStatusText } from '../lib/statusText';
import { Notice } from './Notice';
import { useLiveInputActivity } from './useLiveInputActivity';
import { ViewerCount } from './ViewerCount';

// The page found the input: a 404 later means it was deleted, not that the creator is late.
const PLAYER_OPTIONS = { notFound: 'fail' } as const;

/** Plays a live input over WHEP; waits for the creator when they are not live yet, and says so when the input is deleted. */
export function Viewer({ input }: { input: PlayableLiveInput }) {
  const [status, setStatus] = useState<WhepStatus>('idle');
  const [error, setError] = useState<OnairError | null>(null);
  const activity = useLiveInputActivity(input.uid);
  const queryClient = useQueryClient();

  function onStatusChange(next: WhepStatus, snapshot: WhepSnapshot) {
    setStatus(next);
    setError(snapshot.error);
    // This viewer now counts: show it at once rather than at the next refresh.
    if (next === 'playing') void queryClient.invalidateQueries({ queryKey: liveInputActivityQueryKey(input.uid) });
  }

  // Unmounting the player ends its session: nothing is left polling a deleted input.
  if (activity.error?.kind === 'not-found') {
    return (
      <Notice title="This stream was deleted" state="deleted" action={{ href: '/', label: 'Go live yourself' }}>
        <p className="muted">Its creator deleted it, so there is nothing more to watch here.</p>
      </Notice>
    );
  }
  return (
    <section className="watch" aria-labelledby="watch-title" data-state={status}>
      <div className="page-header">
        <h1 id="watch-title" className="page-title clamp" title={input.name}>
          {input.name}
        </h1>
        <p className="live-status">
          <span className="badge" data-state={status} data-testid="watch-badge">
            {whepBadgeText(status)}
          </span>
          <ViewerCount count={activity.data?.viewerCount} />
        </p>
      </div>
      <div className="video-frame">
        <LivePlayer
          url={input.webRTCPlayback.url}
          options={PLAYER_OPTIONS}
          controls={status === 'playing'}
          onStatusChange={onStatusChange}
          aria-label={`Live video: ${input.name}`}
        />
        {/* Fills the picture that is not there yet; the status region below says it to screen readers. */}
        {status !== 'playing' && (
          <div className="video-placeholder" aria-hidden="true">
            <p>{whepStatusText(status)}</p>
          </div>
        )}
      </div>
      {/* For screen readers: sighted people see the badge and the words over the video. */}
      <p className="sr-only" role="status">
        {whepStatusText(status)}
      </p>
      {error && (
        <p className="alert" role="alert" data-state="error" data-kind={error.kind}>
          {sessionErrorMessage(error, 'play this stream')}
        </p>
      )}
    </section>
  );
}
