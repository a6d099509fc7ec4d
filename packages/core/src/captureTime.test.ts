import { expect, it } from 'vitest';
import { captureLatency, withCaptureTime } from './captureTime';
import { createStatsReader } from './stats';

const ABS_CAPTURE_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time';
const NTP_UNIX_MS = 2_208_988_800_000;

it('offers abs-capture-time (stopped by default in Chromium) and leaves the other extensions as they were', () => {
  let negotiated: unknown;
  const transceiver = {
    getHeaderExtensionsToNegotiate: () => [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', direction: 'sendrecv' },
      { uri: ABS_CAPTURE_TIME, direction: 'stopped' },
      { uri: 'urn:3gpp:video-orientation', direction: 'stopped' },
    ],
    setHeaderExtensionsToNegotiate: (extensions: unknown) => (negotiated = extensions),
  } as unknown as RTCRtpTransceiver;
  expect(withCaptureTime(transceiver)).toBe(transceiver);
  expect(negotiated).toEqual([
    { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', direction: 'sendrecv' },
    { uri: ABS_CAPTURE_TIME, direction: 'sendrecv' },
    { uri: 'urn:3gpp:video-orientation', direction: 'stopped' },
  ]);
  // Platforms without the API (Safari < 17, react-native-webrtc) are left alone.
  const plain = {} as RTCRtpTransceiver;
  expect(withCaptureTime(plain)).toBe(plain);
});

const receiver = (kind: string, sources: object[]) => ({ track: { kind }, getSynchronizationSources: () => sources }) as unknown as RTCRtpReceiver;

it('latency = playout time − capture time (NTP → Unix ms), the capture time moved to the sender’s clock by its offset', () => {
  const playout = 1_800_000_000_500;
  const video = receiver('video', [{ timestamp: playout, captureTimestamp: 1_800_000_000_420 + NTP_UNIX_MS, senderCaptureTimeOffset: 0, source: 1 }]);
  expect(captureLatency([receiver('audio', []), video], 'video')).toBe(80);
  // Capture clock = sender clock + offset: a capture clock 30 ms ahead of the sender's.
  const ahead = receiver('video', [{ timestamp: playout, captureTimestamp: 1_800_000_000_450 + NTP_UNIX_MS, senderCaptureTimeOffset: 30, source: 1 }]);
  expect(captureLatency([ahead], 'video')).toBe(80);
  // No offset sent: taken as 0.
  const bare = receiver('video', [{ timestamp: playout, captureTimestamp: 1_800_000_000_420 + NTP_UNIX_MS, source: 1 }]);
  expect(captureLatency([bare], 'video')).toBe(80);
});

it('no capture time, no latencyMs (absent, not 0)', async () => {
  const withoutExtension = receiver('video', [{ timestamp: 1_800_000_000_500, source: 1, rtpTimestamp: 0 }]);
  expect(captureLatency([withoutExtension], 'video')).toBeUndefined();
  expect(captureLatency([receiver('audio', [{ timestamp: 1, captureTimestamp: NTP_UNIX_MS, source: 2 }])], 'video')).toBeUndefined();

  const report = new Map([['v', { id: 'v', type: 'inbound-rtp', kind: 'video', timestamp: 1, bytesReceived: 1 }]]) as unknown as RTCStatsReport;
  const stats = await createStatsReader({ getStats: async () => report, getReceivers: () => [withoutExtension] })();
  expect(stats).not.toHaveProperty('latencyMs', expect.anything());
  const read = createStatsReader({
    getStats: async () => report,
    getReceivers: () => [receiver('video', [{ timestamp: 1_800_000_000_500, captureTimestamp: 1_800_000_000_400 + NTP_UNIX_MS, source: 1 }])],
  });
  expect((await read())!.latencyMs).toBe(100);
});
