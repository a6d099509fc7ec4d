// The publisher every viewer run watches: a plain WHIP exchange with no client library
// (full ICE gathering, which is instant on loopback), so no client's publisher skews another's viewer.
import { installBench } from './harness.ts';

async function publish(url: string, stream: MediaStream) {
  const pc = new RTCPeerConnection({ iceServers: [] });
  for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: pc.localDescription!.sdp });
  if (response.status !== 201) throw new Error(`WHIP POST answered ${response.status}`);
  const location = new URL(response.headers.get('location')!, url).href;
  await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
  return {
    stop: async () => {
      pc.close();
      await fetch(location, { method: 'DELETE' });
    },
  };
}

installBench({
  publish,
  play: () => Promise.reject(new Error('the reference page only publishes')),
});
