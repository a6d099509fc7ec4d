'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';
import { PlayerToggleButton } from './PlayerToggleButton';

/** Statuses with something to hear: a reconnect keeps the last picture and the sound setting. */
const SOUNDING: ReadonlySet<string> = new Set(['playing', 'reconnecting']);

/**
 * Mute / Unmute, shown while the stream has audio and is playing or reconnecting (not over the
 * waiting / ended / failed overlays, where nothing plays). Its label carries the state ("Unmute" while muted,
 * including after the browser refused sound), `data-state` = muted | unmuted.
 */
export const LivePlayerMuteButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(function LivePlayerMuteButton(props, ref) {
  const { player } = useLivePlayerContext();
  const state = usePlayerState((s) => (!s.hasAudio || !SOUNDING.has(s.status) ? null : s.muted ? 'muted' : 'unmuted'));
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
