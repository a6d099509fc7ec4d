'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';
import { PlayerToggleButton } from './PlayerToggleButton';

/**
 * Mute / Unmute, shown while the stream has audio. Its label carries the state ("Unmute" while muted,
 * including after the browser refused sound), `data-state` = muted | unmuted.
 */
export const LivePlayerMuteButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(function LivePlayerMuteButton(props, ref) {
  const { player } = useLivePlayerContext();
  const state = usePlayerState((s) => (!s.hasAudio ? null : s.muted ? 'muted' : 'unmuted'));
  return (
    <PlayerToggleButton
      buttonRef={ref}
      part="live-player-mute"
      state={state}
      toggle={(now) => player.setMuted(now === 'unmuted')}
      labels={{ muted: 'Unmute', unmuted: 'Mute' }}
      {...props}
    />
  );
});
