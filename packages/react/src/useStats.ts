'use client';
import { useEffect, useState } from 'react';
import { createStatsReader, type MediaStats } from '@onair/core';

export interface UseStatsOptions {
  /** How often to read (ms). Default 1 000. */
  intervalMs?: number;
}

const STATS_INTERVAL_MS = 1_000;

/**
 * Normalised stats of a publisher's or player's connection (bitrate, fps, resolution, loss, jitter-buffer
 * delay, RTT, codec, candidate types; a player's glass-to-glass `latencyMs`), read every `intervalMs`; null until the first reading and while
 * there is no connection. Only the component calling it re-renders: use it in the part that shows them.
 */
export function useStats(
  session: Parameters<typeof createStatsReader>[0] | null | undefined,
  { intervalMs = STATS_INTERVAL_MS }: UseStatsOptions = {},
): MediaStats | null {
  const [stats, setStats] = useState<MediaStats | null>(null);
  const getStats = session?.getStats;
  // Players have it: their `latencyMs` comes from it.
  const getReceivers = session?.getReceivers;
  useEffect(() => {
    if (!getStats) return;
    const read = createStatsReader({ getStats, getReceivers });
    let active = true;
    const tick = () =>
      void read().then(
        (next) => active && setStats(next),
        () => active && setStats(null),
      );
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [getStats, getReceivers, intervalMs]);
  return stats;
}
