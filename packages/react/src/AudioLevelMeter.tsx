'use client';
import { forwardRef, type ComponentPropsWithoutRef, type CSSProperties } from 'react';
import { useAudioLevel } from './useAudioLevel';

export interface AudioLevelMeterProps extends ComponentPropsWithoutRef<'div'> {
  /** The audio to measure: a stream (its audio tracks) or one track. */
  source: MediaStream | MediaStreamTrack | null | undefined;
}

/**
 * A level meter (`role="meter"`, 0–100): the level is also the CSS variable `--onair-level` (0–1) for
 * the theme's bar. Give it a name (`aria-label`), e.g. "Microphone level".
 */
export const AudioLevelMeter = forwardRef<HTMLDivElement, AudioLevelMeterProps>(function AudioLevelMeter({ source, style, ...props }, ref) {
  const level = useAudioLevel(source);
  return (
    <div
      ref={ref}
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(level * 100)}
      data-onair="audio-level"
      style={{ '--onair-level': level, ...style } as CSSProperties}
      {...props}
    />
  );
});
