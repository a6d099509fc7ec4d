import { startOnairServer, type OnairServer } from '@onair/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserPeer } from './support/browserPeer';
import { waitUntil } from './support/waitUntil';

// WHIP/WHEP clients from npm that we did not write, in Chromium, against @onair/server: each publishes
// the fake camera with its WHIP client and plays it back with its WHEP client.
const MEDIA_MS = 20_000;
const DECODED_FRAMES = 30;

describe('npm WHIP/WHEP clients → @onair/server', () => {
  let server: OnairServer;

  beforeAll(async () => {
    server = await startOnairServer({ port: 0, db: ':memory:' });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const client of ['whip-whep', 'eyevinn'] as const) {
    it(`publishes and plays with ${client}`, async () => {
      const response = await fetch(`${server.url}/client/v4/accounts/${server.accountId}/stream/live_inputs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ meta: { name: client } }),
      });
      const { result: input } = (await response.json()) as { result: { uid: string; webRTC: { url: string }; webRTCPlayback: { url: string } } };
      const browser = await startBrowserPeer();
      try {
        await browser.publish(input.webRTC.url, { client });
        await waitUntil('the live input to go live', async () => {
          const lifecycle = (await (await fetch(`${server.url}/${input.uid}/lifecycle`)).json()) as { live: boolean };
          return lifecycle.live ? lifecycle : null;
        }, { timeoutMs: MEDIA_MS });
        await browser.play(input.webRTCPlayback.url, { client });
        const counters = await browser.waitForDecodedFrames(DECODED_FRAMES, MEDIA_MS);
        expect(counters.framesDecoded).toBeGreaterThanOrEqual(DECODED_FRAMES);
      } finally {
        await browser.close();
      }
    });
  }
});
