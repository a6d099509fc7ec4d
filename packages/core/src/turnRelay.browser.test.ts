import { afterAll, beforeAll, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { createStatsReader, getUserMedia, LiveInputsClient, WhepSession, WhipSession } from './index';
import type { PeerSession } from './peerSession';
import { cleanupsAfterEach } from '../../../tests/support/browserHooks';
import { until } from '../../../tests/support/until';

// A user whose only route is the server's TURN: coturn on loopback, named only in the server's
// `Link: rel="ice-server"` (--ice-server), and peer connections that may use relay candidates only.
// Chromium gathers from the ICE servers set at setLocalDescription: those of a 201 count only if
// the offer is set after it. Each test runs its own server process (a new origin, so the first
// session there cannot know the server's ICE servers yet; the second one remembers them).
const DEADLINE_MS = 30_000;

/** Relay candidates only, as behind a firewall that lets nothing but TURN through. */
class RelayOnly extends RTCPeerConnection {
  constructor(configuration: RTCConfiguration = {}) {
    super({ ...configuration, iceTransportPolicy: 'relay' });
  }
}

let iceServer = '';
beforeAll(async () => {
  const turn = await commands.startTurnServer();
  iceServer = `${turn.url}|${turn.username}|${turn.credential}`;
});
afterAll(async () => {
  await commands.stopServerProcess();
  await commands.stopTurnServer();
});

const cleanups = cleanupsAfterEach();

async function setup() {
  const base = (await commands.startServerProcess({ iceServers: [iceServer] })).url;
  const api = new LiveInputsClient({ accountId: 'test-account', baseUrl: `${base}/client/v4` });
  const input = await api.create({ meta: { name: 'relay only' } });
  const stream = await getUserMedia({ video: { width: 320, height: 180 }, audio: true });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  const publisher = new WhipSession({ url: input.webRTC.url, RTCPeerConnection: RelayOnly });
  const player = new WhepSession({ url: input.webRTCPlayback.url, RTCPeerConnection: RelayOnly });
  cleanups.push(() => publisher.stop(), () => player.stop());
  return { stream, publisher, player };
}

/** The selected candidate pair: local/remote candidate types, e.g. 'relay/host'. */
const pairType = async (session: PeerSession<string>) => (await createStatsReader(session)())?.candidatePairType;

async function expectRelayedFrames(publisher: WhipSession, player: WhepSession) {
  await until('frames through the relay', async () => ((await createStatsReader(player)())?.framesDecoded ?? 0) > 10, DEADLINE_MS);
  expect(await pairType(publisher)).toMatch(/^relay\//);
  expect(await pairType(player)).toMatch(/^relay\//);
}

test('the first session to a server gathers from the TURN server of its 201 (publisher first)', { timeout: 90_000 }, async () => {
  const { stream, publisher, player } = await setup();
  await publisher.start(stream);
  await player.start();
  await expectRelayedFrames(publisher, player);
});

test('the first session to a server gathers from the TURN server of its 201 (player first, waiting)', { timeout: 90_000 }, async () => {
  const { stream, publisher, player } = await setup();
  const playing = player.start();
  await until('the player waiting', () => player.getSnapshot().status === 'waiting', DEADLINE_MS);
  await publisher.start(stream);
  await playing;
  await expectRelayedFrames(publisher, player);
});
