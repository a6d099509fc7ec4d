import { describe, expect, it } from 'vitest';
import { findGap } from './gap.ts';

const frames = (from: number, to: number, every = 33) => Array.from({ length: Math.floor((to - from) / every) + 1 }, (_, i) => from + i * every);

describe('findGap', () => {
  it('finds the gap after the kill and the first frame of a steady run after it', () => {
    const before = frames(0, 1_000);
    const after = frames(3_000, 3_500);
    expect(findGap([...before, ...after], 500, 33)).toEqual({ before: before.at(-1), after: 3_000 });
  });

  it('is not there yet while frames have not come back, or only one lone frame came', () => {
    const before = frames(0, 1_000);
    expect(findGap(before, 500, 33)).toBeNull();
    expect(findGap([...before, 2_000], 500, 33)).toBeNull();
  });

  it('skips a lone frame before frames flow again, and ignores jitter and gaps before the kill', () => {
    const times = [...frames(0, 400), ...frames(1_000, 1_300), 2_000, ...frames(2_500, 2_800)];
    expect(findGap(times, 1_100, 33)).toEqual({ before: frames(1_000, 1_300).at(-1), after: 2_500 });
  });
});
