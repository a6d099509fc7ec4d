'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { usePlayerState } from './livePlayerContext';

/** "N watching", from the server's viewer-count events; nothing where the server does not send them. */
export const LivePlayerViewerCount = forwardRef<HTMLSpanElement, ComponentPropsWithoutRef<'span'>>(function LivePlayerViewerCount(props, ref) {
  const count = usePlayerState((s) => s.viewerCount);
  if (count === null) return null;
  return (
    <span ref={ref} data-onair="live-player-viewer-count" {...props}>
      {count} watching
    </span>
  );
});
