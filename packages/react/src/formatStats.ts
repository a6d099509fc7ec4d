import type { MediaStats } from '@onair/core';

/** `n × scale` with its unit, or undefined when the reading is missing. */
const show = (n: number | undefined, unit: string, digits = 0, scale = 1) => (n === undefined ? undefined : `${(n * scale).toFixed(digits)} ${unit}`);

/** Stats as label/value pairs for people (units included); readings that are missing are left out. */
export function formatStats(stats: MediaStats): Array<[label: string, value: string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Bitrate', stats.bitrate! >= 1e6 ? show(stats.bitrate! / 1e6, 'Mbps', 1) : show(stats.bitrate, 'kbps', 0, 1e-3)],
    ['Resolution', stats.width && stats.height ? `${stats.width}×${stats.height}` : undefined],
    ['Frame rate', show(stats.fps, 'fps')],
    ['Codec', stats.codec],
    ['Packet loss', show(stats.packetLoss, '%', 1, 100)],
    ['Jitter buffer', show(stats.jitterBufferDelay, 'ms', 0, 1e3)],
    ['Round trip', show(stats.rtt, 'ms', 0, 1e3)],
    ['Latency', show(stats.latencyMs, 'ms')],
    ['Path', stats.candidatePairType],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}
