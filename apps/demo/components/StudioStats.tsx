'use client';

import { formatStats, useStats, type UseWhipResult } from '@onair/react';

// Readings people can act on while live: is it sending, at what quality, over what kind of link
// (formatted by the kit, the same text its LivePlayer stats show).
const READINGS = ['Bitrate', 'Frame rate', 'Resolution', 'Round trip', 'Packet loss'];

/**
 * The broadcast's stats, read every second while there is a connection (its own re-renders only).
 * A reading the browser has not reported yet shows as a dash, so the grid does not jump.
 */
export function StudioStats({ publisher }: { publisher: Pick<UseWhipResult, 'getStats'> }) {
  const stats = useStats(publisher);
  if (!stats) return null;
  const readings = new Map(formatStats(stats));
  return (
    <>
      <h3 className="sr-only">Broadcast stats</h3>
      <dl className="stats" data-testid="studio-stats">
        {READINGS.map((label) => (
          <div key={label} className="stat">
            <dt>{label}</dt>
            <dd>{readings.get(label) ?? '–'}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
