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
 * delay, RTT, codec, candidate types), read every `intervalMs`; null until the first reading and while
 * there is no connection. Only the component calling it re-renders: use it in the part that shows them.
 */
export function useStats(session: { getStats(): Promise<RTCStatsReport | null> } | null | undefined, { intervalMs = STATS_INTERVAL_MS }: UseStatsOptions = {}): MediaStats | null {
  const [stats, setStats] = useState<MediaStats | null>(null);
  const getStats = session?.getStats;
  useEffect(() => {
    if (!getStats) return;
    const read = createStatsReader({ getStats });
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
  }, [getStats, intervalMs]);
  return stats;
}
