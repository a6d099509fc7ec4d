'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';
import { overlayState, playerStatusText } from './playerStatusText';

/**
 * What covers the video when it is not playing, `data-state` = connecting | waiting (for the creator)
 * | ended (the creator ended it) | reconnecting | failed (with a Retry button) | stopped (with Play).
 * Nothing is rendered while playing or before start.
 */
export const LivePlayerOverlay = forwardRef<HTMLDivElement, ComponentPropsWithoutRef<'div'>>(function LivePlayerOverlay(props, ref) {
  const { player } = useLivePlayerContext();
  const text = usePlayerState(playerStatusText);
  const state = usePlayerState(overlayState);
  if (text === null) return null;
  const action = state === 'failed' ? 'Retry' : state === 'stopped' ? 'Play' : null;
  return (
    <div ref={ref} data-onair="live-player-overlay" data-state={state} {...props}>
      <p>{text}</p>
      {action && (
        <button type="button" onClick={() => void player.start()}>
          {action}
        </button>
      )}
    </div>
  );
});
