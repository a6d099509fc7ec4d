import { RTCRtpCodecParameters } from 'werift';
import type { RTCRtpSender } from 'werift';

/**
 * RTX (RFC 4588) around werift 0.24's negotiation, which
 * - keeps a remote offer's rtx codecs only when the `apt` of our *first* local rtx codec is one of
 *   the offer's payload types (local payload types are otherwise made up, 96 + index), and then
 * - keeps all of them, also those repairing codecs it drops (Chromium offers rtx for red and
 *   H.265): answered, they point at nothing, and an RTP packet of one makes werift's receiver throw.
 */

export const isRtx = (codec: RTCRtpCodecParameters) => codec.name.toLowerCase() === 'rtx';

/** Codec names as SDP writes them, lower case: what werift negotiates by. */
const namesOf = (codecs: readonly RTCRtpCodecParameters[]) => new Set(codecs.filter((c) => !isRtx(c)).map((c) => c.name.toLowerCase()));

const RTPMAP = /^a=rtpmap:(\d+) ([^/\s]+)/;
const FMTP_APT = /^a=fmtp:(\d+) (?:.*;)?\s*apt=(\d+)/;

interface Section {
  /** Payload type → codec name, lower case. */
  names: Map<string, string>;
  /** rtx payload type → the payload type it repairs. */
  apt: Map<string, string>;
}

function parseSection(lines: string[]): Section {
  const names = new Map<string, string>();
  const apt = new Map<string, string>();
  for (const line of lines) {
    const rtpmap = RTPMAP.exec(line);
    if (rtpmap) names.set(rtpmap[1]!, rtpmap[2]!.toLowerCase());
    const fmtp = FMTP_APT.exec(line);
    if (fmtp) apt.set(fmtp[1]!, fmtp[2]!);
  }
  return { names, apt };
}

/** The rtx payload types of a section that repair a codec named in `relayed`, with what they repair. */
function usableRtx(section: Section, relayed: ReadonlySet<string>): Map<string, string> {
  const usable = new Map<string, string>();
  for (const [pt, name] of section.names) {
    const repaired = section.apt.get(pt);
    const repairedName = repaired === undefined ? undefined : section.names.get(repaired);
    if (name === 'rtx' && repairedName !== undefined && relayed.has(repairedName)) usable.set(pt, repaired!);
  }
  return usable;
}

function sections(sdp: string): string[][] {
  return sdp.split(/\r?\n(?=m=)/).map((part) => part.split(/\r?\n/));
}

/**
 * The remote description without the rtx codecs that repair none of `ours` (their payload types
 * leave the m= line, with their rtpmap, fmtp and rtcp-fb lines).
 */
export function withoutOrphanRtx(sdp: string, ours: readonly RTCRtpCodecParameters[]): string {
  const relayed = namesOf(ours);
  return sections(sdp)
    .map((lines) => {
      if (!lines[0]!.startsWith('m=')) return lines.join('\r\n');
      const section = parseSection(lines);
      const usable = usableRtx(section, relayed);
      const orphans = new Set([...section.names].filter(([pt, name]) => name === 'rtx' && !usable.has(pt)).map(([pt]) => pt));
      if (orphans.size === 0) return lines.join('\r\n');
      const [media, ...attributes] = lines;
      const [head, ...formats] = media!.split(' ');
      const mLine = [head, ...formats.filter((format, i) => i < 2 || !orphans.has(format))].join(' ');
      const kept = attributes.filter((line) => !orphans.has(/^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)/.exec(line)?.[1] ?? ''));
      return [mLine, ...kept].join('\r\n');
    })
    .join('\r\n');
}

/**
 * The local rtx codec that makes werift keep the offer's rtx codecs: it repairs the offer's first
 * video codec among `ours` that has one. None when the offer has no usable rtx.
 */
export function rtxCodecFor(offer: string, ours: readonly RTCRtpCodecParameters[]): RTCRtpCodecParameters | undefined {
  const relayed = namesOf(ours);
  for (const lines of sections(offer).slice(1)) {
    if (!lines[0]!.startsWith('m=video')) continue;
    const [first] = usableRtx(parseSection(lines), relayed);
    if (first) return new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000, payloadType: Number(first[0]), parameters: `apt=${first[1]}` });
  }
  return undefined;
}

/** The negotiated rtx codec repairing `codec`, if any. */
export function repairCodecOf(codecs: readonly RTCRtpCodecParameters[], codec: RTCRtpCodecParameters): RTCRtpCodecParameters | undefined {
  return codecs.find((c) => isRtx(c) && new RegExp(`(?:^|;)\\s*apt=${codec.payloadType}\\s*(?:;|$)`).test(c.parameters ?? ''));
}

/**
 * Sends `codec`, retransmitting on `rtx` when given. werift sets a sender's RTX payload type only
 * for the first codec of the negotiation and never clears it: left alone, a viewer answered with
 * another codec would get retransmissions under a payload type it was never told about.
 */
export function sendCodec(sender: RTCRtpSender, codec: RTCRtpCodecParameters, rtx: RTCRtpCodecParameters | undefined): void {
  sender.codec = codec;
  (sender as unknown as { rtxPayloadType?: number }).rtxPayloadType = rtx?.payloadType;
}
