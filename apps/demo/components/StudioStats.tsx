'use client';

import type { MediaStats } from '@onair/core';
import { useStats, type UseWhipResult } from '@onair/react';

// Readings people can act on while live: is it sending, at what quality, over what kind of link.
const READINGS: ReadonlyArray<[label: string, read: (stats: MediaStats) => string | undefined]> = [
  ['Bitrate', (s) => (s.bitrate === undefined ? undefined : s.bitrate >= 1e6 ? `${(s.bitrate / 1e6).toFixed(1)} Mbps` : `${Math.round(s.bitrate / 1e3)} kbps`)],
  ['Frame rate', (s) => (s.fps === undefined ? undefined : `${Math.round(s.fps)} fps`)],
  ['Resolution', (s) => (s.width && s.height ? `${s.width}×${s.height}` : undefined)],
  ['Round trip', (s) => (s.rtt === undefined ? undefined : `${Math.round(s.rtt * 1000)} ms`)],
  ['Packet loss', (s) => (s.packetLoss === undefined ? undefined : `${(s.packetLoss * 100).toFixed(1)} %`)],
];

/**
 * The broadcast's stats, read every second while there is a connection (its own re-renders only).
 * A reading the browser has not reported yet shows as a dash, so the grid does not jump.
 */
export function StudioStats({ publisher }: { publisher: Pick<UseWhipResult, 'getStats'> }) {
  const stats = useStats(publisher);
  if (!stats) return null;
  return (
    <>
      <h3 className="sr-only">Broadcast stats</h3>
      <dl className="stats" data-testid="studio-stats">
        {READINGS.map(([label, read]) => (
          <div key={label} className="stat">
            <dt>{label}</dt>
            <dd>{read(stats) ?? '–'}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
