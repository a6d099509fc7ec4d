// medooze whip-whep: the caller builds the RTCPeerConnection and attaches the tracks itself.
import { WHEPClient } from 'whip-whep/whep.js';
import { WHIPClient } from 'whip-whep/whip.js';
import { installBench } from './harness.ts';

installBench({
  async publish(url, stream) {
    const pc = new RTCPeerConnection({ iceServers: [] });
    for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    const client = new WHIPClient();
    await client.publish(pc, url);
    return { stop: () => client.stop() };
  },
  async play(url, video) {
    const pc = new RTCPeerConnection({ iceServers: [] });
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.addEventListener('track', (event) => {
      if (event.track.kind === 'video') video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    });
    const client = new WHEPClient();
    await client.view(pc, url);
    return { stop: () => client.stop() };
  },
});
