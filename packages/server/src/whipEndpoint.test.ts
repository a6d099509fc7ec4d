import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import type { OnairServer } from './onairServer.js';
import { startOnairServer } from './onairServer.js';
import type { SessionListing } from './sessionRegistry.js';
import type { TestPeer } from './weriftTestPeer.js';
import { creatorPeer, eventually, post } from './weriftTestPeer.js';

let server: OnairServer;
const errors: string[] = [];
const peers: TestPeer[] = [];

beforeAll(async () => {
  server = await startOnairServer({ port: 0, rateLimit: false, log: (message) => errors.push(message) });
});
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
});
afterAll(() => server.close());

async function createInput(): Promise<LiveInput> {
  const created = await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' });
  return ((await created.json()) as { result: LiveInput }).result;
}
const sessions = async () => (await (await fetch(`${server.url}/_onair/sessions`)).json()) as SessionListing;
const lifecycle = async (input: LiveInput) => (await (await fetch(`${server.url}/${input.uid}/lifecycle`)).json()) as { live: boolean };
/** UDP sockets open in this process: werift peers (server and test peers) hold one per host address. */
const udpSockets = () => process.getActiveResourcesInfo().filter((resource) => resource === 'UDPWrap').length;

test('a setup:active offer is answered setup:passive, and the creator connects (RFC 9725 §4.4.4)', { timeout: 20_000 }, async () => {
  const input = await createInput();
  const creator = await creatorPeer();
  peers.push(creator);
  const response = await post(input.webRTC.url, creator.offer.replaceAll('a=setup:actpass', 'a=setup:active'));
  expect(response.status).toBe(201);
  const answer = await response.text();
  expect(answer.match(/^a=setup:\w+/gm)).toEqual(['a=setup:passive', 'a=setup:passive']);
  // The creator is the DTLS client now, as its offer said.
  await creator.pc.setRemoteDescription({ type: 'answer', sdp: answer });
  await eventually('the creator to connect', async () => creator.pc.connectionState === 'connected' && (await lifecycle(input)).live, 15_000);
});

test('a flood of WHIP POSTs to an input nobody publishes on holds one werift peer, and every POST gets 201 or 409', { timeout: 60_000 }, async () => {
  const input = await createInput();
  const creator = await creatorPeer();
  peers.push(creator);
  const base = udpSockets();
  const first = await post(input.webRTC.url, creator.offer);
  expect(first.status).toBe(201);
  await first.text();
  const perPeer = udpSockets() - base;
  expect(perPeer).toBeGreaterThan(0);

  let most = 0;
  const sample = setInterval(() => (most = Math.max(most, udpSockets() - base)), 1);
  const statuses: number[] = [];
  for (let wave = 0; wave < 5; wave++) {
    // Each POST replaces the pending creator, often while that one is still negotiating.
    const answers = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const response = await post(input.webRTC.url, creator.offer).catch((error: Error) => error);
        if (response instanceof Error) return 0;
        await response.text();
        return response.status;
      }),
    );
    statuses.push(...answers);
  }
  clearInterval(sample);

  expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
  expect(errors).toEqual([]);
  expect((await sessions()).whip.filter((session) => session.inputUid === input.uid)).toHaveLength(1);
  // A replaced peer may close a moment after its successor opened: never more than two at once.
  expect(most).toBeLessThanOrEqual(2 * perPeer);
  await eventually('the replaced peers to be closed', () => udpSockets() - base === perPeer);
});
