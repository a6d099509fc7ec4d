import { RtcpReceiverInfo, RtcpRrPacket, RtpHeader, RtpPacket } from 'werift';
import type { MediaStreamTrack } from 'werift';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import type { OnairServer } from './onairServer.js';
import { startOnairServer } from './onairServer.js';
import type { RelayStats } from './relay.js';
import { RtpForwarder } from './rtpForwarder.js';
import type { TestPeer } from './weriftTestPeer.js';
import { connect, creatorPeer, eventually, fakeVp8, sendFakeVideo, viewerPeer } from './weriftTestPeer.js';

// Overload that degrades gracefully (issue 10): whole video frames are dropped, up to a keyframe,
// for the whole fan-out when it falls behind or for one viewer that cannot keep up; audio never;
// and what is sent is renumbered, so viewers see no loss to NACK.
vi.setConfig({ testTimeout: 30_000 });
let server: OnairServer;
const peers: TestPeer[] = [];
const stops: (() => void)[] = [];

beforeAll(async () => {
  server = await startOnairServer({ port: 0 });
});
afterEach(async () => {
  vi.restoreAllMocks();
  stops.splice(0).forEach((stop) => stop());
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
afterAll(() => server.close());

const stats = async (uid: string) => (await fetch(`${server.url}/_onair/live_inputs/${uid}/stats`)).json() as Promise<RelayStats>;
const isKeyframe = (payload: Buffer) => payload.equals(fakeVp8(true));
/** sendFakeVideo's timestamps: one frame every 1800 ticks. */
const FRAME_TICKS = 1800;

/** A live creator sending fake video (a keyframe every `gop` frames, and on PLI when `honourPli`) and audio. */
async function creatorWithAudio(gop: number, honourPli: boolean) {
  const input = ((await (await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await creatorPeer();
  peers.push(creator);
  let wanted = false;
  const video = creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender;
  video.onPictureLossIndication.subscribe(() => (wanted = honourPli));
  await connect(creator, input.webRTC.url);
  await eventually('creator live', async () => (await (await fetch(`${server.url}/${input.uid}/lifecycle`)).json()).live);
  stops.push(
    sendFakeVideo(creator.video!, gop, () => {
      const key = wanted;
      wanted = false;
      return key;
    }),
  );
  const audio = creator.pc.getTransceivers().find((t) => t.kind === 'audio')!.sender.track as MediaStreamTrack;
  let seq = 0;
  const timer = setInterval(() => {
    seq++;
    audio.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 111, sequenceNumber: seq & 0xffff, timestamp: seq * 960 }), Buffer.from([0xfc, seq & 0xff])));
  }, 20);
  stops.push(() => clearInterval(timer));
  return { input };
}

/** A viewer recording every packet per kind: sequence number, timestamp, payload. */
async function recordingViewer(url: string) {
  const viewer = await viewerPeer();
  peers.push(viewer);
  const got = { video: [] as RtpPacket[], audio: [] as RtpPacket[] };
  viewer.pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => got[track.kind as 'video' | 'audio'].push(rtp)));
  await connect(viewer, url);
  await eventually('video and audio at the viewer', () => got.video.length > 5 && got.audio.length > 5);
  return { viewer, got };
}

/** Sequence numbers follow each other without a gap (mod 2^16). */
function contiguous(packets: RtpPacket[]): boolean {
  return packets.every((p, i) => i === 0 || ((p.header.sequenceNumber - packets[i - 1]!.header.sequenceNumber) & 0xffff) === 1);
}

/** Frames after left-out frames (a timestamp step beyond one frame): each must be a keyframe. */
function afterGaps(packets: RtpPacket[]): RtpPacket[] {
  return packets.filter((p, i) => i > 0 && ((p.header.timestamp - packets[i - 1]!.header.timestamp) >>> 0) > FRAME_TICKS);
}

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('a fan-out that falls behind drops whole video frames up to a keyframe for everyone; audio goes on; viewers see no gap', async () => {
  const { input } = await creatorWithAudio(25, true);
  const { got } = await recordingViewer(input.webRTCPlayback.url);
  // Video sends become far slower than the creator's frame rate: the backlog passes 300 ms.
  const send = RtpForwarder.prototype.send;
  const slow = vi.spyOn(RtpForwarder.prototype, 'send').mockImplementation(function (this: RtpForwarder, packet, sequenceNumber) {
    if (packet.header.payloadType !== 111) busy(40);
    return send.call(this, packet, sequenceNumber);
  });
  await eventually('frames dropped', async () => (await stats(input.uid)).framesDropped >= 3);
  slow.mockRestore();
  const audioBefore = got.audio.length;
  await eventually('video again after the drop, from a keyframe', () => afterGaps(got.video).length > 0 && got.video.length > afterGaps(got.video).length + 20);
  await eventually('audio still flowing', () => got.audio.length > audioBefore + 20);

  const relay = await stats(input.uid);
  expect(relay.packetsDropped).toBeGreaterThan(0);
  expect(contiguous(got.video)).toBe(true);
  expect(afterGaps(got.video).every((p) => isKeyframe(p.payload))).toBe(true);
  // Audio: every packet the creator sent, none left out.
  expect(contiguous(got.audio)).toBe(true);
});

test('a viewer that reports heavy loss gets whole frames up to the next keyframe; the other viewers get every frame', async () => {
  const { input } = await creatorWithAudio(25, false);
  const lossy = await recordingViewer(input.webRTCPlayback.url);
  const healthy = await recordingViewer(input.webRTCPlayback.url);
  const receiver = lossy.viewer.pc.getTransceivers().find((t) => t.kind === 'video')!.receiver;
  const fractionLost = 200; // of 256
  const report = new RtcpRrPacket({
    ssrc: receiver.rtcpSsrc,
    reports: [new RtcpReceiverInfo({ ssrc: lossy.viewer.video!.ssrc, fractionLost, packetsLost: 0, highestSequence: 0, jitter: 0, lsr: 0, dlsr: 0 })],
  });
  await receiver.dtlsTransport.sendRtcp([report]);
  await eventually('frames dropped for that viewer', async () => (await stats(input.uid)).viewerFramesDropped > 0);
  await eventually('its video again, from the next keyframe', () => afterGaps(lossy.got.video).length > 0 && lossy.got.video.at(-1) !== afterGaps(lossy.got.video).at(-1));

  expect(contiguous(lossy.got.video)).toBe(true);
  expect(afterGaps(lossy.got.video).every((p) => isKeyframe(p.payload))).toBe(true);
  expect(afterGaps(healthy.got.video)).toEqual([]);
  expect(contiguous(healthy.got.video)).toBe(true);
  expect((await stats(input.uid)).framesDropped).toBe(0);
});
