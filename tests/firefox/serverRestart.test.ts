import { afterAll, beforeAll, expect, test } from 'vitest';
import { LiveInputsClient } from '@onair/core';
import { killServerProcess, restartServerProcess, startServerProcess, stopServerProcess } from '../../scripts/serverProcessCommands';
import { startBrowserPeer, type BrowserPeer } from '../interop/support/browserPeer';
import { waitUntil } from '../interop/support/waitUntil';

// A Firefox creator and a Firefox viewer recover by themselves after the @onair/server process is
// SIGKILLed and started again on the same address with the same database.

const DEADLINE_MS = 60_000;

let base = '';
let creator: BrowserPeer | undefined;
let viewer: BrowserPeer | undefined;

beforeAll(async () => {
  base = (await startServerProcess()).url;
  creator = await startBrowserPeer('firefox');
  viewer = await startBrowserPeer('firefox');
}, 120_000);

afterAll(async () => {
  await viewer?.close();
  await creator?.close();
  await stopServerProcess();
}, 60_000);

/** Waits until `peer`'s one session has `status`; returns its view. */
const statusIs = (peer: BrowserPeer, status: string) => {
  let views: unknown = null;
  return waitUntil(
    `${peer.browser} session ${status}`,
    async () => (views = await peer.call('views')).find((view) => view.status === status) ?? null,
    { timeoutMs: DEADLINE_MS, lastSeen: () => JSON.stringify(views) },
  );
};

test('Firefox creator and viewer come back by themselves after the server is killed and restarted', { timeout: 180_000 }, async () => {
  const api = new LiveInputsClient({ accountId: 'local', baseUrl: `${base}/client/v4` });
  const input = await api.create({ meta: { name: 'firefox server restart' } });
  await creator!.publish(input.webRTC.url);
  await viewer!.play(input.webRTCPlayback.url);
  await viewer!.waitForDecodedFrames(30, DEADLINE_MS);

  await killServerProcess();
  await Promise.all([statusIs(creator!, 'reconnecting'), statusIs(viewer!, 'reconnecting')]);
  const restartedAt = performance.now();
  expect((await restartServerProcess()).url).toBe(base);

  const published = await statusIs(creator!, 'live');
  await statusIs(viewer!, 'playing');
  expect(published.sessionUrl).toContain(base);
  // A fresh WHEP session: its counters start again from zero, so these frames are new ones.
  await viewer!.waitForDecodedFrames(30, DEADLINE_MS);
  console.log(`Firefox recovered ${((performance.now() - restartedAt) / 1000).toFixed(1)} s after the restart began`);
});
