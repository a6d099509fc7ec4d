import { expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { createStatsReader, WhepSession, WhipSession } from './index';
import { cleanupsAfterEach, fakeCamera, serverProcessForFile } from '../../../tests/support/browserHooks';
import { until } from '../../../tests/support/until';

// Recovery after the server process is SIGKILLed and started again on the same address with the
// same database: a separate @onair/server CLI process driven by scripts/serverProcessCommands.ts
// (typed in scripts/browserCommands.d.ts).
const DEADLINE_MS = 60_000;

const server = serverProcessForFile();
const cleanups = cleanupsAfterEach();

test('publisher and viewer recover by themselves after the server process is killed and restarted', { timeout: 150_000 }, async () => {
  const base = server.url;
  const input = await server.createInput('server restart');
  const stream = await fakeCamera(cleanups, 640, 360);
  const publisher = new WhipSession({ url: input.webRTC.url });
  const player = new WhepSession({ url: input.webRTCPlayback.url });
  cleanups.push(() => publisher.stop(), () => player.stop());
  const seen = { publisher: [] as string[], player: [] as string[] };
  publisher.subscribe(() => seen.publisher.push(publisher.getSnapshot().status));
  player.subscribe(() => seen.player.push(player.getSnapshot().status));
  const frames = async () => (await createStatsReader(player)())?.framesDecoded ?? 0;

  await publisher.start(stream);
  await player.start();
  await until('frames before the kill', async () => (await frames()) > 10, DEADLINE_MS);

  await commands.killServerProcess();
  await until('both sessions reconnecting', () => publisher.getSnapshot().status === 'reconnecting' && player.getSnapshot().status === 'reconnecting', DEADLINE_MS);
  const restartedAt = performance.now();

  expect((await commands.restartServerProcess()).url).toBe(base);
  await until('the publisher live again', () => publisher.getSnapshot().status === 'live', DEADLINE_MS);
  await until('the viewer playing again', () => player.getSnapshot().status === 'playing', DEADLINE_MS);
  // A fresh WHEP session: its frame count restarts, so new frames mean decoding resumed.
  const after = await until('frames after the restart', frames, DEADLINE_MS);
  await until('frames still increasing', async () => (await frames()) > after + 10, DEADLINE_MS);
  expect(publisher.getSnapshot()).toMatchObject({ status: 'live', sessionUrl: expect.stringContaining(base) });
  expect(seen.publisher).toEqual(expect.arrayContaining(['live', 'reconnecting']));
  console.log(`recovered ${((performance.now() - restartedAt) / 1000).toFixed(1)} s after the restart began`);
});
