// Eyevinn: `@eyevinn/whip-web-client` publishes, `@eyevinn/webrtc-player` (its WHEP adapter) plays.
import { WebRTCPlayer } from '@eyevinn/webrtc-player';
import { WHIPClient } from '@eyevinn/whip-web-client';
import type { NpmClient } from './npmClient';

export const eyevinnClient: NpmClient = {
  async publish(url, stream) {
    const client = new WHIPClient({ endpoint: url, opts: { iceServers: [] } });
    await client.ingest(stream);
    return () => client.destroy();
  },
  async play(url, video) {
    const player = new WebRTCPlayer({ video, type: 'whep', iceServers: [] });
    await player.load(new URL(url));
    return () => player.destroy();
  },
};
