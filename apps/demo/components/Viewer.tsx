'use client';

import type { WhepStatus } from '@onair/core';
import { DeviceSelector, LivePlayer, useMediaDevices, type PlayerSnapshot } from '@onair/react';
import { useState } from 'react';
import type { PlayableLiveInput } from '../lib/liveInputViews';
import { Notice } from './Notice';

// The page found the input: a 404 later means it was deleted, not that the creator is late. The player
// asks the WHEP endpoint anyway (while waiting, and when a connection drops), so the page polls nothing else.
const PLAYER_OPTIONS = { notFound: 'fail' } as const;

/**
 * Plays a live input with the React kit's LivePlayer: it waits while the creator is off air and starts
 * by itself, says so when they end the stream, offers Unmute when there is sound, shows the viewer
 * count; the page adds a stats toggle and, where the browser can route sound, a speaker picker. When
 * the player's WHEP endpoint answers 404 (error kind `not-found`), the input was deleted: the page says so.
 */
export function Viewer({ input }: { input: PlayableLiveInput }) {
  const [deleted, setDeleted] = useState(false);
  const [showStats, setShowStats] = useState(false);
  const speakers = useMediaDevices({ kind: 'audiooutput' });
  // Choosing among speakers needs labels, which need camera or microphone access: a viewer is never asked for that.
  const speakerChoice = speakers.sinkSelectionSupported && speakers.labelled && speakers.devices.length > 1;

  function onStatusChange(_status: WhepStatus, snapshot: PlayerSnapshot) {
    if (snapshot.error?.kind === 'not-found') setDeleted(true);
  }

  // The player has stopped on the 404; unmounting it releases the rest.
  if (deleted) {
    return (
      <Notice title="This stream was deleted" state="deleted" action={{ href: '/', label: 'Go live yourself' }}>
        <p className="muted">Its creator deleted it, so there is nothing more to watch here.</p>
      </Notice>
    );
  }
  return (
    <section className="watch" aria-labelledby="watch-title">
      <h1 id="watch-title" className="page-title clamp" title={input.name}>
        {input.name}
      </h1>
      <LivePlayer
        url={input.webRTCPlayback.url}
        options={PLAYER_OPTIONS}
        onStatusChange={onStatusChange}
        stats={showStats}
        sinkId={speakerChoice ? speakers.selected : undefined}
        aria-label={`Live video: ${input.name}`}
        className="player"
      />
      <div className="controls player-options">
        <button className="button" type="button" onClick={() => setShowStats(!showStats)}>
          {showStats ? 'Hide stats' : 'Show stats'}
        </button>
        {speakerChoice && <DeviceSelector kind="audiooutput" className="speaker" />}
      </div>
    </section>
  );
}
