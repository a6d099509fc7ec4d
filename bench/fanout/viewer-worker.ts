// A load-generator process: many lightweight werift WHEP viewers of one stream, each counting the
// RTP packets it receives and the ones it misses by sequence number. Driven over IPC by fanout/run.ts.
import { SrtpAuthenticationError, type RTCPeerConnection } from 'werift';
import type { ViewerReply, ViewerRequest, WindowStats } from './viewer-protocol.ts';
import { connected, createPeer, hangUp, signal } from './werift-peer.ts';

if (!process.send) throw new Error('viewer-worker must be forked by bench/fanout/run.ts');
const reply = (message: ViewerReply) => process.send!(message);

class Viewer {
  /** Highest extended sequence number received (−1 before the first packet). */
  highest = -1;
  /** Window state: extended sequence numbers seen since the window started. */
  private windowStartHighest = -1;
  private seen: Set<number> | null = null;

  private resolveFirstPacket: (at: number) => void = () => {};
  /** When the first RTP packet arrived (performance.now()). */
  readonly firstPacketAt = new Promise<number>((resolve) => (this.resolveFirstPacket = resolve));

  constructor(
    readonly pc: RTCPeerConnection,
    public sessionUrl?: string,
  ) {}

  onPacket(sequenceNumber: number): void {
    if (this.highest < 0) this.resolveFirstPacket(performance.now());
    // Extend the 16-bit sequence number relative to the highest so far (RFC 3550 A.1); the first
    // one starts one cycle up so that packets reordered before it stay positive.
    let extended: number;
    if (this.highest < 0) extended = 0x10000 + sequenceNumber;
    else {
      let delta = (sequenceNumber - (this.highest & 0xffff)) & 0xffff;
      if (delta >= 0x8000) delta -= 0x10000;
      extended = this.highest + delta;
    }
    if (extended > this.highest) this.highest = extended;
    if (this.seen && extended > this.windowStartHighest) this.seen.add(extended);
  }

  startWindow(): void {
    this.windowStartHighest = this.highest;
    this.seen = new Set();
  }

  /** [expected, received] since startWindow. */
  endWindow(): [number, number] {
    const seen = this.seen ?? new Set();
    this.seen = null;
    if (this.windowStartHighest < 0) return [seen.size, seen.size];
    return [Math.max(0, this.highest - this.windowStartHighest), seen.size];
  }
}

// SRTP leaves the RTP header in clear and the bench only reads sequence numbers, so viewers skip
// the AES + HMAC per packet (the server still encrypts for every viewer): otherwise the load
// generator, not the server, is the first thing to saturate on 2 cores.
// Default ('count'): the sequence number is read and the packet dropped before werift's RTP
// stack, which halves the load generator's CPU; viewers then send no NACKs, so loss is counted
// before any retransmission. BENCH_VIEWERS=full keeps werift's whole receive path (NACKs,
// receiver reports) and counts after NACK recovery.
const fullReceivePath = process.env.BENCH_VIEWERS === 'full';
// Throwing werift's own "invalid packet" error is how a packet leaves its pipeline early; the
// stack trace would be wasted work.
Error.stackTraceLimit = 0;
const counted = new SrtpAuthenticationError('counted by the bench');

function tapSrtp(pc: RTCPeerConnection, viewer: Viewer): void {
  for (const transport of pc.dtlsTransports) {
    const srtp = (transport as unknown as { srtp?: { decrypt: (packet: Buffer) => Buffer } }).srtp;
    if (!srtp) continue;
    srtp.decrypt = fullReceivePath
      ? (packet) => packet
      : (packet) => {
          viewer.onPacket(packet.readUInt16BE(2));
          throw counted;
        };
  }
}

const viewers: Viewer[] = [];
let cpuAtWindow = process.cpuUsage();
let windowStartedAt = performance.now();

async function addViewer(whepUrl: string, connectTimeoutMs: number): Promise<number> {
  const pc = createPeer();
  const transceiver = pc.addTransceiver('video', { direction: 'recvonly' });
  const viewer = new Viewer(pc);
  const startedAt = performance.now();
  transceiver.onTrack.subscribe((track) => {
    track.onReceiveRtp.subscribe((rtp) => viewer.onPacket(rtp.header.sequenceNumber));
  });
  const firstPacket = viewer.firstPacketAt.then((at) => at - startedAt);
  try {
    viewer.sessionUrl = (await signal(pc, whepUrl)).sessionUrl;
    await connected(pc, connectTimeoutMs);
    tapSrtp(pc, viewer);
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
function endWindow(id: number, publisherSent: number): ViewerReply {
  let expected = 0;
  let received = 0;
  let silent = 0;
  let worstLoss = 0;
  for (const viewer of viewers) {
    const [own, r] = viewer.endWindow();
    const e = r === 0 ? publisherSent : own;
    expected += e;
    received += Math.min(r, e);
    if (r === 0) silent++;
    if (e > 0) worstLoss = Math.max(worstLoss, 1 - Math.min(r, e) / e);
  }
  const cpu = process.cpuUsage(cpuAtWindow);
  const elapsedUs = (performance.now() - windowStartedAt) * 1000;
  const stats: WindowStats = {
    viewers: viewers.length,
    expected,
    received,
    silent,
    worstLoss,
    cpuPercent: ((cpu.user + cpu.system) / elapsedUs) * 100,
  };
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
      for (const viewer of viewers) viewer.startWindow();
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
