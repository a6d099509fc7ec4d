// A creator's studio around one publisher, as the media tests use it: in the test page, and as a
// page of its own (studioFixture.html) when a test needs a real reload.
import { useEffect } from 'react';
import { DeviceSelector } from '../src/DeviceSelector';
import { GoLiveButton } from '../src/GoLiveButton';
import { LocalPreview } from '../src/LocalPreview';
import type { MediaDeviceList } from '../src/mediaDeviceList';
import { useWhip } from '../src/useWhip';

/** What the studio shows a test: the publisher's status and the camera it previews (and publishes). */
export interface StudioState {
  status: string;
  camera: string | null;
}

export function Studio({ url, devices, onState }: { url: string; devices?: MediaDeviceList; onState?: (state: StudioState) => void }) {
  const whip = useWhip({ url, preview: true, devices });
  const camera = whip.stream?.getVideoTracks()[0]?.label ?? null;
  useEffect(() => onState?.({ status: whip.status, camera }), [onState, whip.status, camera]);
  return (
    <>
      <LocalPreview publisher={whip} />
      <DeviceSelector kind="videoinput" publisher={whip} list={devices} />
      <GoLiveButton publisher={whip} />
      <button type="button" onClick={() => void (whip.screenSharing ? whip.stopSharing() : whip.shareScreen())}>
        {whip.screenSharing ? 'Stop sharing' : 'Share screen'}
      </button>
    </>
  );
}
