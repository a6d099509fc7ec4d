import { RTCRtpCodecParameters, RTCRtpHeaderExtensionParameters, useNACK, useOPUS, usePLI, useREMB, useSdesMid } from 'werift';
import { rtxCodecFor } from './rtx.js';

const videoFeedback = () => [useNACK(), usePLI(), useREMB()];

/**
 * What the relay accepts and forwards. Negotiation in werift matches by MIME type and keeps the
 * remote's fmtp, so these parameters only matter when the server makes the offer.
 * AV1 must be named `video/AV1`: werift's own helper says `AV1X`, which Chromium does not know.
 * Given the offer to answer, RTX is added where the offer has it (rtx.ts).
 */
export function relayCodecs(offer?: string): { video: RTCRtpCodecParameters[]; audio: RTCRtpCodecParameters[] } {
  const video = [
    new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, rtcpFeedback: videoFeedback() }),
    new RTCRtpCodecParameters({ mimeType: 'video/VP9', clockRate: 90000, rtcpFeedback: videoFeedback() }),
    new RTCRtpCodecParameters({
      mimeType: 'video/H264',
      clockRate: 90000,
      rtcpFeedback: videoFeedback(),
      parameters: 'profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1',
    }),
    new RTCRtpCodecParameters({ mimeType: 'video/AV1', clockRate: 90000, rtcpFeedback: videoFeedback() }),
  ];
  const rtx = offer === undefined ? undefined : rtxCodecFor(offer, video);
  return { video: rtx ? [...video, rtx] : video, audio: [useOPUS()] };
}

/**
 * The creator's capture time of a frame (an NTP timestamp on some of its packets), carried to each
 * viewer that negotiated it (RtpForwarder): players read glass-to-glass latency from it.
 */
export const ABS_CAPTURE_TIME_URI = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time';

/**
 * The mid extension lets werift route RTP from peers that signal no `a=ssrc`; abs-capture-time is
 * relayed. werift answers an offer with those of these it offers, at the offer's ids. Its own
 * offers (WHEP server-offer mode, 406) number each kind's list apart; the same objects for both
 * kinds give each extension one id in every m-line, as BUNDLE needs (Chromium reads one id per URI
 * on a bundled transport: the video's abs-capture-time was ignored at an id of its own).
 */
export const relayHeaderExtensions = () => {
  const extensions = [useSdesMid(), new RTCRtpHeaderExtensionParameters({ uri: ABS_CAPTURE_TIME_URI })];
  return { video: extensions, audio: extensions };
};

function fmtp(codec: Pick<RTCRtpCodecParameters, 'parameters'>): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (codec.parameters ?? '').split(';')) {
    const [key, value = ''] = part.split('=');
    if (key?.trim()) map.set(key.trim().toLowerCase(), value.trim().toLowerCase());
  }
  return map;
}

/**
 * Whether a viewer can decode what the publisher sends unchanged: same codec and, where the
 * bitstream differs, the same profile (H.264 profile + packetization mode, VP9/AV1 profile).
 */
export function sameBitstream(a: RTCRtpCodecParameters, b: RTCRtpCodecParameters): boolean {
  if (a.mimeType.toLowerCase() !== b.mimeType.toLowerCase()) return false;
  const pa = fmtp(a);
  const pb = fmtp(b);
  switch (a.mimeType.toLowerCase()) {
    case 'video/h264':
      return (
        (pa.get('profile-level-id') ?? '42001f').slice(0, 4) === (pb.get('profile-level-id') ?? '42001f').slice(0, 4) &&
        (pa.get('packetization-mode') ?? '0') === (pb.get('packetization-mode') ?? '0')
      );
    case 'video/vp9':
      return (pa.get('profile-id') ?? '0') === (pb.get('profile-id') ?? '0');
    case 'video/av1':
      return (pa.get('profile') ?? '0') === (pb.get('profile') ?? '0');
    default:
      return true;
  }
}
