/** Sequence numbers remembered behind the newest: ~1.5 s of 720p video. */
const WINDOW = 1024;

/** What a packet is to its stream: `lost` counts the packets its arrival shows missing. */
export type Arrival = { fresh: true; lost: number } | { fresh: false };

/**
 * One RTP stream's sequence numbers as they arrive: the gaps (loss), and the packets that came
 * before — retransmissions of packets that did arrive, or Chromium's RTX bandwidth probes, which
 * resend old packets — so those are relayed once. A packet missing and then retransmitted is fresh.
 */
export class SequenceTracker {
  private newest: number | undefined;
  /** Slot `seq % WINDOW` holds the last sequence number seen there. */
  private readonly seen = new Int32Array(WINDOW).fill(-1);

  push(seq: number): Arrival {
    const newest = this.newest;
    const ahead = newest === undefined ? 1 : (seq - newest + 0x10000) % 0x10000;
    const behind = 0x10000 - ahead;
    if (ahead === 0 || (ahead >= 0x8000 && behind < WINDOW && this.seen[seq % WINDOW] === seq)) return { fresh: false };
    this.seen[seq % WINDOW] = seq;
    if (ahead < 0x8000) {
      this.newest = seq;
      return { fresh: true, lost: ahead - 1 };
    }
    // Far behind: the sender started its numbers again.
    if (behind >= WINDOW) this.newest = seq;
    return { fresh: true, lost: 0 };
  }
}
