import { isBundleOnly } from './bundleOnly.js';
import { relayCodecs } from './codecs.js';
import { HttpError } from './httpError.js';

export type SessionKind = 'whip' | 'whep';

/**
 * Checks what werift would otherwise fail on deep inside (or accept wrongly): 400 for text that is
 * not an SDP offer, 422 for a valid offer this server cannot serve (RFC 9725 §4.4).
 */
export function validateOffer(sdp: string, kind: SessionKind): void {
  const sections = mediaSections(sdp, 'offer');
  const counts = { audio: 0, video: 0 };
  for (const section of sections) {
    const media = /^m=(\S+) (\d+)/.exec(section)!;
    const type = media[1]!;
    if (type === 'application') continue;
    if (type !== 'audio' && type !== 'video') throw new HttpError(422, `Unsupported media type "${type}"`);
    // Port 0 is a disabled section, unless bundle-only: then it is as live as the rest of its group.
    if (media[2] === '0' && !isBundleOnly(section, sdp)) continue;
    if (++counts[type] > 1) throw new HttpError(422, `Only one ${type} track per session is supported`);
    checkCodecs(section, type);
    const setup = offeredDtlsSetup(section, sdp);
    // We answer actpass and active offers (the latter with passive, RFC 9725 §4.4.4), not passive ones.
    if (setup && setup !== 'actpass' && setup !== 'active') throw new HttpError(422, `Offer DTLS role a=setup:${setup} is not supported (use actpass)`);
    const direction = /a=(sendrecv|sendonly|recvonly|inactive)/.exec(section)?.[1] ?? 'sendrecv';
    const wanted = kind === 'whip' ? 'sendonly' : 'recvonly';
    if (direction !== wanted && direction !== 'sendrecv') {
      throw new HttpError(422, `${kind.toUpperCase()} offers must be ${wanted} (got ${direction})`);
    }
  }
  if (counts.audio + counts.video === 0) throw new HttpError(422, 'SDP offer has no usable audio or video section');
}

/** Retransmission, redundancy and FEC formats: they protect a media codec, they carry none. */
const REPAIR_FORMATS = /^(rtx|red|ulpfec|flexfec(-03)?)$/i;

/** The relay's media codec names per kind, as werift writes them (`VP8`, `opus`). */
const RELAYED = (() => {
  const names = (codecs: { name: string }[]) => codecs.map((codec) => codec.name).filter((name) => !REPAIR_FORMATS.test(name));
  const { audio, video } = relayCodecs();
  return { audio: names(audio), video: names(video) };
})();

/**
 * 422 unless an active section offers a codec the relay carries; werift would fail the whole
 * offer with a bare "negotiate codecs failed". Like werift, this goes by the `a=rtpmap` encoding
 * name (case-insensitive), so a static payload type without one (`0` = PCMU) offers nothing.
 */
function checkCodecs(section: string, type: 'audio' | 'video'): void {
  const formats = section.split(/\r?\n/, 1)[0]!.trim().split(' ').slice(3);
  const rtpmaps = new Map([...section.matchAll(/^a=rtpmap:(\d+) ([^/\s]+)/gm)].map((match) => [match[1]!, match[2]!]));
  const names = formats.map((pt) => rtpmaps.get(pt));
  const relayed = RELAYED[type].map((name) => name.toLowerCase());
  if (names.some((name) => name !== undefined && relayed.includes(name.toLowerCase()))) return;
  const offered = formats.flatMap((pt, i) => {
    const name = names[i];
    if (name === undefined) return [`payload type ${pt} (no a=rtpmap)`];
    return REPAIR_FORMATS.test(name) ? [] : [name];
  });
  throw new HttpError(
    422,
    `The offer's ${type} section has no codec this server relays: it offers ${[...new Set(offered)].join(', ') || 'only rtx/red/fec'}; supported: ${RELAYED[type].join(', ')}`,
  );
}

/** The offer's `a=setup` role for one media section (media level, else session level). */
export function offeredDtlsSetup(section: string, sdp: string): string | undefined {
  return /^a=setup:(\S+)/m.exec(section)?.[1] ?? /^a=setup:(\S+)/m.exec(sessionPart(sdp))?.[1];
}

/**
 * 400 unless `sdp` looks like a WebRTC session description whose fields we depend on are well
 * formed (m= lines, ICE credentials, DTLS fingerprints); returns its media sections.
 */
