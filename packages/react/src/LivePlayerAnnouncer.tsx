'use client';
import type { CSSProperties } from 'react';
import { usePlayerState } from './livePlayerContext';
import { playerStatusText } from './playerStatusText';

// Visually hidden yet read: a live region must exist before its text changes, so it is always rendered.
const VISUALLY_HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' };

/** Announces status changes ("Waiting for the stream to start", "Playing"…) to screen readers, politely. */
export function LivePlayerAnnouncer() {
  const text = usePlayerState((s) => (s.status === 'playing' ? 'Playing' : playerStatusText(s)));
  return (
    <p role="status" data-onair="live-player-announcer" style={VISUALLY_HIDDEN}>
      {text}
    </p>
  );
}
