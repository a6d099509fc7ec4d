'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';
import { overlayState, playerStatusText } from './playerStatusText';

/**
 * What covers the video when it is not playing: connecting, waiting (for the creator), ended (the
 * creator ended it), reconnecting, failed (with a Retry button) or stopped (with Play). `data-state`
 * says which; nothing is rendered while playing.
 */
export const LivePlayerOverlay = forwardRef<HTMLDivElement, ComponentPropsWithoutRef<'div'>>(function LivePlayerOverlay(props, ref) {
  const { player } = useLivePlayerContext();
  const status = usePlayerState((s) => s.status);
  const streamEnded = usePlayerState((s) => s.streamEnded);
  const error = usePlayerState((s) => s.error);
  const text = playerStatusText({ status, streamEnded, error });
  if (text === null) return null;
  const state = overlayState({ status, streamEnded });
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
