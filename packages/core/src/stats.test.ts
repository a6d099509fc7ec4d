import { expect, it } from 'vitest';
import { createStatsReader, normalizeStats } from './stats';

const report = (entries: Record<string, unknown>[]) => new Map(entries.map((e) => [e.id as string, e])) as unknown as RTCStatsReport;

it('normalises an inbound video stream', () => {
  const entries = (bytes: number, timestamp: number) => [
    { id: 'a', type: 'inbound-rtp', kind: 'audio', bytesReceived: 1 },
    {
      id: 'v', type: 'inbound-rtp', kind: 'video', timestamp, bytesReceived: bytes, framesPerSecond: 30, frameWidth: 640,
      frameHeight: 480, framesDecoded: 90, packetsLost: 5, packetsReceived: 95, jitter: 0.01, codecId: 'c',
      jitterBufferDelay: 9, jitterBufferEmittedCount: 90,
    },
    { id: 'c', type: 'codec', mimeType: 'video/VP8' },
    { id: 't', type: 'transport', selectedCandidatePairId: 'p' },
    { id: 'p', type: 'candidate-pair', currentRoundTripTime: 0.002, localCandidateId: 'l', remoteCandidateId: 'r' },
    { id: 'l', type: 'local-candidate', candidateType: 'host' },
    { id: 'r', type: 'remote-candidate', candidateType: 'srflx' },
  ];
  const first = normalizeStats(report(entries(1000, 1000)))!;
  expect(first).toEqual({
    timestamp: 1000, kind: 'video', bytes: 1000, bitrate: undefined, fps: 30, width: 640, height: 480, framesDecoded: 90,
    packetsLost: 5, packetLoss: 0.05, jitter: 0.01, rtt: 0.002, codec: 'VP8', candidatePairType: 'host/srflx', jitterBufferDelay: 0.1,
  });
  expect(normalizeStats(report(entries(126000, 2000)), first)!.bitrate).toBe(1_000_000);
});

it('takes outbound loss, jitter and RTT from remote-inbound-rtp', () => {
  const stats = normalizeStats(report([
    { id: 'o', type: 'outbound-rtp', kind: 'video', bytesSent: 10, packetsSent: 99, codecId: 'c' },
    { id: 'ri', type: 'remote-inbound-rtp', localId: 'o', packetsLost: 1, jitter: 0.002, roundTripTime: 0.03 },
    { id: 'c', type: 'codec', mimeType: 'video/H264' },
  ]))!;
  expect(stats).toMatchObject({ kind: 'video', bytes: 10, packetLoss: 0.01, jitter: 0.002, rtt: 0.03, codec: 'H264' });
});

it('is null without RTP', () => {
  expect(normalizeStats(report([{ id: 't', type: 'transport' }]))).toBeNull();
});

it('createStatsReader measures bitrate between calls and not across a reconnection', async () => {
  const readings = [
    [{ id: 'v', type: 'inbound-rtp', kind: 'video', timestamp: 0, bytesReceived: 0 }],
    [{ id: 'v', type: 'inbound-rtp', kind: 'video', timestamp: 500, bytesReceived: 62_500 }],
    [{ id: 'v', type: 'inbound-rtp', kind: 'video', timestamp: 1000, bytesReceived: 10 }],
  ];
  let connected = false;
  const read = createStatsReader({ getStats: async () => (connected ? report(readings.shift()!) : null) });
  expect(await read()).toBeNull();
  connected = true;
  expect((await read())!.bitrate).toBeUndefined();
  expect((await read())!.bitrate).toBe(1_000_000);
  expect((await read())!.bitrate).toBeUndefined();
});
