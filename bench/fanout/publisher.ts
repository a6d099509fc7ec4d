// The fan-out bench's publisher: one werift peer sending the synthetic ~2.5 Mbps VP8 stream and a
// synthetic Opus stream by WHIP.
import { OpusSource } from './opus-source.ts';
import { createPeer, connected, hangUp, signal } from './werift-peer.ts';
import { Vp8Source, type Vp8SourceOptions } from './vp8-source.ts';

export interface BenchPublisher {
  source: Vp8Source;
  audio: OpusSource;
  /** The publisher's peer connection state ('connected' while it is live). */
  readonly state: string;
  close(): Promise<void>;
}

export async function startPublisher(whipUrl: string, options: Vp8SourceOptions): Promise<BenchPublisher> {
  const pc = createPeer();
  const transceiver = pc.addTransceiver('video', { direction: 'sendonly' });
  const audioTransceiver = pc.addTransceiver('audio', { direction: 'sendonly' });
  let sessionUrl: string | undefined;
  try {
    ({ sessionUrl } = await signal(pc, whipUrl));
    await connected(pc, 10_000);
  } catch (error) {
    await hangUp(pc, sessionUrl);
    throw error;
  }
  const source = new Vp8Source((packet) => void transceiver.sender.sendRtp(packet), options);
  // Keyframe requests (PLI = payload-specific feedback, FIR) from the relay: next frame is a keyframe.
  transceiver.sender.onRtcp.subscribe((rtcp) => {
    if (rtcp.type === 206) source.requestKeyframe();
  });
  const audio = new OpusSource((packet) => void audioTransceiver.sender.sendRtp(packet));
  source.start();
  audio.start();
  return {
    source,
    audio,
    get state() {
      return pc.connectionState;
    },
    async close() {
      source.stop();
      audio.stop();
      await hangUp(pc, sessionUrl);
    },
  };
}
