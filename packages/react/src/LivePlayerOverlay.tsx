'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';
import { overlayState, playerStatusText } from './playerStatusText';

/**
 * What covers the video when it is not playing, `data-state` = idle (not started, with `autoPlay`
 * off: a Play button) | connecting | waiting (for the creator) | ended (the creator ended it) |
 * reconnecting | failed (with a Retry button) | stopped (with Play). Nothing is rendered while playing.
 */
export const LivePlayerOverlay = forwardRef<HTMLDivElement, ComponentPropsWithoutRef<'div'>>(function LivePlayerOverlay(props, ref) {
  const { player, autoPlay } = useLivePlayerContext();
  const text = usePlayerState(playerStatusText);
  const state = usePlayerState(overlayState);
  if (state === 'playing' || (state === 'idle' && autoPlay)) return null;
  const action = state === 'failed' ? 'Retry' : state === 'stopped' || state === 'idle' ? 'Play' : null;
  return (
    <div ref={ref} data-onair="live-player-overlay" data-state={state} {...props}>
      {text && <p>{text}</p>}
      {action && (
        <button type="button" onClick={() => void player.start()}>
          {action}
        </button>
      )}
    </div>
  );
});
