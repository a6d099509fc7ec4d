import { request } from 'node:http';
import { expect, test } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import { startOnairServer } from './onairServer.js';
import type { SessionListing } from './sessionRegistry.js';

/** A raw request (fetch refuses some of these), resolving with the status or the socket error. */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(new URL(path, url), { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error) => resolve(error.message));
    req.end(body);
  });
}

const SDP_TYPES = ['application/sdp', 'application/trickle-ice-sdpfrag', 'application/json', 'text/plain', ''];
const BODIES = [
  '',
  'v=0',
  'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=ice-ufrag:x\r\na=ice-pwd:y\r\na=fingerprint:sha-256 00\r\na=sendonly\r\n',
  'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=ice-ufrag:x\r\na=ice-pwd:y\r\na=fingerprint:sha-256 00\r\na=setup:actpass\r\na=mid:0\r\na=rtpmap:96 VP8/90000\r\na=sendonly\r\n',
  'a=ice-ufrag:x\r\na=candidate:garbage\r\n',
  '{"meta": 1}',
  '{',
  '\u0000\uffff'.repeat(100),
  'x'.repeat(70 * 1024),
];

test('hostile and malformed requests get 4xx, never crash the server or leak sessions', async () => {
  const errors: string[] = [];
  const server = await startOnairServer({ port: 0, rateLimit: false, log: (message) => errors.push(message) });
  try {
    const created = await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' });
    const input = ((await created.json()) as { result: LiveInput }).result;
    const secret = new URL(input.webRTC.url).pathname.split('/')[1]!;
    const paths = [
      `/${secret}/webRTC/publish`,
      `/${input.uid}/webRTC/play`,
      `/${secret}/webRTC/publish/${'0'.repeat(32)}`,
      `/${input.uid}/webRTC/play/%E0%A4%A`,
      `/client/v4/accounts/local/stream/live_inputs`,
      `/client/v4/accounts/local/stream/live_inputs/${input.uid}`,
      `/client/v4/accounts/local/stream/live_inputs/..%2f..%2f`,
      `/${input.uid}/lifecycle`,
      '/%',
      '/' + 'a/'.repeat(500),
    ];
    const statuses = new Map<number | string, number>();
    const work: Promise<void>[] = [];
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'BREW']) {
        for (const type of SDP_TYPES) {
          for (const body of BODIES) {
            const headers: Record<string, string> = { 'If-Match': '*', Accept: 'application/sdp' };
            if (type) headers['Content-Type'] = type;
            work.push(raw(server.url, method, path, headers, method === 'GET' || method === 'OPTIONS' ? undefined : body).then((status) => {
              statuses.set(status, (statuses.get(status) ?? 0) + 1);
            }));
          }
        }
      }
      await Promise.all(work.splice(0));
    }
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(paths.length * 7 * SDP_TYPES.length * BODIES.length);
    for (const status of statuses.keys()) {
      // Sockets may be cut after a refused oversized body; every answered request is < 500.
      if (typeof status === 'number') expect(status, `status ${status}`).toBeLessThan(500);
    }
    expect(errors).toEqual([]);
    expect((await fetch(`${server.url}/_onair/sessions`).then((r) => r.json())) as SessionListing).toEqual({ whip: [], whep: [] });
    // Still serving (the flood included legitimate DELETEs of the input, so make a new one).
    expect((await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).status).toBe(200);
  } finally {
    await server.close();
  }
}, 30_000);
