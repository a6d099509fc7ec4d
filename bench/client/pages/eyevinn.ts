// Eyevinn: @eyevinn/whip-web-client publishes, @eyevinn/webrtc-player (its WHEP adapter) plays.
import { WebRTCPlayer } from '@eyevinn/webrtc-player';
import { WHIPClient } from '@eyevinn/whip-web-client';
import { installBench } from './harness.ts';

installBench({
  async publish(url, stream) {
    const client = new WHIPClient({ endpoint: url, opts: { iceServers: [] } });
    await client.ingest(stream);
    return { stop: () => client.destroy() };
  },
  async play(url, video) {
    const player = new WebRTCPlayer({ video, type: 'whep', iceServers: [] });
    await player.load(new URL(url));
    return { stop: () => player.destroy() };
  },
});
