import { RtpHeader, RtpPacket } from 'werift';
import { expect, test, vi } from 'vitest';
import { KEYFRAME_CACHE_MAX_PACKETS, KeyframeCache } from './keyframeCache.js';

const add = (cache: KeyframeCache, ssrc: number, seq: number, timestamp: number, keyframe: boolean) =>
  cache.add(new RtpPacket(new RtpHeader({ ssrc, sequenceNumber: seq, timestamp, payloadType: 96 }), Buffer.from([seq])), keyframe);
const seqs = (cache: KeyframeCache) => cache.snapshot()?.packets.map((p) => p.header.sequenceNumber);

test('holds the whole group of pictures: the keyframe and every delta since, never deltas alone', () => {
  const cache = new KeyframeCache();
  add(cache, 1, 1, 0, false);
  expect(cache.snapshot()).toBeNull();
  add(cache, 1, 2, 3000, true);
  add(cache, 1, 3, 6000, false);
  add(cache, 1, 4, 9000, false);
  expect(seqs(cache)).toEqual([2, 3, 4]);
  add(cache, 1, 5, 12000, true);
  add(cache, 1, 6, 15000, false);
  expect(seqs(cache)).toEqual([5, 6]);
});

test('a keyframe over several packets (H.264 SPS, PPS, IDR) starts one group, not one per packet', () => {
  const cache = new KeyframeCache();
  add(cache, 1, 10, 3000, true); // SPS
  add(cache, 1, 11, 3000, false); // PPS
  add(cache, 1, 12, 3000, true); // IDR
  add(cache, 1, 13, 6000, false);
  expect(seqs(cache)).toEqual([10, 11, 12, 13]);
});

test('packets of another SSRC are not mixed in; an overlong group is dropped', () => {
  const cache = new KeyframeCache();
  add(cache, 1, 1, 0, true);
  add(cache, 2, 50, 0, false);
  expect(seqs(cache)).toEqual([1]);
  for (let i = 2; i <= KEYFRAME_CACHE_MAX_PACKETS + 1; i++) add(cache, 1, i, i * 3000, false);
  expect(cache.snapshot()).toBeNull();
  // Deltas after the drop stay out until the next keyframe.
  add(cache, 1, 9000, 1, false);
  expect(cache.snapshot()).toBeNull();
});

test('reports how long ago its keyframe arrived', () => {
  vi.useFakeTimers({ now: 1_000_000 });
  try {
    const cache = new KeyframeCache();
    add(cache, 1, 1, 0, true);
    vi.advanceTimersByTime(120);
    add(cache, 1, 2, 3000, false);
    expect(cache.snapshot()?.ageMs).toBe(120);
  } finally {
    vi.useRealTimers();
  }
});
