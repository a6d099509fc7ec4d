import { expect, test } from 'vitest';
import { SequenceTracker } from './sequenceTracker.js';

const arrivals = (seqs: number[]) => {
  const tracker = new SequenceTracker();
  return seqs.map((seq) => {
    const arrival = tracker.push(seq);
    return arrival.fresh ? arrival.lost : 'repeat';
  });
};

test('in order: fresh, nothing lost', () => {
  expect(arrivals([10, 11, 12])).toEqual([0, 0, 0]);
});

test('a gap counts once; the missing packet, retransmitted, is fresh; its repeat is not', () => {
  expect(arrivals([10, 11, 14, 12, 13, 12, 13])).toEqual([0, 0, 2, 0, 0, 'repeat', 'repeat']);
});

test('a repeat of the newest or of an older packet that arrived is a repeat (RTX probing resends old packets)', () => {
  expect(arrivals([10, 11, 11, 12, 10, 11])).toEqual([0, 0, 'repeat', 0, 'repeat', 'repeat']);
});

test('sequence numbers wrap around', () => {
  expect(arrivals([65534, 65535, 0, 2, 1, 65535, 0])).toEqual([0, 0, 0, 1, 0, 'repeat', 'repeat']);
});

test('a jump far back (the sender numbered again) starts over instead of being taken for old packets', () => {
  expect(arrivals([30_000, 30_001, 100, 101, 102])).toEqual([0, 0, 0, 0, 0]);
});

test('repeats are known up to 1023 packets behind the newest', () => {
  const tracker = new SequenceTracker();
  for (let seq = 0; seq <= 2000; seq++) tracker.push(seq);
  expect(tracker.push(2000 - 1023).fresh).toBe(false);
  // 1024 behind is beyond the window: taken as the sender numbering again.
  expect(tracker.push(2000 - 1024)).toEqual({ fresh: true, lost: 0 });
});
