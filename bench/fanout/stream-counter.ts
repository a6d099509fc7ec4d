// What one viewer receives of one RTP stream over a measurement window: distinct sequence numbers
// (loss), and for video whole frames (every packet from the one after the previous frame's marker
// to this frame's marker) versus broken ones, and frames that follow dropped frames.

/** 90 kHz video clock at 30 fps; a larger step between two frames means frames were left out. */
const FRAME_STEP = 3000;

export interface StreamWindow {
  /** Packets the viewer should have received (the sequence range it saw). */
  expected: number;
  /** Distinct sequence numbers received (a retransmission that fills a gap counts once). */
  received: number;
  /** Video: frames received whole. */
  framesWhole: number;
  /** Video: frames with a packet missing (what a decoder cannot use). */
  framesBroken: number;
  /**
   * Video: frames that follow left-out frames (a timestamp step beyond one frame) and are not
   * keyframes: a decoder would decode them against a picture it never got. Null when keyframes
   * are not visible (light viewers do not decrypt the payload).
   */
  deltaAfterGap: number | null;
}

/** A sum that stays null (unknown) once a part is unknown. */
export const addKnown = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

export class StreamCounter {
  /** Highest extended sequence number received (−1 before the first packet). */
  highest = -1;
  private windowStartHighest = -1;
  private window: { seqs: number[]; timestamps: number[]; markers: boolean[]; keyframes: (boolean | undefined)[] } | null = null;

  onPacket(sequenceNumber: number, timestamp: number, marker: boolean, keyframe?: boolean): void {
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
    const window = this.window;
    if (window && extended > this.windowStartHighest) {
      window.seqs.push(extended);
      window.timestamps.push(timestamp);
      window.markers.push(marker);
      window.keyframes.push(keyframe);
    }
  }

  startWindow(): void {
    this.windowStartHighest = this.highest;
    this.window = { seqs: [], timestamps: [], markers: [], keyframes: [] };
  }

  endWindow(): StreamWindow {
    const window = this.window ?? { seqs: [], timestamps: [], markers: [], keyframes: [] };
    this.window = null;
    const packets = new Map<number, { timestamp: number; marker: boolean; keyframe: boolean | undefined }>();
    window.seqs.forEach((seq, i) => packets.set(seq, { timestamp: window.timestamps[i]!, marker: window.markers[i]!, keyframe: window.keyframes[i] }));
    const received = packets.size;
    const expected = this.windowStartHighest < 0 ? received : Math.max(0, this.highest - this.windowStartHighest);

    // Frames by timestamp, in sequence order; the first and the last (cut by the window) are not judged.
    const frames = new Map<number, number[]>();
    for (const seq of [...packets.keys()].sort((a, b) => a - b)) {
      const { timestamp } = packets.get(seq)!;
      let list = frames.get(timestamp);
      if (!list) frames.set(timestamp, (list = []));
      list.push(seq);
    }
    const ordered = [...frames.values()];
    let framesWhole = 0;
    let framesBroken = 0;
    let deltaAfterGap = 0;
    let keyframesVisible = false;
    let previousTimestamp: number | undefined;
    for (const [i, seqs] of ordered.entries()) {
      const first = seqs[0]!;
      const last = seqs[seqs.length - 1]!;
      const head = packets.get(first)!;
      if (head.keyframe !== undefined) keyframesVisible = true;
      const judged = i > 0 && i < ordered.length - 1;
      if (judged) {
        const startsClean = packets.get(first - 1)?.marker === true;
        const whole = startsClean && packets.get(last)!.marker && last - first + 1 === seqs.length;
        if (whole) framesWhole++;
        else framesBroken++;
        const step = previousTimestamp === undefined ? 0 : (head.timestamp - previousTimestamp) >>> 0;
        if (step > 1.5 * FRAME_STEP && head.keyframe === false) deltaAfterGap++;
      }
      previousTimestamp = head.timestamp;
    }
    return { expected, received, framesWhole, framesBroken, deltaAfterGap: keyframesVisible ? deltaAfterGap : null };
  }
}
