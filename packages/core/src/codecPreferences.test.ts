import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOUDFLARE_CODECS, preferCodecs, sortCodecs } from './codecPreferences';
import { OnairError } from './errors';

// What Chromium 156 reports (shortened).
const video: RTCRtpCodec[] = [
  { mimeType: 'video/VP8', clockRate: 90000 },
  { mimeType: 'video/rtx', clockRate: 90000, sdpFmtpLine: 'apt=96' },
  { mimeType: 'video/H264', clockRate: 90000, sdpFmtpLine: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f' },
  { mimeType: 'video/H264', clockRate: 90000, sdpFmtpLine: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f' },
  { mimeType: 'video/H264', clockRate: 90000, sdpFmtpLine: 'level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f' },
  { mimeType: 'video/H264', clockRate: 90000, sdpFmtpLine: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f' },
  { mimeType: 'video/VP9', clockRate: 90000, sdpFmtpLine: 'profile-id=0' },
  { mimeType: 'video/AV1', clockRate: 90000 },
  { mimeType: 'video/red', clockRate: 90000 },
  { mimeType: 'video/ulpfec', clockRate: 90000 },
];
const line = (c: RTCRtpCodec) => `${c.mimeType} ${c.sdpFmtpLine ?? ''}`.trim();

describe('codec preferences', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('orders by preference and keeps the resilience formats last', () => {
    expect(sortCodecs(video, ['vp9', 'AV1']).map(line)).toEqual([
      'video/VP9 profile-id=0',
      'video/AV1',
      'video/rtx apt=96',
      'video/red',
      'video/ulpfec',
    ]);
  });

  it('keeps only Constrained Baseline H.264 with the Cloudflare preset', () => {
    const sorted = sortCodecs(video, CLOUDFLARE_CODECS.videoCodecs, CLOUDFLARE_CODECS.h264Profiles).map((c) => c.mimeType + (c.sdpFmtpLine?.match(/profile-level-id=\w+/)?.[0] ?? ''));
    expect(sorted.slice(0, 4)).toEqual([
      'video/VP9',
      'video/VP8',
      'video/H264profile-level-id=42e01f',
      'video/H264profile-level-id=42e01f',
    ]);
    expect(sorted.join()).not.toMatch(/42001f|4d001f|AV1/);
  });

  it('applies them through setCodecPreferences, and says so when nothing is left', () => {
    vi.stubGlobal('RTCRtpReceiver', { getCapabilities: () => ({ codecs: video }) });
    const transceiver = { setCodecPreferences: vi.fn() } as unknown as RTCRtpTransceiver;
    preferCodecs(transceiver, 'video', { videoCodecs: ['H264'], h264Profiles: ['42e01f'] });
    expect([...vi.mocked(transceiver.setCodecPreferences).mock.calls[0]![0]].map((c) => c.mimeType)).toEqual([
      'video/H264',
      'video/H264',
      'video/rtx',
      'video/red',
      'video/ulpfec',
    ]);
    expect(() => preferCodecs(transceiver, 'video', { videoCodecs: ['HEVC'] })).toThrow(OnairError);
    // No preferences, no call (the browser's defaults stand).
    preferCodecs(transceiver, 'audio', { videoCodecs: ['VP8'] });
    expect(transceiver.setCodecPreferences).toHaveBeenCalledTimes(1);
  });
});
