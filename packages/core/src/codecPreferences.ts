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

// Resilience formats ride along with whatever primary codecs remain.
const RESILIENCE = /\/(rtx|red|ulpfec|flexfec-03)$/i;
const codecName = (c: RTCRtpCodec) => c.mimeType.slice(c.mimeType.indexOf('/') + 1).toUpperCase();

/** Orders and filters capabilities by `names`, dropping H.264 profiles not in `h264Profiles`. */
export function sortCodecs(codecs: RTCRtpCodec[], names?: string[], h264Profiles?: string[]): RTCRtpCodec[] {
  const rank = names?.map((n) => n.toUpperCase());
  const allowed = (c: RTCRtpCodec) => {
    if (RESILIENCE.test(c.mimeType) || (rank && !rank.includes(codecName(c)))) return false;
    if (codecName(c) !== 'H264' || !h264Profiles) return true;
    const id = /profile-level-id=([0-9a-f]{4})/i.exec(c.sdpFmtpLine ?? '')?.[1]?.toLowerCase();
    return h264Profiles.some((p) => p.slice(0, 4).toLowerCase() === id);
  };
  const primary = codecs.filter(allowed);
  if (rank) primary.sort((a, b) => rank.indexOf(codecName(a)) - rank.indexOf(codecName(b)));
  return [...primary, ...codecs.filter((c) => RESILIENCE.test(c.mimeType))];
}

/** Applies preferences with setCodecPreferences where the platform has it (a no-op elsewhere). */
export function preferCodecs(transceiver: RTCRtpTransceiver, kind: 'audio' | 'video', prefs: CodecPreferences): void {
  const names = kind === 'video' ? prefs.videoCodecs : prefs.audioCodecs;
  const profiles = kind === 'video' ? prefs.h264Profiles : undefined;
  const codecs = globalThis.RTCRtpReceiver?.getCapabilities?.(kind)?.codecs;
  if ((!names && !profiles) || !codecs || !transceiver.setCodecPreferences) return;
  const sorted = sortCodecs(codecs, names, profiles);
  if (sorted.every((c) => RESILIENCE.test(c.mimeType))) throw new OnairError('unsupported', `No codec allowed by: ${names ?? profiles}`);
  transceiver.setCodecPreferences(sorted);
}
