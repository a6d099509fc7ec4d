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

// Resilience formats (by codec name) ride along, last, with whatever primary codecs remain.
const RESILIENCE = /^(RTX|RED|ULPFEC|FLEXFEC-03)$/;
const LAST = 99;

/** A codec's place in the order: LAST for resilience formats, -1 when not allowed. */
function rank({ mimeType, sdpFmtpLine }: RTCRtpCodec, names?: string[], h264Profiles?: string[]): number {
  const name = mimeType.slice(mimeType.indexOf('/') + 1).toUpperCase();
  if (RESILIENCE.test(name)) return LAST;
  const id = /profile-level-id=(\w{4})/i.exec(sdpFmtpLine ?? '')?.[1]?.toLowerCase();
  if (name === 'H264' && h264Profiles?.every((p) => p.slice(0, 4).toLowerCase() !== id)) return -1;
  return names ? names.findIndex((n) => n.toUpperCase() === name) : 0;
}

/** Orders and filters capabilities by `names`, dropping H.264 profiles not in `h264Profiles`. */
export function sortCodecs(codecs: RTCRtpCodec[], names?: string[], h264Profiles?: string[]): RTCRtpCodec[] {
  return codecs.filter((c) => rank(c, names, h264Profiles) >= 0).sort((a, b) => rank(a, names, h264Profiles) - rank(b, names, h264Profiles));
}

/** Applies preferences with setCodecPreferences where the platform has it (a no-op elsewhere). */
export function preferCodecs(transceiver: RTCRtpTransceiver, kind: 'audio' | 'video', prefs: CodecPreferences): void {
  const names = kind === 'video' ? prefs.videoCodecs : prefs.audioCodecs;
  const profiles = kind === 'video' ? prefs.h264Profiles : undefined;
  const codecs = globalThis.RTCRtpReceiver?.getCapabilities?.(kind)?.codecs;
  if ((!names && !profiles) || !codecs || !transceiver.setCodecPreferences) return;
  const sorted = sortCodecs(codecs, names, profiles);
  if (rank(sorted[0]!) === LAST) throw new OnairError('unsupported', `No codec allowed by: ${names ?? profiles}`);
  transceiver.setCodecPreferences(sorted);
}
