import type { MediaStats } from '@onair/core';

const round = (n: number, digits = 0) => n.toFixed(digits);

/** Stats as label/value pairs for people (units included); readings that are missing are left out. */
export function formatStats(stats: MediaStats): Array<[label: string, value: string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Bitrate', stats.bitrate === undefined ? undefined : stats.bitrate >= 1e6 ? `${round(stats.bitrate / 1e6, 1)} Mbps` : `${round(stats.bitrate / 1e3)} kbps`],
    ['Resolution', stats.width && stats.height ? `${stats.width}×${stats.height}` : undefined],
    ['Frame rate', stats.fps === undefined ? undefined : `${round(stats.fps)} fps`],
    ['Codec', stats.codec],
    ['Packet loss', stats.packetLoss === undefined ? undefined : `${round(stats.packetLoss * 100, 1)} %`],
    ['Jitter buffer', stats.jitterBufferDelay === undefined ? undefined : `${round(stats.jitterBufferDelay * 1000)} ms`],
    ['Round trip', stats.rtt === undefined ? undefined : `${round(stats.rtt * 1000)} ms`],
    ['Latency', stats.latencyMs === undefined ? undefined : `${round(stats.latencyMs)} ms`],
    ['Path', stats.candidatePairType],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}
