import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserPeer } from './support/browserPeer';
import { startJanus, type Janus } from './support/janus';
import { subscribeInJanus } from './support/janusSubscriber';
import { missingPeers } from './support/peers';
import { startSimpleWhipServer, type SimpleWhipServer } from './support/simpleWhipServer';
import { waitUntil } from './support/waitUntil';
import { startWhipClient } from './support/whipClient';

// Our WHIP client publishing into Debian's Janus (VideoRoom) through Meetecho's simple-whip-server. Proof:
// Janus's own counters of what arrived, and a VideoRoom subscriber in Chromium decoding what Janus relays.
const missing = missingPeers(['janus', 'simple-whip-server']);
if (missing) console.warn(`[interop] skipping Janus interop: ${missing}`);
const missingWhipClient = missingPeers(['whip-client']);

const MEDIA_MS = 20_000;
// ~1 s of video: enough to prove a stream, not just a keyframe.
const VIDEO_PACKETS = 30;
const DECODED_FRAMES = 30;

describe.skipIf(missing !== null)(missing ? `Janus interop (skipped: ${missing})` : 'Janus + simple-whip-server', () => {
  let janus: Janus;
  let whipServer: SimpleWhipServer;

  beforeAll(async () => {
    janus = await startJanus();
    whipServer = await startSimpleWhipServer(janus.wsUrl);
  });
  afterAll(async () => {
    await whipServer?.stop();
    await janus?.stop();
  });

  // Video packets Janus received, over every publisher in the room.
  const videoIn = async () => {
    const publishers = await janus.publishersVideoIn();
    return publishers.reduce((sum, p) => sum + p.packets, 0);
  };

  it.skipIf(missingWhipClient !== null)('takes Debian whip-client (the control peer) through simple-whip-server into a VideoRoom', async () => {
    const url = await whipServer.createEndpoint('gstreamer', janus.room);
    const client = await startWhipClient({ url, trickle: true });
    try {
      const packets = await waitUntil('video packets at Janus', async () => {
        const n = await videoIn();
        return n >= VIDEO_PACKETS ? n : null;
      }, { timeoutMs: MEDIA_MS });
      expect(packets).toBeGreaterThanOrEqual(VIDEO_PACKETS);
    } finally {
      await client.stop();
    }
    await waitUntil('the endpoint to be released by whip-client DELETE', async () => {
      const endpoint = (await whipServer.endpoints()).find((e) => e.id === 'gstreamer');
      return endpoint && !endpoint.enabled ? endpoint : null;
    }, { timeoutMs: 10_000 });
  });

  // full: every candidate in the offer; trickle (the default): an offer without candidates, all of
  // them by PATCH once the 201 is in.
  for (const gathering of ['full', 'trickle'] as const) {
    it(`publishes into Janus with our WhipSession (${gathering} gathering); a Janus subscriber decodes it`, async () => {
      const id = `onair-${gathering}`;
      const url = await whipServer.createEndpoint(id, janus.room);
      const browser = await startBrowserPeer();
      try {
        await browser.publish(url, { gathering });
        const sent = await browser.waitForSentPackets(VIDEO_PACKETS, MEDIA_MS);
        expect(sent.packetsSent).toBeGreaterThanOrEqual(VIDEO_PACKETS);
        const [publisher] = await waitUntil('a VideoRoom publisher with video packets', async () => {
          const publishers = (await janus.publishersVideoIn()).filter((p) => p.packets >= VIDEO_PACKETS);
          return publishers.length ? publishers : null;
        }, { timeoutMs: MEDIA_MS, lastSeen: () => janus.output().slice(-2_000) });
        expect(publisher?.codec).toMatch(/^(vp8|vp9|h264|av1)$/);

        const subscription = await subscribeInJanus(janus, browser.answerOffer);
        try {
          const counters = await browser.waitForDecodedFrames(DECODED_FRAMES, MEDIA_MS);
          expect(counters.framesDecoded).toBeGreaterThanOrEqual(DECODED_FRAMES);
        } finally {
          await subscription.stop();
        }
      } finally {
        await browser.close();
      }
      await waitUntil('the endpoint to be released by our DELETE', async () => {
        const endpoint = (await whipServer.endpoints()).find((e) => e.id === id);
        return endpoint && !endpoint.enabled ? endpoint : null;
      }, { timeoutMs: 10_000 });
    });
  }
});
