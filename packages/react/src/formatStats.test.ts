import { describe, expect, it } from 'vitest';
import type { MediaStats } from '@onair/core';
import { formatStats } from './formatStats';

const base: MediaStats = { timestamp: 0, kind: 'video', bytes: 0 };

describe('formatStats', () => {
  it('gives each reading its unit and leaves out the missing ones', () => {
    expect(formatStats({ ...base, bitrate: 2_450_000, width: 1280, height: 720, fps: 29.7, packetLoss: 0.0123, jitterBufferDelay: 0.0121, codec: 'VP8' })).toEqual([
      ['Bitrate', '2.5 Mbps'],
      ['Resolution', '1280×720'],
      ['Frame rate', '30 fps'],
      ['Codec', 'VP8'],
      ['Packet loss', '1.2 %'],
      ['Jitter buffer', '12 ms'],
    ]);
  });

  it('shows a bitrate under 1 Mbps in kbps, and zero readings as zero', () => {
    expect(formatStats({ ...base, bitrate: 640_400, packetLoss: 0, rtt: 0.0315, latencyMs: 180.4, candidatePairType: 'host' })).toEqual([
      ['Bitrate', '640 kbps'],
      ['Packet loss', '0.0 %'],
      ['Round trip', '32 ms'],
      ['Latency', '180 ms'],
      ['Path', 'host'],
    ]);
  });
});
