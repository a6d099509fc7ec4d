import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpError } from './httpError.js';
import { validateOffer } from './sdpOffer.js';
import type { TestPeer } from './weriftTestPeer.js';
import { creatorPeer } from './weriftTestPeer.js';

let creator: TestPeer;
beforeAll(async () => {
  creator = await creatorPeer();
});
afterAll(() => creator.close());

/** The refusal validateOffer throws for a WHIP offer, or null when it accepts it. */
function refusal(sdp: string): { status: number; message: string } | null {
  try {
    validateOffer(sdp, 'whip');
    return null;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, message: error.message };
  }
}

describe('validateOffer', () => {
  test('accepts a real offer', () => {
    expect(refusal(creator.offer)).toBeNull();
  });

  test('refuses offers that parse but carry malformed values with 400 and says what is wrong', () => {
    const broken: [string, (sdp: string) => string, RegExp][] = [
      ['non-hex fingerprint', (sdp) => sdp.replace(/a=fingerprint:(\S+) \S+/g, `a=fingerprint:$1 ${'ZZ:'.repeat(31)}ZZ`), /Malformed DTLS fingerprint/],
      ['fingerprint of the wrong length', (sdp) => sdp.replace(/a=fingerprint:(\S+) \S+/g, 'a=fingerprint:$1 AB:CD'), /fingerprint .* has 2 bytes; sha-256 has 32/],
      ['unknown fingerprint hash', (sdp) => sdp.replace(/a=fingerprint:\S+/g, 'a=fingerprint:sha-999'), /Unknown DTLS fingerprint hash "sha-999"/],
      ['impossible port', (sdp) => sdp.replace(/^m=(video|audio) \d+/gm, `m=$1 ${'9'.repeat(30)}`), /Port 9+ .* out of range/],
      ['port over 65535', (sdp) => sdp.replace(/^m=video \d+/m, 'm=video 65536'), /Port 65536 .* out of range/],
      ['m= line without formats', (sdp) => sdp.replace(/^m=video .*$/m, 'm=video 9 UDP/TLS/RTP/SAVPF'), /Malformed m= line/],
      ['m= line with a word for a port', (sdp) => sdp.replace(/^m=video \d+/m, 'm=video banana'), /Malformed m= line/],
      ['ice-ufrag with illegal characters', (sdp) => sdp.replace(/a=ice-ufrag:\S+/g, 'a=ice-ufrag:ab;d"e'), /Malformed a=ice-ufrag/],
      ['ice-ufrag too short', (sdp) => sdp.replace(/a=ice-ufrag:\S+/g, 'a=ice-ufrag:abc'), /Malformed a=ice-ufrag/],
      ['ice-pwd too short', (sdp) => sdp.replace(/a=ice-pwd:\S+/g, 'a=ice-pwd:short'), /Malformed a=ice-pwd/],
      ['ice-pwd missing', (sdp) => sdp.replace(/a=ice-pwd:.*\r\n/g, ''), /lacks ICE credentials \(a=ice-pwd/],
      ['no fingerprint', (sdp) => sdp.replace(/a=fingerprint:.*\r\n/g, ''), /lacks a DTLS fingerprint/],
    ];
    for (const [what, breakIt, message] of broken) {
      const sdp = breakIt(creator.offer);
      expect(sdp, `${what}: the test changed nothing`).not.toBe(creator.offer);
      const refused = refusal(sdp);
      expect(refused?.status, what).toBe(400);
      expect(refused?.message, what).toMatch(message);
    }
  });

  test('accepts ICE credentials and a fingerprint at session level', () => {
    const [session, ...sections] = creator.offer.split(/\r\n(?=m=)/);
    const ufrag = /a=ice-ufrag:.*\r\n/.exec(creator.offer)![0];
    const pwd = /a=ice-pwd:.*\r\n/.exec(creator.offer)![0];
    const fingerprint = /a=fingerprint:.*\r\n/.exec(creator.offer)![0];
    const moved = [`${session}\r\n${ufrag}${pwd}${fingerprint}`.replace(/\r\n\r\n/g, '\r\n').trimEnd(), ...sections.map((s) => s.replace(ufrag, '').replace(pwd, '').replace(fingerprint, ''))].join('\r\n');
    expect(moved.match(/a=ice-ufrag:/g)).toHaveLength(1);
    expect(refusal(moved)).toBeNull();
  });

  test('serves setup:actpass and setup:active offers, refuses setup:passive with 422', () => {
    expect(refusal(creator.offer.replaceAll('a=setup:actpass', 'a=setup:active'))).toBeNull();
    expect(refusal(creator.offer.replaceAll('a=setup:actpass', 'a=setup:passive'))?.status).toBe(422);
  });
});

/**
 * `sdp` with the `kind` section's formats replaced: `formats` on the m= line, one `a=rtpmap` per
 * entry of `rtpmaps` (payload type → encoding), none of the old rtpmap/fmtp/rtcp-fb lines.
 */
function offering(sdp: string, kind: 'audio' | 'video', formats: string[], rtpmaps: Record<string, string>): string {
  return sdp
    .split(/\r\n(?=m=)/)
    .map((section) => {
      if (!section.startsWith(`m=${kind} `)) return section;
      const [mLine, ...lines] = section.split('\r\n');
      const kept = lines.filter((line) => !/^a=(rtpmap|fmtp|rtcp-fb):/.test(line));
      const maps = Object.entries(rtpmaps).map(([pt, encoding]) => `a=rtpmap:${pt} ${encoding}`);
      return [mLine!.replace(/^(m=\S+ \d+ \S+) .*$/, `$1 ${formats.join(' ')}`), ...maps, ...kept].join('\r\n');
    })
    .join('\r\n');
}

describe('validateOffer: codecs the relay carries (RFC 9725 §4.4: 422 for offers it cannot serve)', () => {
  test('refuses video offering only H.265 with 422 naming the section and the codec', () => {
    const refused = refusal(offering(creator.offer, 'video', ['96'], { 96: 'H265/90000' }));
    expect(refused?.status).toBe(422);
    expect(refused?.message).toMatch(/video .*H265/);
    expect(refused?.message).toMatch(/VP8, VP9, H264, AV1/);
  });

  test('refuses audio offering only PCMU with 422', () => {
    const refused = refusal(offering(creator.offer, 'audio', ['0'], { 0: 'PCMU/8000' }));
    expect(refused?.status).toBe(422);
    expect(refused?.message).toMatch(/audio .*PCMU/);
  });

  test('refuses a static payload type without rtpmap (PCMU) with 422: werift negotiates by rtpmap only', () => {
    const refused = refusal(offering(creator.offer, 'audio', ['0'], {}));
    expect(refused?.status).toBe(422);
    expect(refused?.message).toMatch(/audio .*payload type 0/);
  });

  test('refuses a WHEP viewer offer receiving only H.265 the same way', () => {
    const viewerOffer = offering(creator.offer, 'video', ['96'], { 96: 'H265/90000' }).replaceAll('a=sendonly', 'a=recvonly');
    expect(() => validateOffer(viewerOffer, 'whep')).toThrow(expect.objectContaining({ status: 422, message: expect.stringMatching(/video .*H265/) }));
  });

  test('accepts video offering H.265 and VP8: one relayed codec is enough', () => {
    expect(refusal(offering(creator.offer, 'video', ['96', '97'], { 96: 'H265/90000', 97: 'VP8/90000' }))).toBeNull();
  });

  test('matches encoding names case-insensitively, as werift does', () => {
    expect(refusal(offering(creator.offer, 'video', ['96'], { 96: 'vp8/90000' }))).toBeNull();
  });

  test('does not count repair and redundancy formats (rtx, red, ulpfec) as media codecs', () => {
    const refused = refusal(offering(creator.offer, 'video', ['96', '97', '98', '99'], { 96: 'H265/90000', 97: 'rtx/90000', 98: 'red/90000', 99: 'ulpfec/90000' }));
    expect(refused?.status).toBe(422);
    expect(refused?.message).not.toMatch(/rtx|red|ulpfec/);
  });

  test('ignores rtpmaps of payload types not on the m= line', () => {
    expect(refusal(offering(creator.offer, 'video', ['96'], { 96: 'H265/90000', 97: 'VP8/90000' }))?.status).toBe(422);
  });

  test('ignores the codecs of a disabled (port 0) section', () => {
    const disabled = offering(creator.offer, 'audio', ['0'], { 0: 'PCMU/8000' }).replace(/^m=audio \d+/m, 'm=audio 0');
    expect(refusal(disabled)).toBeNull();
  });
});
