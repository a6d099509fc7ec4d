'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';
import { PlayerToggleButton } from './PlayerToggleButton';

/** Picture-in-picture for the video; rendered only where the browser has it and the stream has video. */
export const LivePlayerPictureInPictureButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(
  function LivePlayerPictureInPictureButton(props, ref) {
    const { video } = useLivePlayerContext();
    const hasVideo = usePlayerState((s) => s.hasVideo);
    if (!hasVideo) return null;
    return (
      <PlayerToggleButton
        buttonRef={ref}
        part="live-player-pip"
        // Both events bubble from the video to the document.
        events={['enterpictureinpicture', 'leavepictureinpicture']}
        available={(d) => d.pictureInPictureEnabled === true}
        active={(d) => d.pictureInPictureElement !== null && d.pictureInPictureElement === video.current}
        toggle={(active) => (active ? document.exitPictureInPicture() : video.current?.requestPictureInPicture())}
        labels={['Picture-in-picture', 'Exit picture-in-picture']}
        {...props}
      />
    );
  },
);
