import { describe, expect, it } from 'vitest';
import { cellOrigin, CELL, decodeStamp, encodeStamp, GRID, readStamp, STAMP_BITS, stampAge } from './stamp.ts';

/** The grid's RGBA pixels for `ms`, as the creator paints it (grey 64 outside the cells is never read). */
function paint(ms: number, blur = 0): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(GRID.width * GRID.height * 4).fill(64);
  encodeStamp(ms).forEach((white, i) => {
    const { x, y } = cellOrigin(i);
    for (let dy = 0; dy < CELL; dy++) {
      for (let dx = 0; dx < CELL; dx++) {
        const o = ((y + dy) * GRID.width + x + dx) * 4;
        const level = white ? 255 - blur : blur;
        rgba.set([level, level, level, 255], o);
      }
    }
  });
  return rgba;
}

describe('the glass-to-glass stamp', () => {
  it('reads back the 24-bit wall-clock milliseconds painted, through a soft encode', () => {
    const now = 1_765_100_000_123.4;
    expect(readStamp(paint(now))).toBe(Math.floor(now) % 2 ** 24);
    expect(readStamp(paint(now, 100))).toBe(Math.floor(now) % 2 ** 24);
  });

  it('rejects a torn frame: any single flipped cell fails the check', () => {
    const bits = encodeStamp(123_456_789);
    expect(decodeStamp(bits)).toBe(123_456_789 % 2 ** 24);
    for (let i = 0; i < STAMP_BITS; i++) {
      const torn = bits.map((bit, j) => (j === i ? !bit : bit));
      expect(decodeStamp(torn)).toBeNull();
    }
  });

  it('ages a stamp across the 24-bit wrap, and slightly negative when the clocks disagree by a hair', () => {
    const painted = 2 ** 24 - 10;
    expect(stampAge(2 ** 24 * 5 + 30.5, painted)).toBeCloseTo(40.5);
    expect(stampAge(2 ** 24 * 5 + 1000, 1001)).toBe(-1);
  });
});
