import { chromium, type Browser, type Page } from 'playwright';
import { createServer, defaultClientConditions, type ViteDevServer } from 'vite';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchOptions } from '../../../scripts/chromium';
import { freePort } from '../../support/freePort';
import type { SessionOptions, VideoCounters } from './page/peer';
import { waitUntil } from './waitUntil';

/** Debian's Chromium (fake camera + mic) running page/peer.ts on a loopback origin. */
export interface BrowserPeer {
  /** Publishes the fake camera + mic, with our WhipSession unless `client` names an npm one. */
  publish(whipUrl: string, options?: SessionOptions): Promise<void>;
  /** Plays into the page's <video>, with our WhepSession unless `client` names an npm one. */
  play(whepUrl: string, options?: SessionOptions): Promise<void>;
  /** Answers a server's offer with a plain RTCPeerConnection (for servers that offer, like Janus subscribers). */
  answerOffer(offerSdp: string): Promise<string>;
  videoCounters(): Promise<VideoCounters>;
  /** Polls getStats until at least `frames` video frames were decoded. */
  waitForDecodedFrames(frames: number, timeoutMs: number): Promise<VideoCounters>;
  /** Polls getStats until at least `packets` video RTP packets were sent. */
  waitForSentPackets(packets: number, timeoutMs: number): Promise<VideoCounters>;
  close(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '../../..');

export async function startBrowserPeer(): Promise<BrowserPeer> {
  let vite: ViteDevServer | null = null;
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close();
    await vite?.close();
  };
  try {
    const port = await freePort();
    vite = await createServer({
      configFile: false,
      root: join(import.meta.dirname, 'page'),
      logLevel: 'error',
      resolve: {
        // Our packages from source, as every other suite reads them.
        conditions: ['@onair/source', ...defaultClientConditions],
        alias: { '@onair/core': join(repoRoot, 'packages/core/src/index.ts') },
      },
      server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
      // Only the npm clients need pre-bundling (CommonJS inside); ours is served from source.
      optimizeDeps: { noDiscovery: true, include: ['@eyevinn/whip-web-client', '@eyevinn/webrtc-player'] },
      cacheDir: join(tmpdir(), 'onair-interop-vite'),
    });
    await vite.listen();
    browser = await chromium.launch(launchOptions);
    const page: Page = await browser.newPage();
    page.on('pageerror', (error) => console.warn(`[interop] page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(() => window.onairInterop !== undefined, null, { timeout: 20_000 });

    let last: VideoCounters | null = null;
    const videoCounters = async () => (last = await page.evaluate(() => window.onairInterop!.videoCounters()));
    const lastSeen = () => JSON.stringify(last);
    return {
      publish: (url, options) => page.evaluate(([u, o]) => window.onairInterop!.publish(u, o), [url, options] as const),
      play: (url, options) => page.evaluate(([u, o]) => window.onairInterop!.play(u, o), [url, options] as const),
      answerOffer: (sdp) => page.evaluate((offer) => window.onairInterop!.answerOffer(offer), sdp),
      videoCounters,
      waitForDecodedFrames: (frames, timeoutMs) =>
        waitUntil(
          `${frames} decoded video frames in Chromium`,
          async () => {
            const counters = await videoCounters();
            return counters.framesDecoded >= frames ? counters : null;
          },
          { timeoutMs, lastSeen },
        ),
      waitForSentPackets: (packets, timeoutMs) =>
        waitUntil(
          `${packets} video RTP packets sent by Chromium`,
          async () => {
            const counters = await videoCounters();
            return counters.packetsSent >= packets ? counters : null;
          },
          { timeoutMs, lastSeen },
        ),
      async close() {
        // DELETE the WHIP/WHEP sessions before the browser goes, like a page that is closed properly.
        await page.evaluate(() => window.onairInterop!.stop()).catch(() => undefined);
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
