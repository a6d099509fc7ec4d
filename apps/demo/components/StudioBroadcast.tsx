'use client';

import { CLOUDFLARE_CODECS, type OnairError, type WhipStatus } from '@onair/core';
import { DeviceSelector, GoLiveButton, LocalPreview, useWhip } from '@onair/react';
import { useState, useSyncExternalStore } from 'react';
import type { StreamTarget } from '../lib/streamConfig';
import { publishErrorMessage, whipStatusText } from '../lib/statusText';
import { StudioStats } from './StudioStats';
import { useDeviceAccess } from './useDeviceAccess';

// Cloudflare plays other H.264 profiles (Android hardware encoders) as black video: offer only what it takes.
const CLOUDFLARE_PUBLISH = { ...CLOUDFLARE_CODECS };

// Phones have no getDisplayMedia: no Share screen button there. The server renders none either.
const noSubscription = () => () => {};
const canShareScreen = () => typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/**
 * The creator's side: mirrored preview, camera and microphone pickers (with a level meter), Go live /
 * End stream, camera and microphone mute, screen share, and the connection's stats while live. One
 * publisher (useWhip) owns the getUserMedia stream they all share; a device switch while live is a
 * replaceTrack, not a new session.
 */
export function StudioBroadcast({
  whipUrl,
  target,
  onStatusChange,
}: {
  whipUrl: string;
  target: StreamTarget;
  /** Each change of the broadcast's status (say, to refresh what the page shows about the input). */
  onStatusChange?: (status: WhipStatus) => void;
}) {
  const access = useDeviceAccess();
  // The camera opens by itself only where access is granted already: a first visit gets the pickers' Allow button, not a prompt.
  const whip = useWhip({ url: whipUrl, options: target === 'cloudflare' ? CLOUDFLARE_PUBLISH : undefined, preview: access.granted });
  const screenShare = useSyncExternalStore(noSubscription, canShareScreen, () => false);
  const [shareError, setShareError] = useState<OnairError | null>(null);

  async function toggleScreenShare() {
    setShareError(null);
    try {
      await (whip.screenSharing ? whip.stopSharing() : whip.shareScreen());
    } catch (error) {
      // Closing the browser's picker is a choice, not an error.
      if ((error as OnairError).kind !== 'permission-denied') setShareError(error as OnairError);
    }
  }

  // The pickers already say when access is blocked.
  const error = whip.error && !(access.denied && whip.error.kind === 'permission-denied') ? whip.error : null;
  return (
    <section className="card broadcast" aria-labelledby="broadcast-title" data-state={whip.status}>
      <h2 id="broadcast-title">Broadcast</h2>
      <LocalPreview publisher={whip} className="preview" />
      <div className="devices">
        {/* Until the page may use devices, the camera picker alone offers Allow (it asks for both) or says they are blocked. */}
        <DeviceSelector kind="videoinput" publisher={whip} />
        {access.granted && <DeviceSelector kind="audioinput" publisher={whip} />}
      </div>
      <div className="controls">
        {/* Blocked devices: pressing would only fail (aria-disabled, so it keeps its place in the tab order). */}
        <GoLiveButton
          className="go-live"
          data-testid="go-live"
          publisher={whip}
          disabled={access.denied && whip.status === 'idle'}
          onStatusChange={onStatusChange}
        />
        {/* Switches for what is open: nothing to mute or replace before the camera is. */}
        {whip.stream && (
          <div className="toggles">
            <button className="button" data-size="small" type="button" onClick={() => whip.setMuted('video', !whip.muted.video)}>
              {whip.muted.video ? 'Turn camera on' : 'Turn camera off'}
            </button>
            <button className="button" data-size="small" type="button" onClick={() => whip.setMuted('audio', !whip.muted.audio)}>
              {whip.muted.audio ? 'Unmute microphone' : 'Mute microphone'}
            </button>
            {screenShare && (
              <button className="button" data-size="small" type="button" onClick={() => void toggleScreenShare()}>
                {whip.screenSharing ? 'Stop sharing' : 'Share screen'}
              </button>
            )}
          </div>
        )}
      </div>
      <p className="status" data-state={whip.status} role="status">
        {studioStatusText(whip.status, whip.stream !== null, access.denied)}
      </p>
      {error && (
        <p className="alert" role="alert" data-state="error" data-kind={error.kind}>
          {publishErrorMessage(error)}
        </p>
      )}
      {shareError && (
        <p className="alert" role="alert" data-state="error" data-kind={shareError.kind}>
          Could not share the screen: {shareError.message}
        </p>
      )}
      {/* Only while on air: the last readings of an ended broadcast are not its stats any more. */}
      {(whip.status === 'live' || whip.status === 'reconnecting') && <StudioStats publisher={whip} />}
    </section>
  );
}

function studioStatusText(status: WhipStatus, cameraOpen: boolean, blocked: boolean): string {
  if (status === 'idle' && !cameraOpen && blocked) return 'You can go live once the camera and microphone are allowed.';
  if (status === 'idle' && !cameraOpen) return 'Allow camera and microphone to see yourself here. Nothing is sent until you press Go live.';
  return whipStatusText(status);
}
