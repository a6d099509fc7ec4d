// A synthetic Opus RTP stream: one 20 ms packet every 20 ms (~48 kbps with headers), what a
// browser's microphone track sends. The relay does not decode it: what matters is that audio
// packets are small, regular and must never be dropped.
import { RtpHeader, RtpPacket } from 'werift';

const FRAME_MS = 20;
/** 48 kHz clock, 20 ms per packet. */
const TIMESTAMP_STEP = 960;
const PAYLOAD_BYTES = 100;

export class OpusSource {
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private readonly payload = Buffer.alloc(PAYLOAD_BYTES, 0x5a);
  private timer: NodeJS.Timeout | undefined;
  private sent = 0;
  /** RTP packets handed to the sender so far. */
  packetsSent = 0;

  constructor(private readonly send: (packet: RtpPacket) => void) {}

  start(): void {
    const startedAt = performance.now();
    // On a fixed schedule: a late tick sends the packets it missed, as a real 20 ms clock would.
    const tick = () => {
      const due = Math.floor((performance.now() - startedAt) / FRAME_MS);
      while (this.sent <= due) {
        const header = new RtpHeader({ payloadType: 111, sequenceNumber: this.sequence, timestamp: this.timestamp, marker: false });
        this.sequence = (this.sequence + 1) & 0xffff;
        this.timestamp = (this.timestamp + TIMESTAMP_STEP) >>> 0;
        this.sent++;
        this.packetsSent++;
        this.send(new RtpPacket(header, this.payload));
      }
      this.timer = setTimeout(tick, Math.max(0, startedAt + this.sent * FRAME_MS - performance.now()));
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
