'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';
import { PlayerToggleButton, type PlayerToggleState } from './PlayerToggleButton';
import { useDocumentState } from './useDocumentState';

/**
 * Picture-in-picture for the video: "Picture-in-picture" / "Exit picture-in-picture", `data-state` =
 * off | on; rendered only where the browser has it and the stream has video.
 */
export const LivePlayerPictureInPictureButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(
  function LivePlayerPictureInPictureButton(props, ref) {
    const { player } = useLivePlayerContext();
    const hasVideo = usePlayerState((s) => s.hasVideo);
    const video = () => player.element as HTMLVideoElement | null;
    // Both events bubble from the video to the document.
    const mode = useDocumentState<PlayerToggleState | null>(['enterpictureinpicture', 'leavepictureinpicture'], (d) =>
      !d.pictureInPictureEnabled ? null : d.pictureInPictureElement && d.pictureInPictureElement === video() ? 'on' : 'off',
    );
    return (
      <PlayerToggleButton
        buttonRef={ref}
        part="live-player-pip"
        state={hasVideo ? mode : null}
        toggle={(now) => (now === 'on' ? document.exitPictureInPicture() : video()?.requestPictureInPicture())}
        labels={{ off: 'Picture-in-picture', on: 'Exit picture-in-picture' }}
        {...props}
      />
    );
  },
);
