'use client';
import { forwardRef, useMemo, useRef, type ComponentPropsWithoutRef } from 'react';
import { LivePlayerContext } from './livePlayerContext';
import { useComposedRefs } from './useComposedRefs';
import { useWhepPlayer, type UseWhepOptions } from './useWhep';

export interface LivePlayerRootProps extends UseWhepOptions, Omit<ComponentPropsWithoutRef<'div'>, keyof UseWhepOptions> {}

/**
 * The player's root: owns the WHEP session (one per URL) and gives it to the parts inside. One `<div>`
 * with `data-onair="live-player"`, `data-state` = the session status, an accessible name ("Live video"
 * unless you give `aria-label` / `aria-labelledby`) and `aria-busy` while connecting.
 */
export const LivePlayerRoot = forwardRef<HTMLDivElement, LivePlayerRootProps>(function LivePlayerRoot(
  { url, token, options, session, autoPlay, muted, volume, onStatusChange, sinkId, children, ...divProps },
  ref,
) {
  const [player, snapshot] = useWhepPlayer({ url, token, options, session, autoPlay, muted, volume, onStatusChange, sinkId });
  const root = useRef<HTMLDivElement>(null);
  // Stable for the session's life: parts subscribe to what they show instead of re-rendering with the root.
  const context = useMemo(() => ({ player, root, autoPlay: autoPlay ?? true }), [player, autoPlay]);
  return (
    <div
      ref={useComposedRefs(ref, root)}
      role="region"
      // Your aria-label replaces it; an aria-labelledby wins over it anyway.
      aria-label="Live video"
      aria-busy={snapshot.status === 'connecting'}
      data-onair="live-player"
      data-state={snapshot.status}
      data-error={snapshot.error?.kind}
      data-media={snapshot.hasVideo ? 'video' : snapshot.hasAudio ? 'audio' : undefined}
      {...divProps}
    >
      <LivePlayerContext.Provider value={context}>{children}</LivePlayerContext.Provider>
    </div>
  );
});
