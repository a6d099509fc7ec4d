'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { composeEventHandlers } from './composeEventHandlers';
import { useLivePlayerContext } from './livePlayerContext';
import { useDocumentState } from './useDocumentState';

/** Full screen for the whole player (overlays and controls included); not rendered where the page may not go full screen. */
export const LivePlayerFullscreenButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(function LivePlayerFullscreenButton(
  { onClick, children, ...buttonProps },
  ref,
) {
  const { root } = useLivePlayerContext('FullscreenButton');
  const enabled = useDocumentState('fullscreenchange', (d) => d.fullscreenEnabled, false);
  const active = useDocumentState('fullscreenchange', (d) => d.fullscreenElement !== null && d.fullscreenElement === root.current, false);
  if (!enabled) return null;
  return (
    <button
      ref={ref}
      type="button"
      data-onair="live-player-fullscreen"
      data-state={active ? 'on' : 'off'}
      onClick={composeEventHandlers(onClick, () => void (active ? document.exitFullscreen() : root.current?.requestFullscreen())?.catch(() => {}))}
      {...buttonProps}
    >
      {children ?? (active ? 'Exit full screen' : 'Full screen')}
    </button>
  );
});
