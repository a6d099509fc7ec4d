'use client';
import { forwardRef, useEffect, useState, type ComponentPropsWithoutRef } from 'react';
import { AudioLevelMeter } from './AudioLevelMeter';
import { usePlayerState } from './livePlayerContext';

// Sound usually starts a few hundred ms before the first picture: a stream that has a video track
// counts as audio only once that track has stayed silent this long.
const PICTURE_GRACE_MS = 1_000;

/** For a stream with sound and no picture: "Audio only" and a level meter instead of a black box. */
export const LivePlayerAudioOnly = forwardRef<HTMLDivElement, ComponentPropsWithoutRef<'div'>>(function LivePlayerAudioOnly(props, ref) {
  const stream = usePlayerState((s) => (s.status === 'playing' && s.hasAudio && !s.hasVideo ? s.stream : null));
  const [shown, setShown] = useState<MediaStream | null>(null);
  useEffect(() => {
    if (!stream) return;
    const timer = setTimeout(() => setShown(stream), stream.getVideoTracks().length ? PICTURE_GRACE_MS : 0);
    return () => {
      clearTimeout(timer);
      setShown(null);
    };
  }, [stream]);
  if (!stream || shown !== stream) return null;
  return (
    <div ref={ref} data-onair="live-player-audio-only" {...props}>
      <p>Audio only</p>
      <AudioLevelMeter source={stream} aria-label="Audio level" />
    </div>
  );
});
