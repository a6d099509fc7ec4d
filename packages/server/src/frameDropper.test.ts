import { expect, test } from 'vitest';
import { FrameDropper } from './frameDropper.js';

/** Frames of `packets` packets each: [sequence number, timestamp, keyframe] per packet. */
function frames(first: number, count: number, packets: number, keyframeAt: (frame: number) => boolean) {
  const out: [number, number, boolean][] = [];
  for (let f = 0; f < count; f++) {
    for (let p = 0; p < packets; p++) out.push([(first + f * packets + p) & 0xffff, 3000 * f, p === 0 && keyframeAt(f)]);
  }
  return out;
}

test('drops whole frames from the next frame start until a keyframe; the frame under way is finished', () => {
  const dropper = new FrameDropper();
  const passed: number[] = [];
  const stream = frames(100, 6, 3, (f) => f === 4);
  for (const [i, [seq, ts, key]] of stream.entries()) {
    if (i === 4) dropper.drop(); // in the middle of frame 1
    const out = dropper.pass(1, seq, ts, key);
    if (out !== null) passed.push(out);
  }
  // Frames 0 and 1 whole, 2 and 3 dropped, 4 (a keyframe) and 5 through, numbered without a gap.
  expect(passed).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111]);
  expect(dropper.framesDropped).toBe(2);
  expect(dropper.packetsDropped).toBe(6);
  expect(dropper.dropping).toBe(false);
});

test('a keyframe that arrives while the caller is still behind does not end the dropping', () => {
  const dropper = new FrameDropper();
  dropper.drop();
  const passed = frames(0, 4, 1, () => true).map(([seq, ts, key], f) => dropper.pass(1, seq, ts, key, f >= 2));
  expect(passed).toEqual([null, null, 0, 1]);
});

test('a late packet from before a dropped stretch is dropped: it can no longer be numbered', () => {
  const dropper = new FrameDropper();
  expect(dropper.pass(1, 10, 0, true)).toBe(10);
  dropper.drop();
  expect(dropper.pass(1, 12, 3000, false)).toBeNull();
  expect(dropper.pass(1, 13, 6000, true)).toBe(12);
  // Packet 11 was lost on the way in and comes back now (a retransmission): too late.
  expect(dropper.pass(1, 11, 0, false)).toBeNull();
  expect(dropper.pass(1, 14, 9000, false)).toBe(13);
});

test('numbering wraps at 2^16, and a new source starts afresh', () => {
  const dropper = new FrameDropper();
  dropper.drop();
  expect(dropper.pass(1, 0xffff, 0, false)).toBeNull();
  expect(dropper.pass(1, 0, 3000, true)).toBe(0xffff);
  expect(dropper.pass(2, 500, 0, false)).toBe(500);
});

test('long after a dropped stretch packets keep passing (no half-range wrap into "late")', () => {
  const dropper = new FrameDropper();
  dropper.drop();
  expect(dropper.pass(1, 0, 0, false)).toBeNull();
  for (let seq = 1; seq < 70_000; seq++) {
    if (dropper.pass(1, seq & 0xffff, 3000 * seq, seq === 1) === null) throw new Error(`packet ${seq} dropped`);
  }
  expect(dropper.packetsDropped).toBe(1);
});
