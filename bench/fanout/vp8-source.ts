// A synthetic VP8 RTP stream at a fixed bitrate: valid VP8 payload descriptors (picture id, start
// bit) and frame headers (key/inter frames, 1280×720), filler for the compressed data. The relay
// neither decodes nor re-encodes, so what it is measured on is the packet rate and size that a
// real 720p ~2.5 Mbps VP8 publisher produces, with the exact bitrate under the bench's control
// (a Chromium publisher on this shared 2-core machine would spend a core encoding and its rate
// would follow its own bandwidth estimate).
import { RtpHeader, RtpPacket } from 'werift';

export interface Vp8SourceOptions {
  bitrateBps: number;
  fps: number;
  /** RTP payload size limit (bytes), like Chromium's ~1200-byte packets. */
  maxPayload: number;
  /** A keyframe every N frames (and on request). */
  keyframeInterval: number;
}

export class Vp8Source {
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private pictureId = Math.floor(Math.random() * 0x7fff);
  private frame = 0;
  private keyframeWanted = true;
  private readonly filler: Buffer;
  private timer: NodeJS.Timeout | undefined;
  private pacer: NodeJS.Timeout | undefined;
  /** Packets waiting for the pacer, with the time each is due. */
  private readonly queue: { due: number; packet: RtpPacket }[] = [];
  /** RTP packets handed to the sender so far (what a viewer that received nothing missed). */
  packetsSent = 0;

  constructor(
    private readonly send: (packet: RtpPacket) => void,
    private readonly options: Vp8SourceOptions,
  ) {
    this.filler = Buffer.alloc(options.maxPayload, 0);
    for (let i = 0; i < this.filler.length; i++) this.filler[i] = (i * 131 + 7) & 0xff;
  }

  requestKeyframe(): void {
    this.keyframeWanted = true;
  }

  start(): void {
    const interval = 1000 / this.options.fps;
    const startedAt = performance.now();
    // Frames on a fixed schedule (not setInterval drift): a late tick sends the frames it missed.
    const tick = () => {
      const due = Math.floor((performance.now() - startedAt) / interval);
      while (this.frame <= due) this.sendFrame();
      this.timer = setTimeout(tick, Math.max(0, startedAt + this.frame * interval - performance.now()));
    };
    tick();
    // Like Chromium's pacer: a frame's packets leave spread over part of the frame interval, in
    // small bursts every 5 ms, not all at once (a whole-frame burst would inflate the relay's
    // event-loop lag beyond what a real creator causes).
    this.pacer = setInterval(() => {
      const now = performance.now();
      while (this.queue.length && this.queue[0]!.due <= now) {
        this.packetsSent++;
        this.send(this.queue.shift()!.packet);
      }
    }, 5);
  }

  stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.pacer);
  }

  private sendFrame(): void {
    const key = this.keyframeWanted || this.frame % this.options.keyframeInterval === 0;
    this.keyframeWanted = false;
    const frameBytes = Math.round(this.options.bitrateBps / 8 / this.options.fps);
    const descriptorBytes = 4;
    const chunk = this.options.maxPayload - descriptorBytes;
    const packets = Math.max(1, Math.ceil(frameBytes / chunk));
    const pictureId = this.pictureId;
    const now = performance.now();
    // Chromium paces at 2.5× the target rate: a frame drains in 40 % of its interval.
    const spacing = (0.4 * 1000) / this.options.fps / packets;
    for (let i = 0; i < packets; i++) {
      const size = Math.min(chunk, frameBytes - i * chunk);
      const payload = Buffer.allocUnsafe(descriptorBytes + size);
      // VP8 payload descriptor (RFC 7741): X=1, S on the first packet, PID 0; I=1; 15-bit picture id.
      payload[0] = 0x80 | (i === 0 ? 0x10 : 0);
      payload[1] = 0x80;
      payload[2] = 0x80 | ((pictureId >> 8) & 0x7f);
      payload[3] = pictureId & 0xff;
      this.filler.copy(payload, descriptorBytes, 0, size);
      if (i === 0) {
        // VP8 frame tag: P bit 0 = keyframe, show_frame = 1; keyframes carry the start code and size.
        payload[descriptorBytes] = (key ? 0x00 : 0x01) | 0x10;
        if (key) {
          payload.set([0x9d, 0x01, 0x2a], descriptorBytes + 3);
          payload.writeUInt16LE(1280, descriptorBytes + 6);
          payload.writeUInt16LE(720, descriptorBytes + 8);
        }
      }
      const header = new RtpHeader({
        payloadType: 96,
        sequenceNumber: this.sequence,
        timestamp: this.timestamp,
        marker: i === packets - 1,
      });
      this.sequence = (this.sequence + 1) & 0xffff;
      this.queue.push({ due: now + i * spacing, packet: new RtpPacket(header, payload) });
    }
    this.pictureId = (this.pictureId + 1) & 0x7fff;
    this.timestamp = (this.timestamp + Math.round(90000 / this.options.fps)) >>> 0;
    this.frame++;
  }
}
