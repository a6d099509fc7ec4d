'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useComposedRefs } from './useComposedRefs';
import { useWhep, type UseWhepOptions } from './useWhep';

export interface LivePlayerProps extends Omit<ComponentPropsWithoutRef<'video'>, 'src' | 'autoPlay'>, Omit<UseWhepOptions, 'autoPlay'> {}

/**
 * One `<video>` that plays a live input over WHEP as soon as it mounts: muted, autoplaying and inline,
 * so browsers (iOS included) start it without a click. `data-state` is the session status.
 */
export const LivePlayer = forwardRef<HTMLVideoElement, LivePlayerProps>(function LivePlayer(
  { url, token, options, session, onStatusChange, muted = true, playsInline = true, ...videoProps },
  ref,
) {
  const whep = useWhep({ url, token, options, session, onStatusChange });
  const composedRef = useComposedRefs(ref, whep.videoRef);
  return (
    <video
      ref={composedRef}
      autoPlay
      muted={muted}
      playsInline={playsInline}
      data-onair="live-player"
      data-state={whep.status}
      data-error={whep.error?.kind}
      {...videoProps}
    />
  );
});
