import { startOnairServer, type OnairServer } from '@onair/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserPeer, type BrowserPeer } from './support/browserPeer';
import { missingPeers } from './support/peers';
import { waitUntil } from './support/waitUntil';
import { startWhipClient, type WhipClient } from './support/whipClient';

// Debian's whip-client (GStreamer webrtcbin + libnice) publishes to @onair/server; Chromium plays it by WHEP.
const missing = missingPeers(['whip-client']);
if (missing) console.warn(`[interop] skipping whip-client interop: ${missing}`);

const MEDIA_MS = 20_000;
// ~1 s at whip-client's 30 fps: a stream that keeps decoding, not one lucky keyframe.
const DECODED_FRAMES = 30;

interface LiveInput {
  uid: string;
  webRTC: { url: string };
  webRTCPlayback: { url: string };
}

describe.skipIf(missing !== null)(missing ? `whip-client interop (skipped: ${missing})` : 'Debian whip-client → @onair/server → Chromium', () => {
  let server: OnairServer;

  beforeAll(async () => {
    server = await startOnairServer({ port: 0, db: ':memory:' });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function createLiveInput(name: string): Promise<LiveInput> {
    const response = await fetch(`${server.url}/client/v4/accounts/${server.accountId}/stream/live_inputs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ meta: { name } }),
    });
    const body = (await response.json()) as { success: boolean; result: LiveInput };
    expect(body.success).toBe(true);
    return body.result;
  }

  const sessions = async () =>
    (await (await fetch(`${server.url}/_onair/sessions`)).json()) as { whip: unknown[]; whep: unknown[] };

  for (const trickle of [true, false]) {
    it(`publishes with whip-client ${trickle ? '(trickle by PATCH)' : '-n (no trickle)'} and plays in Chromium`, async () => {
      const input = await createLiveInput(`whip-client ${trickle ? 'trickle' : 'no-trickle'}`);
      let client: WhipClient | null = null;
      let viewer: BrowserPeer | null = null;
      try {
        client = await startWhipClient({ url: input.webRTC.url, trickle });
        await waitUntil('the live input to go live', async () => {
          const lifecycle = (await (await fetch(`${server.url}/${input.uid}/lifecycle`)).json()) as { live: boolean };
          return lifecycle.live ? lifecycle : null;
        }, { timeoutMs: MEDIA_MS });
        viewer = await startBrowserPeer();
        await viewer.play(input.webRTCPlayback.url);
        const counters = await viewer.waitForDecodedFrames(DECODED_FRAMES, MEDIA_MS);
        expect(counters.framesDecoded).toBeGreaterThanOrEqual(DECODED_FRAMES);
      } finally {
        await viewer?.close();
        await client?.stop();
      }
      // whip-client DELETEs its session on Ctrl-C, the viewer on close: the server must hold none.
      await waitUntil('the server to hold no session', async () => {
        const held = await sessions();
        return held.whip.length === 0 && held.whep.length === 0 ? held : null;
      }, { timeoutMs: 10_000 });
    });
  }
});
