import { MediaStreamTrack, RtpHeader, RtpPacket } from 'werift';
import type { RTCPeerConnection } from 'werift';
import { until } from '../../../tests/support/until';
import { createPeerConnection, skipStunFallback } from './peerConnection.js';

/** Test-only: werift peers acting as a WHIP creator or a WHEP viewer against the real server. */
export interface TestPeer {
  pc: RTCPeerConnection;
  offer: string;
  /** The creator's outgoing video track, or the viewer's incoming one once it exists. */
  video: MediaStreamTrack | null;
  /** Video RTP packets received (viewers). */
  received(): number;
  /** The first video RTP packet received (viewers). */
  firstPacket: RtpPacket | null;
  close(): Promise<void>;
}

export async function creatorPeer(codecs?: Parameters<typeof createPeerConnection>[0]): Promise<TestPeer> {
  const pc = createPeerConnection(codecs);
  const video = new MediaStreamTrack({ kind: 'video' });
  pc.addTransceiver(video, { direction: 'sendonly' });
  pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
  await setLocalOffer(pc);
  return { pc, offer: pc.localDescription!.sdp, video, received: () => 0, firstPacket: null, close: () => pc.close() };
}

export async function viewerPeer(codecs?: Parameters<typeof createPeerConnection>[0]): Promise<TestPeer> {
  const pc = createPeerConnection(codecs);
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  let received = 0;
  const peer: TestPeer = { pc, offer: '', video: null, received: () => received, firstPacket: null, close: () => pc.close() };
  // werift makes a new track per signalled SSRC when the answer arrives.
  pc.onTrack.subscribe((track) => {
    if (track.kind !== 'video') return;
    peer.video = track;
    track.onReceiveRtp.subscribe((rtp) => {
      peer.firstPacket ??= rtp;
      received++;
    });
  });
  await setLocalOffer(pc);
  peer.offer = pc.localDescription!.sdp;
  return peer;
}

/** VP8 payload starting a frame: a keyframe (P=0) or an interframe (P=1). */
export const fakeVp8 = (keyframe: boolean) => Buffer.from([0x10, keyframe ? 0x00 : 0x01, 0x9d, 0x01, 0x2a, 1, 2, 3, 4]);

/**
 * Writes one-packet fake VP8 frames every 20 ms, a keyframe every `gop` frames and whenever
 * `keyframeWanted()` says so (an encoder honouring PLI), until stopped.
 */
export function sendFakeVideo(track: MediaStreamTrack, gop = 1, keyframeWanted: () => boolean = () => false): () => void {
  let frame = 0;
  const timer = setInterval(() => {
    const header = new RtpHeader({ payloadType: 96, sequenceNumber: (frame + 1) & 0xffff, timestamp: frame * 1800, marker: true });
    track.writeRtp(new RtpPacket(header, fakeVp8(keyframeWanted() || frame % gop === 0)));
    frame++;
  }, 20);
  return () => clearInterval(timer);
}

/** Writes an Opus-like packet every 20 ms (payload type 111), until stopped. */
export function sendFakeAudio(track: MediaStreamTrack): () => void {
  let packet = 0;
  const timer = setInterval(() => {
    packet++;
    track.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 111, sequenceNumber: packet & 0xffff, timestamp: packet * 960 }), Buffer.from([0xfc, packet & 0xff])));
  }, 20);
  return () => clearInterval(timer);
}

export async function post(url: string, sdp: string, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp', ...headers }, body: sdp });
}

/** POSTs the peer's offer and applies the answer; returns the absolute session URL and ETag. */
export async function connect(peer: TestPeer, url: string): Promise<{ session: string; etag: string; response: Response }> {
  const response = await post(url, peer.offer);
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  await peer.pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
  return { session: new URL(response.headers.get('Location')!, url).href, etag: response.headers.get('ETag')!, response };
}

/** The shared test poller, with a 10 s default: werift peers on loopback settle fast. */
export const eventually = <T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000) =>
  until(what, probe, timeoutMs) as Promise<NonNullable<T>>;

async function setLocalOffer(pc: RTCPeerConnection): Promise<void> {
  const offer = await pc.createOffer();
  skipStunFallback(pc);
  await pc.setLocalDescription(offer);
}
