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
    const media = /^m=(\w+) (\d+)/.exec(section);
    if (!media) throw new HttpError(400, 'Malformed m= line in SDP offer');
    const type = media[1]!;
    if (type === 'application') continue;
    if (type !== 'audio' && type !== 'video') throw new HttpError(422, `Unsupported media type "${type}"`);
    if (media[2] === '0') continue;
    if (++counts[type] > 1) throw new HttpError(422, `Only one ${type} track per session is supported`);
    const setup = /a=setup:(\w+)/.exec(section)?.[1] ?? /a=setup:(\w+)/.exec(sdp)?.[1];
    if (setup && setup !== 'actpass' && setup !== 'active') throw new HttpError(422, `Offer DTLS role a=setup:${setup} is not supported (use actpass)`);
    const direction = /a=(sendrecv|sendonly|recvonly|inactive)/.exec(section)?.[1] ?? 'sendrecv';
    const wanted = kind === 'whip' ? 'sendonly' : 'recvonly';
    if (direction !== wanted && direction !== 'sendrecv') {
      throw new HttpError(422, `${kind.toUpperCase()} offers must be ${wanted} (got ${direction})`);
    }
  }
  if (counts.audio + counts.video === 0) throw new HttpError(422, 'SDP offer has no usable audio or video section');
}

/** 400 unless `sdp` looks like a WebRTC session description; returns its media sections. */
export function mediaSections(sdp: string, type: 'offer' | 'answer'): string[] {
  if (!/^v=0\r?\n/.test(sdp)) throw new HttpError(400, `Body is not an SDP ${type} (must start with v=0)`);
  const sections = sdp.split(/\r?\n(?=m=)/).slice(1);
  if (sections.length === 0) throw new HttpError(400, `SDP ${type} has no media sections`);
  if (!/a=ice-ufrag:/.test(sdp) || !/a=ice-pwd:/.test(sdp)) throw new HttpError(400, `SDP ${type} lacks ICE credentials`);
  if (!/a=fingerprint:/.test(sdp)) throw new HttpError(400, `SDP ${type} lacks a DTLS fingerprint`);
  return sections;
}
