import { expect, test } from 'vitest';
import { applyIceRestart, buildSdpFragment, parseSdpFragment } from './sdpfrag.js';

const offer = [
  'v=0',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=ice-ufrag:old',
  'a=ice-pwd:oldpassword',
  'a=mid:0',
  'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host',
  'a=end-of-candidates',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=ice-ufrag:old',
  'a=ice-pwd:oldpassword',
  'a=mid:1',
  '',
].join('\r\n');

test('parses credentials, candidates with their mid, and end-of-candidates', () => {
  const fragment = parseSdpFragment('a=ice-ufrag:new\r\na=ice-pwd:newpassword\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\na=candidate:2 1 udp 1 10.0.0.2 6000 typ host\r\na=end-of-candidates\r\n');
  expect(fragment).toEqual({
    ufrag: 'new',
    pwd: 'newpassword',
    candidates: [{ candidate: 'candidate:2 1 udp 1 10.0.0.2 6000 typ host', sdpMid: '0' }],
    endOfCandidates: true,
  });
  expect(parseSdpFragment('hello')).toBeNull();
  expect(parseSdpFragment('')).toBeNull();
});

test('an ICE restart rewrites credentials everywhere and keeps only the new candidates', () => {
  const fragment = parseSdpFragment('a=ice-ufrag:new\r\na=ice-pwd:newpassword\r\na=candidate:2 1 udp 1 10.0.0.2 6000 typ host\r\n')!;
  const restarted = applyIceRestart(offer, fragment);
  expect(restarted).not.toContain('old');
  expect(restarted.match(/a=ice-ufrag:new/g)).toHaveLength(2);
  expect(restarted).not.toContain('10.0.0.1');
  expect(restarted.match(/a=candidate:2 /g)).toHaveLength(1);
  expect(restarted.indexOf('a=candidate:2')).toBeLessThan(restarted.indexOf('m=video'));
});

test('our fragment carries credentials, the first m-line, its mid and candidates', () => {
  expect(buildSdpFragment(offer)).toBe(
    'a=ice-ufrag:old\r\na=ice-pwd:oldpassword\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r\na=end-of-candidates\r\n',
  );
});
