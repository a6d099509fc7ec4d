'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext } from './livePlayerContext';
import { PlayerToggleButton } from './PlayerToggleButton';

/** Full screen for the whole player (overlays and controls included); not rendered where the page may not go full screen. */
export const LivePlayerFullscreenButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(function LivePlayerFullscreenButton(props, ref) {
  const { root } = useLivePlayerContext();
  return (
    <PlayerToggleButton
      buttonRef={ref}
      part="live-player-fullscreen"
      events={['fullscreenchange']}
      available={(d) => d.fullscreenEnabled}
      active={(d) => d.fullscreenElement !== null && d.fullscreenElement === root.current}
      toggle={(active) => (active ? document.exitFullscreen() : root.current?.requestFullscreen())}
      labels={['Full screen', 'Exit full screen']}
      {...props}
    />
  );
});
