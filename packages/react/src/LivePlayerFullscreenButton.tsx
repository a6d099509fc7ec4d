'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext } from './livePlayerContext';
import { PlayerToggleButton, type PlayerToggleState } from './PlayerToggleButton';
import { useDocumentState } from './useDocumentState';

/**
 * Full screen for the whole player (overlays and controls included): "Full screen" / "Exit full
 * screen", `data-state` = off | on; not rendered where the page may not go full screen.
 */
export const LivePlayerFullscreenButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(function LivePlayerFullscreenButton(props, ref) {
  const { root } = useLivePlayerContext();
  const state = useDocumentState<PlayerToggleState | null>(['fullscreenchange'], (d) =>
    !d.fullscreenEnabled ? null : d.fullscreenElement && d.fullscreenElement === root.current ? 'on' : 'off',
  );
  return (
    <PlayerToggleButton
      buttonRef={ref}
      part="live-player-fullscreen"
      state={state}
      toggle={(now) => (now === 'on' ? document.exitFullscreen() : root.current?.requestFullscreen())}
      labels={{ off: 'Full screen', on: 'Exit full screen' }}
      {...props}
    />
  );
});
