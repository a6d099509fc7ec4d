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

test('a server restarted at once: both sessions find theirs gone by probing and reconnect before Chromium calls their connections disconnected', { timeout: 150_000 }, async () => {
  const base = server.url;
  const input = await server.createInput('quick restart');
  const stream = await fakeCamera(cleanups, 640, 360);
  const t0 = performance.now();
  const trail: string[] = [];
  const note = (what: string) => trail.push(`${(performance.now() - t0).toFixed(0)} ${what}`);
  // Each side's connections and requests, in one trail: Chromium reports a dead server's
  // connection disconnected only seconds after the server died (~7 s for a publisher).
  const recorded = (who: string) => ({
    RTCPeerConnection: class extends RTCPeerConnection {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        this.addEventListener('connectionstatechange', () => note(`${who} connection ${this.connectionState}`));
      }
    },
    fetch: ((url, init) => {
      note(`${who} ${init?.method} ${String(url).replace(base, '')}`);
      return fetch(url, init);
    }) as typeof fetch,
  });
  const publisher = new WhipSession({ url: input.webRTC.url, ...recorded('publisher') });
  // No frozen-video watch: the player must learn of the dead server from the server's event stream
  // or from silence, not from 4 s without frames.
  const player = new WhepSession({ url: input.webRTCPlayback.url, frozenVideoMs: 0, ...recorded('player') });
  cleanups.push(() => publisher.stop(), () => player.stop());
  publisher.subscribe(() => note(`publisher ${publisher.getSnapshot().status}`));
  player.subscribe(() => note(`player ${player.getSnapshot().status}`));
  const frames = async () => (await createStatsReader(player)())?.framesDecoded ?? 0;

  await publisher.start(stream);
  await player.start();
  await until('frames before the kill', async () => (await frames()) > 10, DEADLINE_MS);
  const before = [publisher.getSnapshot().sessionUrl, player.getSnapshot().sessionUrl];
  await commands.killServerProcess();
  note('server killed');
  const killed = trail.length;
  expect((await commands.restartServerProcess()).url).toBe(base);
  note('server listening');

  await until('the publisher live again on a new session', () => publisher.getSnapshot().status === 'live' && publisher.getSnapshot().sessionUrl !== before[0], DEADLINE_MS);
  await until('the viewer playing again on a new session', () => player.getSnapshot().status === 'playing' && player.getSnapshot().sessionUrl !== before[1], DEADLINE_MS);
  const after = await until('frames after the restart', frames, DEADLINE_MS);
  await until('frames still increasing', async () => (await frames()) > after + 10, DEADLINE_MS);
  console.log(trail.join('\n'));
  const since = trail.slice(killed).map((line) => line.replace(/^\d+ /, ''));
  for (const who of ['publisher', 'player']) {
    const reconnecting = since.indexOf(`${who} reconnecting`);
    const probed = since.findIndex((line) => line.startsWith(`${who} OPTIONS`));
    const disconnected = since.indexOf(`${who} connection disconnected`);
    expect(probed, `${who} probed its session`).toBeGreaterThan(-1);
    expect(reconnecting, `${who} reconnecting after its probe`).toBeGreaterThan(probed);
    if (disconnected !== -1) expect(reconnecting, `${who} reconnecting before its connection read disconnected`).toBeLessThan(disconnected);
  }
});
