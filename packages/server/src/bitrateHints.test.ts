import { expect, test } from 'vitest';
import { addBitrateHints } from './bitrateHints.js';

const answer = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:102 H264/90000',
  'a=fmtp:102 profile-level-id=42e01f;packetization-mode=1',
  'a=mid:1',
  '',
].join('\r\n');

test('video codecs get the x-google bitrate hints; audio and RTX do not', () => {
  const hinted = addBitrateHints(answer);
  expect(hinted).toContain('a=fmtp:111 minptime=10;useinbandfec=1\r\n');
  expect(hinted).toContain('a=fmtp:96 x-google-start-bitrate=2500;x-google-min-bitrate=1250\r\n');
  expect(hinted).toContain('a=fmtp:97 apt=96\r\n');
  expect(hinted).toContain('a=fmtp:102 profile-level-id=42e01f;packetization-mode=1;x-google-start-bitrate=2500;x-google-min-bitrate=1250\r\n');
  // The added fmtp sits in its codec's block, before the next attribute.
  expect(hinted.indexOf('a=fmtp:96')).toBeLessThan(hinted.indexOf('a=rtpmap:97'));
  expect(hinted.indexOf('a=fmtp:96')).toBeGreaterThan(hinted.indexOf('a=rtcp-fb:96 nack'));
});
