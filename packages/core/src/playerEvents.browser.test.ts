import { expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { createStatsReader, getUserMedia, WhepSession, WhipSession, type WhepStatus } from './index';
import { cleanupsAfterEach, sharedServer } from '../../../tests/support/browserHooks';
import { until } from '../../../tests/support/until';

// The WHEP server-sent-events extension against the real @onair/server: the creator's End stream
// and Go live, and the viewer count, as a player sees them in Chromium.
const { api } = sharedServer();
const END_SEEN_WITHIN_MS = 1_000;
const cleanups = cleanupsAfterEach();

async function setup() {
  const input = await api.create({ meta: { name: 'player events' } });
  cleanups.push(() => api.delete(input.uid));
  const stream = await getUserMedia({ video: { width: 320, height: 180 }, audio: true });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  const creator = () => {
    const publisher = new WhipSession({ url: input.webRTC.url });
    cleanups.push(() => publisher.stop());
    return publisher;
  };
  const viewer = () => {
    const player = new WhepSession({ url: input.webRTCPlayback.url });
    cleanups.push(() => player.stop());
    const statuses: WhepStatus[] = [];
    player.subscribe(() => statuses.at(-1) !== player.getSnapshot().status && statuses.push(player.getSnapshot().status));
    return { player, statuses };
  };
  return { stream, creator, viewer };
}

const frames = async (player: WhepSession) => (await createStatsReader(player)())?.framesDecoded ?? 0;

test('End stream: the player waits (streamEnded) within 1 s, never reconnecting, and plays again on Go live', async () => {
  const { stream, creator, viewer } = await setup();
  const first = creator();
  await first.start(stream);
  const { player, statuses } = viewer();
  await player.start();
  await until('frames', async () => (await frames(player)) > 10);
  const session = player.getSnapshot().sessionUrl;

  const endedAt = performance.now();
  await first.stop();
  await until('waiting', () => player.getSnapshot().status === 'waiting', END_SEEN_WITHIN_MS * 5, 10);
  const seenAfter = performance.now() - endedAt;
  expect(player.getSnapshot()).toMatchObject({ status: 'waiting', streamEnded: true, error: null });

  await creator().start(stream);
  await until('playing again', () => player.getSnapshot().status === 'playing');
  const resumed = await frames(player);
  await until('new frames', async () => (await frames(player)) > resumed + 10);
  console.log(`End stream seen by the player after ${seenAfter.toFixed(0)} ms`);
  expect(seenAfter).toBeLessThan(END_SEEN_WITHIN_MS);
  expect(player.getSnapshot()).toMatchObject({ streamEnded: false, sessionUrl: session });
  expect(statuses).toEqual(['connecting', 'playing', 'waiting', 'playing']);
});

test('viewerCount follows viewers joining and leaving', async () => {
  const { stream, creator, viewer } = await setup();
  await creator().start(stream);
  const { player: first } = viewer();
  await first.start();
  await until('one viewer', () => first.getSnapshot().viewerCount === 1);
  const { player: second } = viewer();
  await second.start();
  await until('two viewers, seen by both', () => first.getSnapshot().viewerCount === 2 && second.getSnapshot().viewerCount === 2);
  await second.stop();
  await until('one viewer again', () => first.getSnapshot().viewerCount === 1);
});

test('a player who arrives before the creator follows the events instead of polling: one 409 in all', async () => {
  await commands.recordFailedResponses();
  const { stream, creator, viewer } = await setup();
  const { player, statuses } = viewer();
  const playing = player.start();
  await until('waiting', () => player.getSnapshot().status === 'waiting');
  // Longer than a few of the server's Retry-After (2 s): a polling player would have POSTed again.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  expect(await commands.failedResponses()).toEqual([expect.stringMatching(/^409 POST /)]);
  expect(player.getSnapshot().viewerCount).toBe(0);
  await creator().start(stream);
  await playing;
  expect(statuses).toEqual(['connecting', 'waiting', 'connecting', 'playing']);
  expect(await commands.failedResponses()).toHaveLength(1);
});
