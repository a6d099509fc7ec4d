import { OnairError } from './errors';

export interface CodecPreferences {
  /** Video codec names in order of preference, e.g. ['VP9', 'VP8', 'H264', 'AV1']; others are not offered. */
  videoCodecs?: string[];
  /** Audio codec names in order of preference, e.g. ['opus']. */
  audioCodecs?: string[];
  /** Allowed H.264 profiles as profile-level-id; matched on profile and constraints (first 4 hex digits). */
  h264Profiles?: string[];
}

/** Cloudflare Stream: other H.264 profiles (Android hardware encoders) play as black video. */
export const CLOUDFLARE_CODECS: CodecPreferences = { videoCodecs: ['VP9', 'VP8', 'H264'], h264Profiles: ['42e01f'] };

// Resilience formats ride along, last, with whatever primary codecs remain.
const RESILIENCE = /\/(rtx|red|ulpfec|flexfec-03)$/i;
const LAST = 99;

/** Orders and filters capabilities by `names`, dropping H.264 profiles not in `h264Profiles`. */
export function sortCodecs(codecs: RTCRtpCodec[], names?: string[], h264Profiles?: string[]): RTCRtpCodec[] {
  /** A codec's place in the order: LAST for resilience formats, -1 when not allowed. */
  const rank = ({ mimeType, sdpFmtpLine = '' }: RTCRtpCodec) => {
    const name = mimeType.split('/')[1]!.toUpperCase();
    if (RESILIENCE.test(mimeType)) return LAST;
    // Profile and constraints: the first 4 hex digits of profile-level-id.
    const fmtp = sdpFmtpLine.toLowerCase();
    if (name === 'H264' && h264Profiles?.every((p) => !fmtp.includes(`profile-level-id=${p.slice(0, 4).toLowerCase()}`))) return -1;
    return names ? names.findIndex((n) => n.toUpperCase() === name) : 0;
  };
  return codecs.filter((c) => rank(c) >= 0).sort((a, b) => rank(a) - rank(b));
}

/** Applies preferences with setCodecPreferences where the platform has it (a no-op elsewhere). */
export function preferCodecs(transceiver: RTCRtpTransceiver, kind: 'audio' | 'video', prefs: CodecPreferences): void {
  const names = kind === 'video' ? prefs.videoCodecs : prefs.audioCodecs;
  const profiles = kind === 'video' ? prefs.h264Profiles : undefined;
  const codecs = globalThis.RTCRtpReceiver?.getCapabilities?.(kind)?.codecs;
  if ((!names && !profiles) || !codecs || !transceiver.setCodecPreferences) return;
  const sorted = sortCodecs(codecs, names, profiles);
  if (RESILIENCE.test(sorted[0]!.mimeType)) throw new OnairError('unsupported', `No codec allowed by: ${names ?? profiles}`);
  transceiver.setCodecPreferences(sorted);
}
