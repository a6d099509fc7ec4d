/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  runs: number;
  ok: number;
  failed: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** Summary of the successful runs; failures are counted, never averaged in. */
export function summarize(values: readonly number[], failed: number): Summary {
  return {
    runs: values.length + failed,
    ok: values.length,
    failed,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}
