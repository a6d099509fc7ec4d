// A load-generator process: many werift WHEP viewers of one stream (video and audio), each counting
// what it receives by sequence number and, for video, by whole frames. Driven over IPC by
// fanout/run.ts; its mode (viewer-protocol.ts) comes in BENCH_VIEWER_MODE.
import { SrtpAuthenticationError, type RTCPeerConnection } from 'werift';
import { startsKeyframe } from '../../packages/server/src/keyframeDetector.ts';
import { addKnown, StreamCounter } from './stream-counter.ts';
import type { ViewerMode, ViewerReply, ViewerRequest, WindowStats } from './viewer-protocol.ts';
import { AUDIO_PAYLOAD_TYPE, VIDEO_PAYLOAD_TYPE, connected, createPeer, hangUp, signal } from './werift-peer.ts';

if (!process.send) throw new Error('viewer-worker must be forked by bench/fanout/run.ts');
const reply = (message: ViewerReply) => process.send!(message);
const mode: ViewerMode = process.env.BENCH_VIEWER_MODE === 'browser' ? 'browser' : 'light';

class Viewer {
  readonly video = new StreamCounter();
  readonly audio = new StreamCounter();
  private resolveFirstPacket: (at: number) => void = () => {};
  /** When the first video packet arrived (performance.now()). */
  readonly firstPacketAt = new Promise<number>((resolve) => (this.resolveFirstPacket = resolve));

  constructor(
    readonly pc: RTCPeerConnection,
    public sessionUrl?: string,
  ) {}

  onVideo(sequenceNumber: number, timestamp: number, marker: boolean, keyframe?: boolean): void {
    if (this.video.highest < 0) this.resolveFirstPacket(performance.now());
    this.video.onPacket(sequenceNumber, timestamp, marker, keyframe);
  }
}

// Throwing werift's own "invalid packet" error is how a packet leaves its pipeline early; the
// stack trace would be wasted work.
Error.stackTraceLimit = 0;
const counted = new SrtpAuthenticationError('counted by the bench');

/** Light viewers: the RTP header of an SRTP packet is in clear; the packet stops there. */
function countBeforeDecryption(pc: RTCPeerConnection, viewer: Viewer): void {
  for (const transport of pc.dtlsTransports) {
    const srtp = (transport as unknown as { srtp?: { decrypt: (packet: Buffer) => Buffer } }).srtp;
    if (!srtp) continue;
    srtp.decrypt = (packet) => {
      const payloadType = packet[1]! & 0x7f;
      const marker = (packet[1]! & 0x80) !== 0;
      const sequenceNumber = packet.readUInt16BE(2);
      const timestamp = packet.readUInt32BE(4);
      if (payloadType === VIDEO_PAYLOAD_TYPE) viewer.onVideo(sequenceNumber, timestamp, marker);
      else if (payloadType === AUDIO_PAYLOAD_TYPE) viewer.audio.onPacket(sequenceNumber, timestamp, marker);
      throw counted;
    };
  }
}

const viewers: Viewer[] = [];
let cpuAtWindow = process.cpuUsage();
let windowStartedAt = performance.now();

