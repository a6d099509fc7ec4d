import { chromium } from 'playwright';
import { createServer, defaultClientConditions, type ViteDevServer } from 'vite';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchOptions } from '../../../scripts/chromium';
import { launchFirefox } from '../../../scripts/firefox';
import { freePort } from '../../support/freePort';
import type { OnairInterop, SessionOptions, VideoCounters } from './page/peer';
import { waitUntil } from './waitUntil';

export type BrowserName = 'chromium' | 'firefox';

/** Debian's Chromium or Firefox ESR (fake camera + mic) running page/peer.ts on a loopback origin. */
export interface BrowserPeer {
  readonly browser: BrowserName;
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
  /** Calls the page's `window.onairInterop[name]` with `args` (what the methods above do). */
  call<K extends keyof OnairInterop>(name: K, ...args: Parameters<OnairInterop[K]>): Promise<Awaited<ReturnType<OnairInterop[K]>>>;
  close(): Promise<void>;
}

/** The little the peer needs of a browser page: Playwright's (Chromium) and Puppeteer's (Firefox over BiDi) both fit. */
interface PeerPage {
  goto(url: string): Promise<unknown>;
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  on(event: 'pageerror', listener: (error: Error) => void): unknown;
}

/** One browser process with one page (a background tab would be throttled). */
async function openPage(name: BrowserName): Promise<{ page: PeerPage; close: () => Promise<void> }> {
  if (name === 'chromium') {
    const browser = await chromium.launch(launchOptions);
    return { page: await browser.newPage(), close: () => browser.close() };
  }
  const browser = await launchFirefox();
  // The page Firefox opens with, not a second one: one page per process.
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  return {
    page: {
      goto: (url) => page.goto(url),
      // Puppeteer types the argument as it arrives in the page (handles flattened); ours are plain values.
      evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => never, arg),
      on: (event, listener) => page.on(event, (error) => listener(error as Error)),
    },
    close: () => browser.close(),
  };
}

const repoRoot = resolve(import.meta.dirname, '../../..');

export async function startBrowserPeer(name: BrowserName = 'chromium'): Promise<BrowserPeer> {
  let vite: ViteDevServer | null = null;
  let browser: { close(): Promise<void> } | null = null;
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
    const opened = await openPage(name);
    browser = opened;
    const { page } = opened;
    page.on('pageerror', (error) => console.warn(`[${name}] page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await waitUntil('the peer page to load', () => page.evaluate(() => window.onairInterop !== undefined || null, null), { timeoutMs: 20_000 });

    const call: BrowserPeer['call'] = (method, ...args) =>
      // Runs in the page: only the two plain values cross over.
      page.evaluate(([m, a]) => (window.onairInterop![m] as (...params: unknown[]) => unknown)(...a), [method, args] as const) as never;
    let last: VideoCounters | null = null;
    const videoCounters = async () => (last = await call('videoCounters'));
    const lastSeen = () => JSON.stringify(last);
    const where = name === 'chromium' ? 'Chromium' : 'Firefox';
    return {
      browser: name,
      call,
      publish: (url, options) => call('publish', url, options),
      play: (url, options) => call('play', url, options),
      answerOffer: (sdp) => call('answerOffer', sdp),
      videoCounters,
      waitForDecodedFrames: (frames, timeoutMs) =>
        waitUntil(
          `${frames} decoded video frames in ${where}`,
          async () => {
            const counters = await videoCounters();
            return counters.framesDecoded >= frames ? counters : null;
          },
          { timeoutMs, lastSeen },
        ),
      waitForSentPackets: (packets, timeoutMs) =>
        waitUntil(
          `${packets} video RTP packets sent by ${where}`,
          async () => {
            const counters = await videoCounters();
            return counters.packetsSent >= packets ? counters : null;
          },
          { timeoutMs, lastSeen },
        ),
      async close() {
        // DELETE the WHIP/WHEP sessions before the browser goes, like a page that is closed properly.
        await call('stop').catch(() => undefined);
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
