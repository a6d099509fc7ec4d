'use client';
import { forwardRef, memo, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext } from './livePlayerContext';
import { useComposedRefs } from './useComposedRefs';

export type LivePlayerVideoProps = Omit<ComponentPropsWithoutRef<'video'>, 'src' | 'autoPlay' | 'muted'>;

/**
 * The `<video>`: autoplaying, muted at first and inline (iOS), driven by the player (stream, sound,
 * volume) without re-rendering — it renders once, whatever the session, the stats or the sound do.
 */
export const LivePlayerVideo = memo(
  forwardRef<HTMLVideoElement, LivePlayerVideoProps>(function LivePlayerVideo({ playsInline = true, ...videoProps }, ref) {
    const { player } = useLivePlayerContext();
    return (
      <video
        ref={useComposedRefs(ref, player.attach)}
        autoPlay
        // What it starts with (the server renders it too); the player drives it afterwards.
        muted={player.getSnapshot().muted}
        playsInline={playsInline}
        data-onair="live-player-video"
        {...videoProps}
      />
    );
  }),
);
