'use client';
import { forwardRef, useEffect, useState, type ComponentPropsWithoutRef } from 'react';
import { composeEventHandlers } from './composeEventHandlers';
import { useLivePlayerContext, usePlayerState } from './livePlayerContext';
import { useDocumentState } from './useDocumentState';

/** Picture-in-picture for the video; rendered only where the browser has it and the stream has video. */
export const LivePlayerPictureInPictureButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(
  function LivePlayerPictureInPictureButton({ onClick, children, ...buttonProps }, ref) {
    const { video } = useLivePlayerContext('PictureInPictureButton');
    const hasVideo = usePlayerState('PictureInPictureButton', (s) => s.hasVideo);
    const enabled = useDocumentState('visibilitychange', (d) => d.pictureInPictureEnabled === true, false);
    const [active, setActive] = useState(false);
    useEffect(() => {
      const element = video.current;
      if (!element) return;
      const enter = () => setActive(true);
      const leave = () => setActive(false);
      element.addEventListener('enterpictureinpicture', enter);
      element.addEventListener('leavepictureinpicture', leave);
      return () => {
        element.removeEventListener('enterpictureinpicture', enter);
        element.removeEventListener('leavepictureinpicture', leave);
      };
    }, [video]);
    if (!enabled || !hasVideo) return null;
    return (
      <button
        ref={ref}
        type="button"
        data-onair="live-player-pip"
        data-state={active ? 'on' : 'off'}
        onClick={composeEventHandlers(onClick, () => {
          const request = active ? document.exitPictureInPicture() : video.current?.requestPictureInPicture();
          void request?.catch(() => {});
        })}
        {...buttonProps}
      >
        {children ?? (active ? 'Exit picture-in-picture' : 'Picture-in-picture')}
      </button>
    );
  },
);
