/** How far back a late packet is still recognised as one (the relay's SequenceTracker window). */
const LATE_WINDOW = 1024;

/** Whether 16-bit sequence number `a` comes before `b`. */
const before = (a: number, b: number) => {
  const ahead = (b - a) & 0xffff;
  return ahead !== 0 && ahead < 0x8000;
};

/**
 * Thins a video stream by whole frames, for a fan-out or one viewer that cannot keep up. Once
 * told to drop, it lets nothing through from the next frame start until a keyframe starts (a
 * delta frame after a missing one would not decode); a frame already under way is finished.
 * What it lets through is renumbered so the receiver sees no gap where frames were left out:
 * nothing to NACK, no loss reported, whole frames at a lower rate. A late packet (a
 * retransmission) from before a dropped stretch cannot be numbered any more and is dropped.
 */
export class FrameDropper {
  packetsDropped = 0;
  framesDropped = 0;
  private state: 'passing' | 'dropping-next' | 'dropping' = 'passing';
  private source: number | undefined;
  private frame: number | undefined;
  /** Packets left out so far: subtracted from the sequence numbers of those let through. */
  private leftOut = 0;
  /** The first sequence number numbered with the current `leftOut`; earlier ones are too late. */
  private numberedFrom: number | undefined;

  get dropping(): boolean {
    return this.state !== 'passing';
  }

  /** Drops from the next frame start until a keyframe. */
  drop(): void {
    if (this.state === 'passing') this.state = 'dropping-next';
  }

  /**
   * The packet's sequence number for the receiver, or null when it is left out. `canResume`: a
   * keyframe may end the dropping now (the caller has caught up).
   */
  pass(ssrc: number, sequenceNumber: number, timestamp: number, keyframe: boolean, canResume = true): number | null {
    if (ssrc !== this.source) {
      // A new creator numbers its packets afresh; what was left out of the old one does not count.
      this.source = ssrc;
      this.leftOut = 0;
      this.numberedFrom = undefined;
      this.frame = undefined;
    }
    if (this.numberedFrom !== undefined && before(sequenceNumber, this.numberedFrom)) {
      this.packetsDropped++;
      return null;
    }
    const frameStart = timestamp !== this.frame;
    if (frameStart) {
      this.frame = timestamp;
      // A keyframe at the next frame start leaves nothing to drop.
      if (this.state !== 'passing') this.state = keyframe && canResume ? 'passing' : 'dropping';
    }
    if (this.state === 'dropping') {
      this.packetsDropped++;
      if (frameStart) this.framesDropped++;
      this.leftOut++;
      this.numberedFrom = (sequenceNumber + 1) & 0xffff;
      return null;
    }
    // Far past the dropped stretch nothing that late comes any more; the half-range comparison
    // would otherwise take packets 2^15 later for late ones.
    if (this.numberedFrom !== undefined && ((sequenceNumber - this.numberedFrom) & 0xffff) > LATE_WINDOW) this.numberedFrom = undefined;
    return (sequenceNumber - this.leftOut) & 0xffff;
  }
}
