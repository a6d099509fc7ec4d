import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import type { OnairServer } from './onairServer.js';
import { startOnairServer } from './onairServer.js';
import { MAX_SDP_BYTES } from './requestBody.js';
import { DRAIN_MAX_BYTES } from './requestHandler.js';

let server: OnairServer;
let whipUrl: string;

beforeAll(async () => {
  server = await startOnairServer({ port: 0, rateLimit: false });
  const created = await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' });
  whipUrl = ((await created.json()) as { result: LiveInput }).result.webRTC.url;
});
afterAll(() => server.close());

// Big enough that the loopback socket buffers cannot swallow it (1 MiB fitted in them here), so the
// client is still writing when the server answers; within the bound the server drains.
const BODY_BYTES = 4 * 1024 * 1024;

/**
 * A real client (fetch) on its own thread, so it writes while the server answers, as over a
 * network: POSTs `rounds` oversized bodies to each URL (declared length, then chunked) and reports
 * each status and body, or the error fetch got instead.
 */
const CLIENT = `
const { parentPort, workerData: { targets, bytes, rounds } } = require('node:worker_threads');
const body = new Uint8Array(bytes).fill(0x61);
const chunked = () => new ReadableStream({ start(c) { for (let o = 0; o < bytes; o += 65536) c.enqueue(body.subarray(o, o + 65536)); c.close(); } });
(async () => {
  const outcomes = [];
  for (let round = 0; round < rounds; round++) {
    for (const { url, contentType } of targets) {
      for (const streamed of [false, true]) {
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body: streamed ? chunked() : body, duplex: 'half' });
          outcomes.push(response.status + ' ' + (await response.text()));
        } catch (error) {
          outcomes.push('failed: ' + String(error.cause ?? error));
        }
      }
    }
  }
  parentPort.postMessage(outcomes);
})();
`;

function oversizedPosts(targets: { url: string; contentType: string }[], rounds: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { targets, bytes: BODY_BYTES, rounds } });
    worker.once('message', (outcomes: string[]) => void worker.terminate().then(() => resolve(outcomes)));
    worker.once('error', reject);
  });
}

test('a 4 MiB body over the 64 KiB cap always gets its 413 (declared or chunked), never EPIPE or a reset', { timeout: 60_000 }, async () => {
  expect(BODY_BYTES).toBeGreaterThan(MAX_SDP_BYTES);
  expect(BODY_BYTES).toBeLessThan(DRAIN_MAX_BYTES);
  const api = `${server.url}/client/v4/accounts/local/stream/live_inputs`;
  const outcomes = await oversizedPosts(
    [
      { url: whipUrl, contentType: 'application/sdp' },
      { url: api, contentType: 'application/json' },
    ],
    15,
  );
  expect(outcomes).toHaveLength(60);
  const unanswered = outcomes.filter((outcome) => !/^413 .*("status":413|"code":10006)/.test(outcome));
  expect(unanswered).toEqual([]);
});

test('every response under a WHIP or WHEP URL names the protocol version, errors included', async () => {
  const version = async (url: string, init?: RequestInit) => (await fetch(url, init)).headers.get('protocol-version');
  expect(await version(whipUrl, { method: 'PUT' })).toBe('draft-ietf-wish-whip-06'); // 405
  expect(await version(`${server.url}/${'0'.repeat(32)}/webRTC/publish`, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: 'v=0' })).toBe('draft-ietf-wish-whip-06'); // 404
  expect(await version(`${whipUrl}/no-such-session`, { method: 'DELETE' })).toBe('draft-ietf-wish-whip-06'); // 404
  expect(await version(`${server.url}/${'0'.repeat(32)}/webRTC/play`, { method: 'PUT' })).toBe('draft-murillo-whep-01'); // 405
  expect(await version(`${server.url}/client/v4/accounts/local/stream/live_inputs`)).toBeNull();
});

test('PUT is rate-limited like the other writes', async () => {
  const limited = await startOnairServer({ port: 0, rateLimit: { max: 3, windowMs: 60_000 } });
  try {
    const put = () => fetch(`${limited.url}/client/v4/accounts/local/stream/live_inputs/${'0'.repeat(32)}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await put()).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  } finally {
    await limited.close();
  }
});
