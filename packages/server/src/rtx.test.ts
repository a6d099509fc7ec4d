import { RTCRtpCodecParameters } from 'werift';
import { expect, test } from 'vitest';
import { relayCodecs } from './codecs.js';
import { repairCodecOf, rtxCodecFor, withoutOrphanRtx } from './rtx.js';

// The video section of a Chromium offer, shortened: VP8 and H.264 with rtx, red and ulpfec with rtx
// for red, and H.265 (not relayed) with its rtx.
const offer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 49 50 114 115 116',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:102 H264/90000',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
  'a=rtpmap:103 rtx/90000',
  'a=fmtp:103 apt=102',
  'a=rtpmap:49 H265/90000',
  'a=rtpmap:50 rtx/90000',
  'a=fmtp:50 apt=49',
  'a=rtpmap:114 red/90000',
  'a=rtpmap:115 rtx/90000',
  'a=fmtp:115 apt=114',
  'a=rtcp-fb:115 nack',
  'a=rtpmap:116 ulpfec/90000',
  '',
].join('\r\n');

const video = () => relayCodecs().video;

test('rtx repairing a codec we do not relay leaves the offer, with its attribute lines', () => {
  const cleaned = withoutOrphanRtx(offer, video());
  expect(cleaned).toContain('m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 49 114 116\r\n');
  expect(cleaned).toContain('a=fmtp:97 apt=96');
  expect(cleaned).toContain('a=fmtp:103 apt=102');
  for (const gone of ['a=rtpmap:50 ', 'a=fmtp:50 ', 'a=rtpmap:115 ', 'a=fmtp:115 ', 'a=rtcp-fb:115 ']) expect(cleaned).not.toContain(gone);
  // Everything else is untouched, line for line.
  expect(cleaned.split('\r\n').length).toBe(offer.split('\r\n').length - 5);
});

test('an offer without orphan rtx comes back unchanged', () => {
  const cleaned = withoutOrphanRtx(offer, video());
  expect(withoutOrphanRtx(cleaned, video())).toBe(cleaned);
});

test('rtx whose apt names no payload type of the section is an orphan too', () => {
  const broken = offer.replace('a=fmtp:97 apt=96', 'a=fmtp:97 apt=5').replace('a=fmtp:103 apt=102', 'a=fmtp:103 apt=x');
  const cleaned = withoutOrphanRtx(broken, video());
  expect(cleaned).toContain('m=video 9 UDP/TLS/RTP/SAVPF 96 102 49 114 116\r\n');
});

test('the local rtx codec repairs the offer’s first relayed codec that has one', () => {
  const rtx = rtxCodecFor(offer, video())!;
  expect(rtx).toMatchObject({ mimeType: 'video/rtx', payloadType: 97, parameters: 'apt=96' });
  // Only H.265 (not relayed) has rtx: none.
  const h265Only = offer.replace('a=fmtp:97 apt=96', '').replace('a=fmtp:103 apt=102', '');
  expect(rtxCodecFor(h265Only, video())).toBeUndefined();
  expect(relayCodecs(offer).video.at(-1)).toMatchObject({ name: 'rtx', payloadType: 97 });
  expect(relayCodecs().video.some((c) => c.name === 'rtx')).toBe(false);
});

test('the repair codec of a negotiated codec is the rtx whose apt is its payload type', () => {
  const codec = (mimeType: string, payloadType: number, parameters?: string) => new RTCRtpCodecParameters({ mimeType, clockRate: 90000, payloadType, parameters });
  const vp8 = codec('video/VP8', 96);
  const h264 = codec('video/H264', 102);
  const codecs = [vp8, codec('video/rtx', 97, 'apt=96'), h264, codec('video/rtx', 103, 'apt=1025'), codec('video/rtx', 104, 'apt=102')];
  expect(repairCodecOf(codecs, vp8)?.payloadType).toBe(97);
  expect(repairCodecOf(codecs, h264)?.payloadType).toBe(104);
  expect(repairCodecOf([h264], h264)).toBeUndefined();
});
