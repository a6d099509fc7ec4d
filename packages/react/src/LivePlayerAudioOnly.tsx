'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { AudioLevelMeter } from './AudioLevelMeter';
import { usePlayerState } from './livePlayerContext';

/** For a stream with sound and no picture: "Audio only" and a level meter instead of a black box. */
export const LivePlayerAudioOnly = forwardRef<HTMLDivElement, ComponentPropsWithoutRef<'div'>>(function LivePlayerAudioOnly(props, ref) {
  const stream = usePlayerState((s) => (s.status === 'playing' && s.hasAudio && !s.hasVideo ? s.stream : null));
  if (!stream) return null;
  return (
    <div ref={ref} data-onair="live-player-audio-only" {...props}>
      <p>Audio only</p>
      <AudioLevelMeter source={stream} aria-label="Audio level" />
    </div>
  );
});
