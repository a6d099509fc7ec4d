import { afterEach, expect, inject, test } from 'vitest';
import { createStatsReader, getUserMedia, LiveInputsClient, WhepSession, WhipSession } from './index';
import { until } from '../../../tests/support/until';

// When the server ends a session (here: someone DELETEs the viewer's session URL; also an input
// deleted or a server shutting down), it sends a DTLS close_notify. The client must take that as
// the end of the session and start a fresh one at once, not wait for ICE to time out.
const base = inject('onairServerUrl');
const account = inject('onairAccountId');
const DEADLINE_MS = 30_000;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The session's current peer connection (protected: read for this test only). */
const pcOf = (session: WhepSession) => (session as unknown as { current: { pc: RTCPeerConnection } | null }).current?.pc;

test('a viewer whose session the server ends plays again in a fresh session, without waiting for ICE', async () => {
  const api = new LiveInputsClient({ accountId: account, baseUrl: `${base}/client/v4` });
  const input = await api.create({ meta: { name: 'session ended by the server' } });
  cleanups.push(() => api.delete(input.uid));
  const stream = await getUserMedia({ video: { width: 640, height: 360 }, audio: false });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  const publisher = new WhipSession({ url: input.webRTC.url });
  cleanups.push(() => publisher.stop());
  const player = new WhepSession({ url: input.webRTCPlayback.url });
  cleanups.push(() => player.stop());

  // What ICE said when the player started reconnecting: still 'connected' if the DTLS close did it.
  const iceWhenReconnecting: string[] = [];
  player.subscribe(() => {
    if (player.getSnapshot().status === 'reconnecting') iceWhenReconnecting.push(pcOf(player)?.iceConnectionState ?? 'none');
  });
  await publisher.start(stream);
  await player.start();
  await until('playing', () => player.getSnapshot().status === 'playing', DEADLINE_MS);
  const ended = player.getSnapshot().sessionUrl!;

  expect((await fetch(ended, { method: 'DELETE' })).status).toBe(200);
  await until('reconnecting', () => iceWhenReconnecting.length > 0, DEADLINE_MS);
  expect(iceWhenReconnecting[0]).toBe('connected');
  await until('playing in a fresh session', () => player.getSnapshot().status === 'playing' && player.getSnapshot().sessionUrl !== ended, DEADLINE_MS);
  const frames = async () => (await createStatsReader(player)())?.framesDecoded ?? 0;
  await until('frames in the fresh session', async () => (await frames()) > 10, DEADLINE_MS);
});
