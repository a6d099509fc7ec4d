'use client';
import type { CSSProperties } from 'react';
import { usePlayerState } from './livePlayerContext';
import { playerStatusText } from './playerStatusText';

// Visually hidden yet read: a live region must exist before its text changes, so it is always rendered.
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** Announces status changes ("Waiting for the stream to start", "Playing"…) to screen readers, politely. */
export function LivePlayerAnnouncer() {
  const text = usePlayerState('Announcer', (s) => (s.status === 'playing' ? 'Playing' : playerStatusText(s)));
  return (
    <p role="status" data-onair="live-player-announcer" style={VISUALLY_HIDDEN}>
      {text}
    </p>
  );
}
