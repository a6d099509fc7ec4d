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
