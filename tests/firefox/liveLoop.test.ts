import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { LiveInputsClient, type LiveInput } from '@onair/core';
import { startOnairServer, type OnairServer, type RelayStats } from '@onair/server';
import { startBrowserPeer, type BrowserName, type BrowserPeer } from '../interop/support/browserPeer';
import { waitUntil } from '../interop/support/waitUntil';
import { startCounterOfferFront } from './support/counterOfferFront';

// The live loop across browsers: Debian's Firefox ESR (WebDriver BiDi) and Chromium, each role in
// its own browser process, through a real @onair/server. Every cell must decode video frames.

/** How the viewer's WHEP session is negotiated. */
type Offer = 'client offer' | 'server offer' | '406 counter-offer';

const FRAMES = 30;
const DEADLINE_MS = 30_000;

let server: OnairServer;
let api: LiveInputsClient;
const creators = {} as Record<BrowserName, BrowserPeer>;
const viewers = {} as Record<BrowserName, BrowserPeer>;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  server = await startOnairServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  api = new LiveInputsClient({ accountId: server.accountId, baseUrl: `${server.url}/client/v4` });
  // One at a time: browser start-up is the heaviest thing this file does on 2 cores.
  for (const name of ['firefox', 'chromium'] as const) {
    creators[name] = await startBrowserPeer(name);
    viewers[name] = await startBrowserPeer(name);
  }
}, 120_000);

afterEach(async () => {
  await Promise.all([...Object.values(viewers), ...Object.values(creators)].map((peer) => peer.call('stop')));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  for (const peer of [...Object.values(viewers), ...Object.values(creators)]) await peer.close();
  await server?.close();
}, 60_000);

async function liveInput(): Promise<LiveInput> {
  const input = await api.create({ meta: { name: 'cross-browser live loop' } });
  cleanups.push(() => api.delete(input.uid));
  return input;
}

/** The WHEP URL and mode for `offer`; the 406 front is stopped after the test. */
async function whep(input: LiveInput, offer: Offer) {
  if (offer === 'server offer') return { url: input.webRTCPlayback.url, mode: 'server-offer' as const };
  if (offer === 'client offer') return { url: input.webRTCPlayback.url, mode: 'client-offer' as const };
  const front = await startCounterOfferFront(input.webRTCPlayback.url);
  cleanups.push(() => front.close());
  return { url: front.url, mode: 'client-offer' as const };
}

const relayStats = async (uid: string) => (await (await fetch(`${server.url}/_onair/live_inputs/${uid}/stats`)).json()) as RelayStats;

const cells: [BrowserName, BrowserName, Offer][] = [
  ['firefox', 'chromium', 'client offer'],
  ['firefox', 'firefox', 'client offer'],
  ['chromium', 'firefox', 'client offer'],
  ['firefox', 'firefox', 'server offer'],
  ['chromium', 'firefox', 'server offer'],
  ['firefox', 'chromium', 'server offer'],
  ['firefox', 'firefox', '406 counter-offer'],
  ['chromium', 'firefox', '406 counter-offer'],
];

test.each(cells)('%s → %s, WHEP %s: video frames decode and play', { timeout: 90_000 }, async (from, to, offer) => {
  const input = await liveInput();
  const creator = creators[from];
  const viewer = viewers[to];
  await creator.publish(input.webRTC.url);
  // Firefox offers its second m-line as bundle-only under max-bundle: the case the server must serve.
  const [published] = await creator.call('descriptions');
  if (from === 'firefox') expect(published!.local!.sdp).toMatch(/^m=video 0 [^]*?^a=bundle-only/m);

  const { url, mode } = await whep(input, offer);
  await viewer.play(url, { mode });
  const [played] = await viewer.call('views');
  expect(played).toMatchObject({ status: 'playing', sessionUrl: expect.stringContaining(server.url) });
  await viewer.waitForDecodedFrames(FRAMES, DEADLINE_MS);
  await waitUntil(`frames presented in ${to}'s <video>`, async () => ((await viewer.videoCounters()).framesPresented > 0 ? true : null), {
    timeoutMs: DEADLINE_MS,
  });
  expect((await relayStats(input.uid)).keyframesIn).toBeGreaterThan(0);
  const [{ local, remote }] = (await viewer.call('descriptions')) as [{ local: RTCSessionDescriptionInit; remote: RTCSessionDescriptionInit }];
  // In the server-offer and 406 cells the viewer answered werift's offer.
  expect([local.type, remote.type]).toEqual(offer === 'client offer' ? ['offer', 'answer'] : ['answer', 'offer']);
});
