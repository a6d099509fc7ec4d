import { randomBytes } from 'node:crypto';
import type { LiveInput } from '../../conformance/support/target';
import type { HostileRequest } from './hostileClient';

/**
 * What the abuse test throws at the server: broken SDP, wrong content types and headers, malformed
 * HTTP, bodies over the caps, unknown ids and wrong secrets, wrong tokens, path traversal, hostile
 * JSON, bad methods and floods. Floods come from one loopback source address each (so per-IP rate
 * limits trip); everything else spreads over many addresses (so handlers, not the limiter, answer).
 */
export type Attack = { category: string } & ({ kind: 'http'; request: HostileRequest } | { kind: 'raw'; payload: string | Buffer; source: string } | { kind: 'huge'; request: HostileRequest; bytes: number; chunked: boolean });

/** Source addresses: floods use one each (so the rate limit trips); the rest spread over many. */
export const sourceOf = (block: number, i: number, spread: number) => `127.${block}.${Math.floor((i % spread) / 250)}.${((i % spread) % 250) + 1}`;

export const pathOf = (url: string) => new URL(url).pathname;
const secretOf = (input: LiveInput) => pathOf(input.webRTC.url).split('/')[1]!;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const pick = <T,>(items: readonly T[], i: number): T => items[i % items.length]!;

function fuzzSdp(offer: string, i: number): string {
  const lines = offer.split('\r\n');
  switch (i % 10) {
    case 0:
      return lines.slice(0, Math.floor(((i * 7919) % 97) / 97 * lines.length)).join('\r\n'); // truncated
    case 1:
      return lines.filter((_, n) => n % ((i % 5) + 2) !== 0).join('\r\n'); // lines dropped
    case 2: {
      const bytes = Buffer.from(offer);
      for (let k = 0; k < 20; k++) bytes[(i * 31 + k * 997) % bytes.length] = (i + k * 13) & 0xff; // bit rot
      return bytes.toString('latin1');
    }
    case 3:
      return offer.replace(/^m=(video|audio) \d+/gm, `m=$1 ${'9'.repeat(30)}`); // absurd ports
    case 4:
      return offer.replace(/a=fingerprint:\S+ \S+/g, `a=fingerprint:sha-256 ${'ZZ:'.repeat(40)}`);
    case 5:
      return offer + Array.from({ length: 300 }, (_, k) => `m=application ${k} UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:x${k}`).join('\r\n'); // many m-lines
    case 6:
      return offer.replace(/a=ice-ufrag:.*\r\n/g, '').replace(/a=ice-pwd:.*\r\n/g, ''); // no ICE credentials
    case 7:
      return offer.replace(/a=rtpmap:(\d+) [^\r]+/g, 'a=rtpmap:$1 \u0000\u{1F4A5}/-1'); // NULs, emoji, bad clock
    case 8:
      return `v=0\r\n${'a=x\r\n'.repeat(2000)}`;
    default:
      return randomBytes(200 + (i % 2000)).toString('latin1');
  }
}

export interface AttackTargets {
  account: string;
  token: string;
  /** The input hostile WHIP/WHEP traffic aims at. */
  target: LiveInput;
  /** URL of a live session for PATCH floods. */
  session: string;
  /** Valid WHIP (sendonly) and WHEP (recvonly) offers. */
  offer: string;
  viewerOffer: string;
}

