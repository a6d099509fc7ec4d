import { describe, expect, it } from 'vitest';
import { applyRemoteIce, buildSdpFrag, parseIce } from './sdpfrag';

const offer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'a=ice-ufrag:session',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=ice-ufrag:abcd',
  'a=ice-pwd:secretsecret',
  'a=candidate:1 1 udp 2122260223 192.0.2.1 61764 typ host',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'a=ice-ufrag:abcd',
  'a=ice-pwd:secretsecret',
  'a=candidate:2 1 udp 2122260223 192.0.2.1 61765 typ host',
  '',
].join('\r\n');

describe('sdpfrag', () => {
  it('reads the first m-section’s ICE parameters and candidates', () => {
    expect(parseIce(offer)).toEqual({
      ufrag: 'abcd',
      pwd: 'secretsecret',
      mid: '0',
      mline: 'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      candidates: ['candidate:1 1 udp 2122260223 192.0.2.1 61764 typ host'],
      end: false,
    });
  });

  it('builds an RFC 8840 fragment for the first m-line only', () => {
    const ice = parseIce(offer);
    expect(buildSdpFrag(ice, ['candidate:3 1 udp 1 192.0.2.2 9 typ srflx'], true)).toBe(
      'a=ice-ufrag:abcd\r\na=ice-pwd:secretsecret\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n' +
        'a=candidate:3 1 udp 1 192.0.2.2 9 typ srflx\r\na=end-of-candidates\r\n',
    );
  });

  it('round-trips a fragment and applies a restart answer to the remote description', () => {
    const fragment = 'a=ice-ufrag:new1\r\na=ice-pwd:newpassword\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\na=candidate:7 1 udp 5 10.0.0.1 7 typ host\r\na=end-of-candidates\r\n';
    const remote = applyRemoteIce(offer, parseIce(fragment));
    expect(remote).not.toContain('abcd');
    expect(remote).not.toContain('candidate:1 ');
    expect(remote).not.toContain('candidate:2 ');
    expect(remote.match(/a=ice-ufrag:new1/g)).toHaveLength(3);
    expect(remote).toContain('a=mid:0\r\na=candidate:7 1 udp 5 10.0.0.1 7 typ host\r\na=end-of-candidates\r\n');
    expect(parseIce(remote).candidates).toEqual(['candidate:7 1 udp 5 10.0.0.1 7 typ host']);
  });
});
