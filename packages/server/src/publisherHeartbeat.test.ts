import { RtcpRrPacket, type RTCPeerConnection } from 'werift';
import { afterEach, expect, test, vi } from 'vitest';
import { startHeartbeat } from './publisherHeartbeat.js';

afterEach(() => vi.useRealTimers());

test('an empty receiver report to the creator every 200 ms while its transport is connected, none after the stop', () => {
  vi.useFakeTimers();
  const sent: unknown[][] = [];
  const dtlsTransport = { state: 'connecting', sendRtcp: async (packets: unknown[]) => void sent.push(packets) };
  const pc = { getReceivers: () => [{ rtcpSsrc: 7, dtlsTransport }] } as unknown as RTCPeerConnection;
  const stop = startHeartbeat(pc);
  vi.advanceTimersByTime(1_000);
  expect(sent).toEqual([]);
  dtlsTransport.state = 'connected';
  vi.advanceTimersByTime(1_000);
  expect(sent).toHaveLength(5);
  expect(sent[0]).toEqual([expect.any(RtcpRrPacket)]);
  expect(sent[0]![0]).toMatchObject({ ssrc: 7, reports: [] });
  stop();
  vi.advanceTimersByTime(1_000);
  expect(sent).toHaveLength(5);
});