async function addViewer(whepUrl: string, connectTimeoutMs: number): Promise<number> {
  const pc = createPeer();
  const viewer = new Viewer(pc);
  const startedAt = performance.now();
  for (const kind of ['video', 'audio'] as const) {
    const transceiver = pc.addTransceiver(kind, { direction: 'recvonly' });
    transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe(({ header, payload }) => {
        if (kind === 'video') viewer.onVideo(header.sequenceNumber, header.timestamp, header.marker, startsKeyframe('video/VP8', payload));
        else viewer.audio.onPacket(header.sequenceNumber, header.timestamp, header.marker);
      });
    });
  }
  const firstPacket = viewer.firstPacketAt.then((at) => at - startedAt);
  try {
    viewer.sessionUrl = (await signal(pc, whepUrl)).sessionUrl;
    await connected(pc, connectTimeoutMs);
    if (mode === 'light') countBeforeDecryption(pc, viewer);
    const ms = await Promise.race([
      firstPacket,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no RTP within ${connectTimeoutMs} ms of connecting`)), connectTimeoutMs)),
    ]);
    viewers.push(viewer);
    return ms;
  } catch (error) {
    await hangUp(pc, viewer.sessionUrl);
    throw error;
  }
}

async function add(request: Extract<ViewerRequest, { type: 'add' }>): Promise<ViewerReply> {
  let next = 0;
  let failed = 0;
  const firstPacketMs: number[] = [];
  const errors = new Set<string>();
  const deadline = performance.now() + request.deadlineMs;
  const lane = async () => {
    while (next < request.count) {
      next++;
      if (performance.now() > deadline) {
        failed++;
        errors.add('not started: time budget');
        continue;
      }
      try {
        firstPacketMs.push(await addViewer(request.whepUrl, request.connectTimeoutMs));
      } catch (error) {
        failed++;
        errors.add(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(request.concurrency, request.count) }, lane));
  return { type: 'added', id: request.id, connected: firstPacketMs.length, failed, firstPacketMs, errors: [...errors].slice(0, 3) };
}

/** `publisherSent`: packets the publisher sent in the window — what a viewer that got none missed. */
function endWindow(id: number, publisherSent: { video: number; audio: number }): ViewerReply {
  const stats: WindowStats = {
    viewers: viewers.length,
    video: { expected: 0, received: 0, framesWhole: 0, framesBroken: 0, deltaAfterGap: 0 },
    audio: { expected: 0, received: 0 },
    silent: 0,
    worstLoss: 0,
    cpuPercent: 0,
    seconds: (performance.now() - windowStartedAt) / 1000,
  };
  for (const viewer of viewers) {
    const video = viewer.video.endWindow();
    const audio = viewer.audio.endWindow();
    const expected = video.received === 0 ? publisherSent.video : video.expected;
    stats.video.expected += expected;
    stats.video.received += Math.min(video.received, expected);
    stats.video.framesWhole += video.framesWhole;
    stats.video.framesBroken += video.framesBroken;
    stats.video.deltaAfterGap = addKnown(stats.video.deltaAfterGap, video.deltaAfterGap);
    const audioExpected = audio.received === 0 ? publisherSent.audio : audio.expected;
    stats.audio.expected += audioExpected;
    stats.audio.received += Math.min(audio.received, audioExpected);
    if (video.received === 0) stats.silent++;
    if (expected > 0) stats.worstLoss = Math.max(stats.worstLoss, 1 - Math.min(video.received, expected) / expected);
  }
  const cpu = process.cpuUsage(cpuAtWindow);
  stats.cpuPercent = ((cpu.user + cpu.system) / (stats.seconds * 1e6)) * 100;
  return { type: 'window-ended', id, stats };
}

async function closeAll(): Promise<void> {
  await Promise.all(viewers.splice(0).map((v) => hangUp(v.pc, v.sessionUrl)));
}

process.on('message', (request: ViewerRequest) => {
  switch (request.type) {
    case 'add':
      void add(request).then(reply);
      break;
    case 'window-start':
      for (const viewer of viewers) {
        viewer.video.startWindow();
        viewer.audio.startWindow();
      }
      cpuAtWindow = process.cpuUsage();
      windowStartedAt = performance.now();
      reply({ type: 'window-started', id: request.id });
      break;
    case 'window-end':
      reply(endWindow(request.id, request.publisherSent));
      break;
    case 'close':
      void closeAll().then(() => {
        reply({ type: 'closed', id: request.id });
        process.exit(0);
      });
      break;
  }
});
process.on('disconnect', () => void closeAll().then(() => process.exit(0)));
reply({ type: 'ready' });
