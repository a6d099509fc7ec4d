import type { RtpPacket } from 'werift';

/** A few seconds of 720p; a longer group of pictures is not cached (PLI instead). */
export const KEYFRAME_CACHE_MAX_PACKETS = 3000;

/**
 * The creator's video packets since its last keyframe: the whole group of pictures, since a
 * keyframe followed by later deltas alone would not decode. A joining viewer gets them at once
 * instead of waiting for the keyframe its PLI asks for.
 */
export class KeyframeCache {
  private packets: RtpPacket[] = [];
  private ssrc: number | null = null;
  private keyframeTimestamp: number | null = null;
  private keyframeAt = 0;

  /** `keyframe`: the packet starts a keyframe (keyframeDetector). The packet is kept, not copied. */
  add(packet: RtpPacket, keyframe: boolean): void {
    const { ssrc, timestamp } = packet.header;
    // A keyframe spans packets with one timestamp (H.264: SPS, PPS, IDR): only its first resets.
    if (keyframe && !(ssrc === this.ssrc && timestamp === this.keyframeTimestamp)) {
      this.packets = [];
      this.ssrc = ssrc;
      this.keyframeTimestamp = timestamp;
      this.keyframeAt = Date.now();
    }
    if (ssrc !== this.ssrc) return;
    this.packets.push(packet);
    if (this.packets.length > KEYFRAME_CACHE_MAX_PACKETS) this.clear();
  }

  /**
   * The cached packets (keyframe first), their SSRC and how long ago the keyframe arrived, or null
   * when there is no keyframe yet.
   */
  snapshot(): { ssrc: number; packets: readonly RtpPacket[]; ageMs: number } | null {
    if (this.ssrc === null || this.packets.length === 0) return null;
    return { ssrc: this.ssrc, packets: this.packets, ageMs: Date.now() - this.keyframeAt };
  }

  clear(): void {
    this.packets = [];
    this.ssrc = null;
    this.keyframeTimestamp = null;
  }
}
