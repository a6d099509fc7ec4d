import { afterEach, expect, test } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import type { OnairServer, OnairServerOptions } from './onairServer.js';
import { startOnairServer } from './onairServer.js';
import type { TestPeer } from './weriftTestPeer.js';
import { connect, creatorPeer, eventually, post, viewerPeer } from './weriftTestPeer.js';

// Past its capacity the server refuses new sessions with 503 + Retry-After and keeps the others.
const servers: OnairServer[] = [];
const peers: TestPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serverWithInput(options: OnairServerOptions) {
  const server = await startOnairServer({ port: 0, ...options });
  servers.push(server);
  const res = await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' });
  return { server, input: ((await res.json()) as { result: LiveInput }).result };
}

const peer = async (make: () => Promise<TestPeer>) => {
  const p = await make();
  peers.push(p);
  return p;
};

const expectOverloaded = async (res: Response) => {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
};

test('beyond maxSessions a new viewer gets 503 + Retry-After; a freed slot admits it', async () => {
  const { server, input } = await serverWithInput({ overload: { maxSessions: 2 } });
  await connect(await peer(creatorPeer), input.webRTC.url);
  await eventually('creator live', async () => ((await (await fetch(`${server.url}/${input.uid}/lifecycle`)).json()) as { live: boolean }).live);
  const first = await connect(await peer(viewerPeer), input.webRTCPlayback.url);

  const waiting = await peer(viewerPeer);
  await expectOverloaded(await post(input.webRTCPlayback.url, waiting.offer));
  expect((await fetch(first.session, { method: 'DELETE' })).status).toBe(200);
  await connect(waiting, input.webRTCPlayback.url);
});

test('while the event loop lags past maxEventLoopLagMs new sessions get 503, then are admitted again', async () => {
  const { input } = await serverWithInput({ overload: { maxEventLoopLagMs: 100 } });
  const creator = await peer(creatorPeer);
  // Saturate this process's event loop (the server's) the way a relay past its fan-out limit does.
  const until = Date.now() + 300;
  while (Date.now() < until);
  await expectOverloaded(await post(input.webRTC.url, creator.offer));
  await eventually('admitted once the lag is gone', async () => (await post(input.webRTC.url, creator.offer)).status === 201);
});
