'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { composeEventHandlers } from './composeEventHandlers';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';

/**
 * Mute / Unmute, shown while the stream has audio. Its label carries the state ("Unmute" while muted,
 * including after the browser refused sound), `data-state` = muted | unmuted.
 */
export const LivePlayerMuteButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(function LivePlayerMuteButton(
  { onClick, children, ...buttonProps },
  ref,
) {
  const { player } = useLivePlayerContext();
  const muted = usePlayerState((s) => s.muted);
  const hasAudio = usePlayerState((s) => s.hasAudio);
  if (!hasAudio) return null;
  return (
    <button
      ref={ref}
      type="button"
      data-onair="live-player-mute"
      data-state={muted ? 'muted' : 'unmuted'}
      onClick={composeEventHandlers(onClick, () => player.setMuted(!muted))}
      {...buttonProps}
    >
      {children ?? (muted ? 'Unmute' : 'Mute')}
    </button>
  );
});
