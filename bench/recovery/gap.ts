// Where a viewer's video stopped and came back, from the display times of the frames it presented.

/**
 * In presented-frame times: the first gap far longer than any jitter that ends after `killedAt`
 * (`before` = its last frame), and the first frame after it from which frames flow again (five in a
 * row, each within 200 ms: a lone frame while the player resets is not recovery). Null while not there yet.
 */
export function findGap(times: readonly number[], killedAt: number, interval: number): { before: number; after: number } | null {
  const start = times.findIndex((t, i) => i > 0 && t > killedAt && t - times[i - 1]! > Math.max(300, 10 * interval));
  if (start < 0) return null;
  for (let j = start; j + 4 < times.length; j++) {
    if (times.slice(j, j + 5).every((t, k, run) => k === 0 || t - run[k - 1]! < 200)) return { before: times[start - 1]!, after: times[j]! };
  }
  return null;
}
