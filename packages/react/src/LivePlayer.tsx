'use client';
import { forwardRef } from 'react';
import { LivePlayerAnnouncer } from './LivePlayerAnnouncer';
import { LivePlayerAudioOnly } from './LivePlayerAudioOnly';
import { LivePlayerFullscreenButton } from './LivePlayerFullscreenButton';
import { LivePlayerMuteButton } from './LivePlayerMuteButton';
import { LivePlayerOverlay } from './LivePlayerOverlay';
import { LivePlayerPictureInPictureButton } from './LivePlayerPictureInPictureButton';
import { LivePlayerRoot, type LivePlayerRootProps } from './LivePlayerRoot';
import { LivePlayerStats } from './LivePlayerStats';
import { LivePlayerVideo } from './LivePlayerVideo';
import { LivePlayerViewerCount } from './LivePlayerViewerCount';

export interface LivePlayerProps extends Omit<LivePlayerRootProps, 'children'> {
  /** Show the stats overlay (bitrate, resolution, loss…). Default false. */
  stats?: boolean;
  /** Show the control bar (mute, picture-in-picture, full screen). Default true. */
  controls?: boolean;
}

const Prefab = forwardRef<HTMLDivElement, LivePlayerProps>(function LivePlayer({ stats = false, controls = true, ...rootProps }, ref) {
  return (
    <LivePlayerRoot ref={ref} {...rootProps}>
      <LivePlayerVideo />
      <LivePlayerAudioOnly />
      <LivePlayerOverlay />
      <LivePlayerViewerCount />
      {stats && <LivePlayerStats />}
      {controls && (
        <div data-onair="live-player-controls">
          <LivePlayerMuteButton />
          <LivePlayerPictureInPictureButton />
          <LivePlayerFullscreenButton />
        </div>
      )}
      <LivePlayerAnnouncer />
    </LivePlayerRoot>
  );
});

/**
 * A live player over WHEP, ready to use: muted autoplay, an Unmute button when there is sound,
 * overlays for waiting / ended / reconnecting / failed (with Retry), a viewer count, optional stats,
 * picture-in-picture and full screen, an audio-only view and polite status announcements. Built from
 * parts you can compose yourself: `LivePlayer.Root`, `.Video`, `.MuteButton`, `.Overlay`, `.Stats`,
 * `.ViewerCount`, `.FullscreenButton`, `.PictureInPictureButton`, `.AudioOnly`, `.Announcer`.
 */
export const LivePlayer = Object.assign(Prefab, {
  Root: LivePlayerRoot,
  Video: LivePlayerVideo,
  MuteButton: LivePlayerMuteButton,
  Overlay: LivePlayerOverlay,
  Stats: LivePlayerStats,
  ViewerCount: LivePlayerViewerCount,
  FullscreenButton: LivePlayerFullscreenButton,
  PictureInPictureButton: LivePlayerPictureInPictureButton,
  AudioOnly: LivePlayerAudioOnly,
  Announcer: LivePlayerAnnouncer,
});