export function mediaSections(sdp: string, type: 'offer' | 'answer'): string[] {
  if (!/^v=0\r?\n/.test(sdp)) throw new HttpError(400, `Body is not an SDP ${type} (must start with v=0)`);
  const sections = sdp.split(/\r?\n(?=m=)/).slice(1);
  if (sections.length === 0) throw new HttpError(400, `SDP ${type} has no media sections`);
  for (const section of sections) checkMediaLine(section.split(/\r?\n/, 1)[0]!, type);
  const session = sessionPart(sdp);
  for (const [index, section] of sections.entries()) {
    // Credentials and fingerprint may sit at session level or in each media section (RFC 8839, 8122).
    const media = `${session}\n${section}`;
    const where = `m= section ${index + 1}`;
    checkIceCredential(media, 'ice-ufrag', ICE_UFRAG, type, where);
    checkIceCredential(media, 'ice-pwd', ICE_PWD, type, where);
    if (!/^a=fingerprint:/m.test(media)) throw new HttpError(400, `SDP ${type} lacks a DTLS fingerprint (${where})`);
  }
  for (const line of sdp.match(/^a=fingerprint:.*$/gm) ?? []) checkFingerprint(line.trim(), type);
  return sections;
}

const sessionPart = (sdp: string) => sdp.split(/\r?\n(?=m=)/, 1)[0]!;

/** `m=<media> <port>[/<count>] <proto> <fmt> …` (RFC 8866 §5.14). */
function checkMediaLine(line: string, type: string): void {
  const match = /^m=([A-Za-z0-9!#$%&'*+.^_`{|}~-]+) (\d+)(?:\/\d+)? ([A-Za-z0-9/_.-]+)((?: \S+)+)\s*$/.exec(line);
  if (!match) throw new HttpError(400, `Malformed m= line in SDP ${type}: "${line.slice(0, 80)}" (expected m=<media> <port> <proto> <formats>)`);
  if (match[2]!.length > 5 || Number(match[2]) > 65535) throw new HttpError(400, `Port ${match[2]!.slice(0, 20)} in SDP ${type} m= line is out of range (0-65535)`);
}

/** ice-char = ALPHA / DIGIT / "+" / "/"; ufrag 4-256, pwd 22-256 characters (RFC 8839 §5.4). */
const ICE_UFRAG = /^[A-Za-z0-9+/]{4,256}$/;
const ICE_PWD = /^[A-Za-z0-9+/]{22,256}$/;

function checkIceCredential(media: string, name: string, syntax: RegExp, type: string, where: string): void {
  const values = [...media.matchAll(new RegExp(`^a=${name}:(.*)$`, 'gm'))].map((m) => m[1]!.trim());
  if (values.length === 0) throw new HttpError(400, `SDP ${type} lacks ICE credentials (a=${name}, ${where})`);
  for (const value of values) {
    if (!syntax.test(value)) throw new HttpError(400, `Malformed a=${name} in SDP ${type} (${where}): ICE characters A-Z a-z 0-9 + / only, ${name === 'ice-ufrag' ? '4' : '22'}-256 of them`);
  }
}

/** Bytes per fingerprint hash (RFC 8122 §5 hash function names). */
const FINGERPRINT_BYTES: Record<string, number> = { 'sha-1': 20, 'sha-224': 28, 'sha-256': 32, 'sha-384': 48, 'sha-512': 64, md5: 16, md2: 16 };

/** `a=fingerprint:<hash> <XX:XX:…>`: a known hash and exactly its number of hex byte pairs. */
function checkFingerprint(line: string, type: string): void {
  const match = /^a=fingerprint:(\S+) ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*)$/.exec(line);
  if (!match) throw new HttpError(400, `Malformed DTLS fingerprint in SDP ${type}: "${line.slice(0, 80)}" (expected a=fingerprint:<hash> XX:XX:… in hex)`);
  const bytes = FINGERPRINT_BYTES[match[1]!.toLowerCase()];
  if (bytes === undefined) throw new HttpError(400, `Unknown DTLS fingerprint hash "${match[1]}" in SDP ${type}`);
  const pairs = match[2]!.split(':').length;
  if (pairs !== bytes) throw new HttpError(400, `DTLS fingerprint in SDP ${type} has ${pairs} bytes; ${match[1]} has ${bytes}`);
}
