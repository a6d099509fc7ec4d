import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { localStunUrl } from './localStun';
import { waitFor } from './waitFor';

/**
 * Lightweight WebRTC peers (werift) that stand in for a browser: they produce real JSEP offers and
 * answers, connect over loopback and send or receive RTP. Every peer is tracked so a suite can
 * close whatever it created in afterAll.
 */
const peers = new Set<RTCPeerConnection>();

const VIDEO_CLOCK = 90_000;
const FRAME_INTERVAL_MS = 33; // ~30 fps of synthetic VP8
const KEYFRAME_EVERY = 30; // one keyframe a second, so late joiners start quickly

// See localStun.ts: without a reachable STUN server werift's gathering can stall for 5 s.
const stunUrl = await localStunUrl();

export function createPeer(): RTCPeerConnection {
  const pc = new RTCPeerConnection({
    iceServers: [{ urls: stunUrl }],
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
    codecs: {
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: VIDEO_CLOCK,
          rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
        }),
      ],
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2 })],
    },
  });
  peers.add(pc);
  return pc;
}

export async function closePeer(pc: RTCPeerConnection): Promise<void> {
  peers.delete(pc);
  await pc.close().catch(() => undefined);
}

export async function closeAllPeers(): Promise<void> {
  await Promise.all([...peers].map(closePeer));
}

/** Resolves once werift has put all its candidates into the local description. */
async function gathered(pc: RTCPeerConnection): Promise<string> {
  await waitFor(() => pc.iceGatheringState === 'complete', { what: 'ICE gathering', interval: 10 });
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new Error('no local description');
  return sdp;
}

export interface OfferOptions {
  /** WHIP offers send (sendonly), WHEP offers receive (recvonly). */
  direction: 'sendonly' | 'recvonly' | 'sendrecv';
  /** Number of audio / video m-lines (WHIP allows at most one of each). */
  audio?: number;
  video?: number;
}

/** A complete (all candidates) JSEP offer from a fresh peer. */
export async function createOffer({ direction, audio = 1, video = 1 }: OfferOptions): Promise<{ pc: RTCPeerConnection; sdp: string }> {
  const pc = createPeer();
  for (let i = 0; i < video; i++) pc.addTransceiver('video', { direction });
  for (let i = 0; i < audio; i++) pc.addTransceiver('audio', { direction });
  await pc.setLocalDescription(await pc.createOffer());
  return { pc, sdp: await gathered(pc) };
}

/** Answers a server's offer (WHEP server-offer mode) with a receive-only peer. */
export async function answerOffer(pc: RTCPeerConnection, offerSdp: string): Promise<string> {
  await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  for (const transceiver of pc.getTransceivers()) transceiver.setDirection('recvonly');
  await pc.setLocalDescription(await pc.createAnswer());
  return gathered(pc);
}

export interface HttpSession {
  pc: RTCPeerConnection;
  /** Absolute session URL (Location resolved against the endpoint). */
  location: string;
  etag: string | null;
  answer: string;
  response: Response;
}

