'use client';
import { forwardRef, useCallback, type ComponentPropsWithoutRef } from 'react';
import type { PublisherSnapshot } from './cameraPublisher';

export type LocalPreviewState = 'off' | 'on' | 'camera-off';

export interface LocalPreviewProps extends ComponentPropsWithoutRef<'div'> {
  /** What to show: a `useWhip` result (its stream, muted kinds, screen sharing) … */
  publisher?: Pick<PublisherSnapshot, 'stream' | 'muted' | 'screenSharing'>;
  /** … or a stream of your own. */
  stream?: MediaStream | null;
  /** Mirror the camera like a mirror (default true); a shared screen is never mirrored. */
  mirrored?: boolean;
}

const MIRROR = { transform: 'scaleX(-1)' } as const;

/**
 * The publisher's own camera: a muted inline `<video>`, mirrored, with `data-state` = off (no stream)
 * | on | camera-off (video muted), `data-microphone` = on | muted, `data-source` = camera | screen, and
 * a "Camera off" / "Microphone muted" note for those states.
 */
export const LocalPreview = forwardRef<HTMLDivElement, LocalPreviewProps>(function LocalPreview(
  { publisher, stream = publisher?.stream ?? null, mirrored = true, ...divProps },
  ref,
) {
  const muted = publisher?.muted;
  const screen = publisher?.screenSharing;
  const state: LocalPreviewState = !stream ? 'off' : muted?.video ? 'camera-off' : 'on';
  const video = useCallback(
    (element: HTMLVideoElement | null) => {
      if (element && element.srcObject !== stream) element.srcObject = stream;
    },
    [stream],
  );
  return (
    <div
      ref={ref}
      role="group"
      aria-label="Your camera"
      data-onair="local-preview"
      data-state={state}
      data-microphone={muted?.audio ? 'muted' : 'on'}
      data-source={screen ? 'screen' : 'camera'}
      {...divProps}
    >
      <video ref={video} autoPlay muted playsInline style={mirrored && !screen ? MIRROR : undefined} />
      {state === 'camera-off' && <p>Camera off</p>}
      {stream && muted?.audio && <p>Microphone muted</p>}
    </div>
  );
});