/** The whole catalogue, lazily: ≥ 12,000 requests in categories, each with its source address. */
export function* hostileRequests({ account, token, target, session: sessionUrl, offer, viewerOffer }: AttackTargets): Generator<Attack> {
  const API = `/client/v4/accounts/${account}/stream`;
  const ACCOUNT = account;
  const TOKEN = token;
  const whip = pathOf(target.webRTC.url);
  const whep = pathOf(target.webRTCPlayback.url);
  const session = pathOf(sessionUrl);
  const auth = { authorization: `Bearer ${TOKEN}` };

  // Broken SDP at real endpoints.
  for (let i = 0; i < 2000; i++) {
    yield { category: 'broken SDP', kind: 'http', request: { method: 'POST', path: i % 3 ? whip : whep, headers: { 'content-type': 'application/sdp' }, body: fuzzSdp(offer, i), source: sourceOf(10, i, 40) } };
  }
  // Wrong content types and hostile headers.
  const contentTypes = ['text/plain', 'application/json', 'multipart/form-data; boundary=x', 'application/sdp; charset=utf-16', '', 'application/sdp, text/html', 'application/x-www-form-urlencoded', `application/${'s'.repeat(5000)}`];
  for (let i = 0; i < 1000; i++) {
    const headers: Record<string, string> = { 'content-type': pick(contentTypes, i) };
    if (i % 4 === 1) headers.accept = 'application/sdp';
    if (i % 7 === 2) headers['if-match'] = `"${'x'.repeat(i % 3000)}"`;
    if (i % 11 === 3) headers.authorization = `Bearer ${'\u00ff'.repeat(100)}`;
    if (i % 13 === 4) headers['x-filler'] = 'y'.repeat(7000);
    yield { category: 'content types / headers', kind: 'http', request: { method: 'POST', path: pick([whip, whep, `${API}/live_inputs`, session], i), headers, body: i % 2 ? offer : '{}', source: sourceOf(11, i, 20) } };
  }
  const badHeads = [
    `POST ${whip} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`,
    `POST ${whip} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
    `POST ${whip} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello`,
    `POST ${whip} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    `POST ${whip} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: x\r\nX-Huge: ${'h'.repeat(70_000)}\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, k) => `X-${k}: v`).join('\r\n')}\r\n\r\n`,
    `GET / HTTP/1.1\r\nHo st: x\r\n\r\n`,
    `GET / HTTP/1.1\r\n\r\n`,
    `GET /x HTTP/9.9\r\nHost: x\r\n\r\n`,
    `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: x\r\nX-Ctl: a\u0001b\r\n\r\n`,
  ];
  for (let i = 0; i < 600; i++) yield { category: 'malformed HTTP', kind: 'raw', payload: pick(badHeads, i), source: sourceOf(12, i, 20) };
  for (let i = 0; i < 300; i++) yield { category: 'malformed HTTP', kind: 'raw', payload: randomBytes(64 + (i % 512)), source: sourceOf(12, i + 600, 20) };

  // Bodies far over the caps (64 KiB SDP/JSON), declared and chunked.
  for (let i = 0; i < 40; i++) {
    const json = i % 4 === 3;
    yield {
      category: 'huge bodies',
      kind: 'huge',
      request: { method: i % 8 === 5 ? 'PATCH' : 'POST', path: json ? `${API}/live_inputs` : i % 8 === 5 ? session : whip, headers: { 'content-type': json ? 'application/json' : i % 8 === 5 ? 'application/trickle-ice-sdpfrag' : 'application/sdp', 'if-match': '*', ...auth }, source: sourceOf(13, i, 40) },
      bytes: i < 4 ? 8 * 1024 * 1024 : (128 + (i % 5) * 256) * 1024,
      chunked: i % 2 === 1,
    };
  }

  // Unknown ids and wrong secrets.
  for (let i = 0; i < 1500; i++) {
    const paths: [string, string, string | undefined][] = [
      ['POST', `/${hex(16)}/webRTC/publish`, offer],
      ['POST', `/${target.uid}/webRTC/publish`, offer], // the uid is not the secret
      ['POST', `/${secretOf(target).slice(0, -1)}${secretOf(target).endsWith('0') ? '1' : '0'}/webRTC/publish`, offer], // off by one char
      ['POST', `/${secretOf(target)}/webRTC/play`, viewerOffer], // a secret cannot play
      ['POST', `/${hex(16)}/webRTC/play`, viewerOffer],
      ['PATCH', `${session.replace(/[^/]+$/, hex(16))}`, 'a=end-of-candidates'],
      ['DELETE', `${session.replace(/[^/]+$/, hex(16))}`, undefined],
      ['GET', `/${hex(16)}/lifecycle`, undefined],
      ['GET', `${API}/live_inputs/${hex(16)}`, undefined],
      ['PUT', `${API}/live_inputs/${hex(16)}`, '{"meta":{}}'],
      ['DELETE', `${API}/live_inputs/${hex(16)}`, undefined],
      ['POST', `${API}/live_inputs/${hex(16)}/rotate_keys`, undefined],
    ];
    const [method, path, body] = pick(paths, i);
    const contentType = method === 'PATCH' ? 'application/trickle-ice-sdpfrag' : path.includes('/client/') ? 'application/json' : 'application/sdp';
    yield { category: 'unknown ids / wrong secrets', kind: 'http', request: { method, path, headers: { 'content-type': contentType, 'if-match': '*', ...auth }, body, source: sourceOf(14, i, 20) } };
  }

  // API without / with a wrong bearer token.
  const tokens = [undefined, 'Bearer wrong', 'Bearer ', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, `bearer${TOKEN}`, `Bearer ${'t'.repeat(4000)}`, TOKEN];
  for (let i = 0; i < 1000; i++) {
    const authorization = pick(tokens, i);
    const [method, path] = pick([['GET', `${API}/live_inputs`], ['POST', `${API}/live_inputs`], ['GET', `${API}/live_inputs/${target.uid}`], ['DELETE', `${API}/live_inputs/${target.uid}`], ['POST', `${API}/live_inputs/${target.uid}/rotate_keys`], ['PUT', `${API}/live_inputs/${target.uid}`]] as const, i);
    yield { category: 'wrong tokens', kind: 'http', request: { method, path, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: method === 'GET' || method === 'DELETE' ? undefined : '{"enabled":false}', source: sourceOf(15, i, 20) } };
  }

  // Path traversal and odd request targets (raw, so nothing normalises them on the way).
  const traversals = [
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    `${whip}/../../../client/v4/accounts/${ACCOUNT}/stream/live_inputs`,
    `/${target.uid}/webRTC/..%2fpublish`,
    `${API}/live_inputs/..%2f..%2f..%2f..%2fetc%2fpasswd`,
    `/client/v4/accounts/..%2f${ACCOUNT}/stream/live_inputs`,
    `/${target.uid}/lifecycle/../../_onair/sessions/../../etc/passwd`,
    '/%00',
    '/%zz%zz/webRTC/publish',
    '//////////',
    '/\\..\\..\\windows\\win.ini',
    `/${'a/'.repeat(4000)}`,
    'http://evil.example/etc/passwd',
    '*',
    `/${encodeURIComponent('../'.repeat(20))}etc/passwd`,
    '/_onair/../../../../proc/self/environ',
  ];
  for (let i = 0; i < 800; i++) {
    const method = pick(['GET', 'POST', 'DELETE', 'PATCH', 'OPTIONS'], i);
    const body = method === 'GET' || method === 'OPTIONS' ? '' : offer.slice(0, 300);
    const payload = `${method} ${pick(traversals, i)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sdp\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    yield { category: 'path traversal', kind: 'raw', payload, source: sourceOf(16, i, 20) };
  }

  // Invalid JSON and hostile JSON shapes for the API.
  const jsons = [
    '{"meta": ',
    '{"meta": {"name": "x"}',
    `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    '{"__proto__": {"polluted": true}, "meta": {"constructor": {"prototype": {"x": 1}}}}',
    'null',
    '42',
    '"string"',
    '[]',
    '{"enabled": "yes"}',
    '{"meta": "not-an-object"}',
    '{"recording": {"mode": "sometimes", "timeoutSeconds": -5}}',
    '{"deleteRecordingAfterDays": 1e309}',
    '{"meta": {"name": "\\ud800"}}',
    '\u0000\u0001',
    '{"meta": {"name": 1}, "defaultCreator": {"$gt": ""}}',
    `{"meta": {${Array.from({ length: 2000 }, (_, k) => `"k${k}": ${k}`).join(',')}}}`,
  ];
  for (let i = 0; i < 1000; i++) {
    const [method, path] = pick([['POST', `${API}/live_inputs`], ['PUT', `${API}/live_inputs/${target.uid}`]] as const, i);
    yield { category: 'invalid JSON', kind: 'http', request: { method, path, headers: { 'content-type': 'application/json', ...auth }, body: pick(jsons, i), source: sourceOf(17, i, 20) } };
  }

  // Methods nobody should use (raw for the ones node:http refuses to send).
  const paths = [whip, whep, session, `${API}/live_inputs`, `/${target.uid}/lifecycle`, '/_onair/sessions'];
  for (let i = 0; i < 500; i++) {
    const method = pick(['TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'COPY', 'PURGE', 'HEAD', 'FOO', 'post', 'GET\u0000', 'CONNECT'], i);
    const path = method === 'CONNECT' ? '127.0.0.1:80' : pick(paths, i);
    yield { category: 'bad methods', kind: 'raw', payload: `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, source: sourceOf(18, i, 20) };
  }
  // Floods: one source address each, so the rate limit trips (429 is a fine answer).
  for (let i = 0; i < 400; i++) yield { category: 'flood: WHIP POST', kind: 'http', request: { method: 'POST', path: whip, headers: { 'content-type': 'application/sdp' }, body: offer, source: '127.20.0.1' } };
  for (let i = 0; i < 400; i++) yield { category: 'flood: WHEP POST', kind: 'http', request: { method: 'POST', path: whep, headers: { 'content-type': 'application/sdp' }, body: viewerOffer, source: '127.20.0.2' } };
  for (let i = 0; i < 400; i++) yield { category: 'flood: WHEP server-offer POST', kind: 'http', request: { method: 'POST', path: whep, headers: { accept: 'application/sdp' }, source: '127.20.0.7' } };
  for (let i = 0; i < 1000; i++) {
    const ifMatch = pick([undefined, '"stale"', 'W/"weak"', '*, "x"', `"${hex(64)}"`], i);
    const fragment = `a=ice-ufrag:${hex(4)}\r\na=ice-pwd:${hex(12)}\r\nm=video 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=candidate:1 1 udp 1 10.${i % 255}.0.1 ${1024 + i} typ host\r\n`;
    yield { category: 'flood: PATCH', kind: 'http', request: { method: 'PATCH', path: session, headers: { 'content-type': 'application/trickle-ice-sdpfrag', ...(ifMatch ? { 'if-match': ifMatch } : {}) }, body: fragment, source: '127.20.0.3' } };
  }
  for (let i = 0; i < 800; i++) yield { category: 'flood: DELETE', kind: 'http', request: { method: 'DELETE', path: session.replace(/[^/]+$/, hex(16)), source: '127.20.0.4' } };
  for (let i = 0; i < 300; i++) yield { category: 'flood: create live inputs', kind: 'http', request: { method: 'POST', path: `${API}/live_inputs`, headers: { 'content-type': 'application/json', ...auth }, body: '{"meta":{"name":"flood"}}', source: '127.20.0.5' } };
  for (let i = 0; i < 500; i++) yield { category: 'flood: OPTIONS/GET', kind: 'http', request: { method: pick(['OPTIONS', 'GET'], i), path: pick([whip, whep, session, `/${target.uid}/lifecycle`, '/_onair/sessions'], i), source: '127.20.0.6' } };
}