function bearer(token?: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** POSTs a werift offer to a WHIP/WHEP endpoint and applies the 201's answer. */
export async function negotiate(endpoint: string, direction: OfferOptions['direction'], token?: string): Promise<HttpSession> {
  const { pc, sdp } = await createOffer({ direction });
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/sdp', ...bearer(token) }, body: sdp });
  const answer = await response.text();
  if (response.status !== 201) {
    await closePeer(pc);
    throw Object.assign(new Error(`POST ${endpoint} → ${response.status}: ${answer.slice(0, 200)}`), { status: response.status });
  }
  const location = new URL(response.headers.get('location') ?? '', endpoint).href;
  await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  return { pc, location, etag: response.headers.get('etag'), answer, response };
}

export async function waitConnected(pc: RTCPeerConnection, timeout = 15_000): Promise<void> {
  const state = () =>
    `connection ${pc.connectionState}, ICE ${pc.iceConnectionState}, DTLS ${pc.dtlsTransports.map((t) => t.state).join('/') || 'none'}`;
  await waitFor(
    () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') throw new Error(state());
      return pc.connectionState === 'connected';
    },
    { timeout, what: 'peer connection', interval: 20 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; ${state()}`);
  });
}

/** A synthetic VP8 stream: single-packet frames, a keyframe each second. */
function vp8Frame(index: number): Buffer {
  const key = index % KEYFRAME_EVERY === 0;
  const descriptor = 0x10; // S bit: start of a VP8 partition
  const body = key
    ? [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00] // key frame, 320x240
    : [0x11, 0x02, 0x00];
  return Buffer.from([descriptor, ...body, ...new Array(200).fill(index & 0xff)]);
}

export interface Publisher extends HttpSession {
  /** Number of frames sent so far. */
  readonly framesSent: number;
  /** Stops sending, DELETEs the session and closes the peer. Idempotent. */
  stop(): Promise<void>;
}

/** A werift creator: publishes synthetic VP8 to a WHIP endpoint until stopped. */
export async function publish(whipUrl: string, token?: string): Promise<Publisher> {
  const session = await negotiate(whipUrl, 'sendonly', token);
  await waitConnected(session.pc);
  const video = session.pc.getTransceivers().find((t) => t.kind === 'video');
  if (!video) throw new Error('publisher has no video transceiver');
  let frames = 0;
  const sequenceStart = Math.floor(Math.random() * 0xffff);
  const timestampStart = Math.floor(Math.random() * 0xffffffff);
  const timer = setInterval(() => {
    const header = new RtpHeader({
      payloadType: 96,
      marker: true,
      sequenceNumber: (sequenceStart + frames) & 0xffff,
      timestamp: (timestampStart + frames * (VIDEO_CLOCK / 30)) >>> 0,
    });
    void video.sender.sendRtp(new RtpPacket(header, vp8Frame(frames)).serialize()).catch(() => undefined);
    frames += 1;
  }, FRAME_INTERVAL_MS);
  let stopped: Promise<void> | undefined;
  return {
    ...session,
    get framesSent() {
      return frames;
    },
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await fetch(session.location, { method: 'DELETE', headers: bearer(token) }).catch(() => undefined);
        await closePeer(session.pc);
      })();
      return stopped;
    },
  };
}

export interface Viewer extends HttpSession {
  /** Resolves with the first RTP packet's payload type received on the video track. */
  firstVideoPacket(timeout?: number): Promise<number>;
  stop(): Promise<void>;
}

/** Tracks the first video RTP packet a peer receives. */
export function watchFirstVideoPacket(pc: RTCPeerConnection): (timeout?: number) => Promise<number> {
  let first: number | undefined;
  pc.onTrack.subscribe((track) => {
    if (track.kind !== 'video') return;
    track.onReceiveRtp.subscribe((rtp) => {
      first ??= rtp.header.payloadType;
    });
  });
  // Video payload types are dynamic (96–127), so a received one is always truthy.
  return (timeout = 15_000) => waitFor(() => first, { timeout, what: 'first video RTP packet' });
}

/** A werift viewer: WHEP client offer (recvonly), connects, and counts what arrives. */
export async function play(whepUrl: string, token?: string): Promise<Viewer> {
  const { pc, sdp } = await createOffer({ direction: 'recvonly' });
  const firstVideoPacket = watchFirstVideoPacket(pc);
  const response = await fetch(whepUrl, { method: 'POST', headers: { 'content-type': 'application/sdp', ...bearer(token) }, body: sdp });
  const answer = await response.text();
  if (response.status !== 201) {
    await closePeer(pc);
    throw Object.assign(new Error(`POST ${whepUrl} → ${response.status}: ${answer.slice(0, 200)}`), { status: response.status });
  }
  const location = new URL(response.headers.get('location') ?? '', whepUrl).href;
  await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  let stopped: Promise<void> | undefined;
  return {
    pc,
    location,
    etag: response.headers.get('etag'),
    answer,
    response,
    firstVideoPacket,
    stop() {
      stopped ??= (async () => {
        await fetch(location, { method: 'DELETE', headers: bearer(token) }).catch(() => undefined);
        await closePeer(pc);
      })();
      return stopped;
    },
  };
}
