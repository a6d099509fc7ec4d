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
  // In the server-offer and 406 cells the viewer answered werift's offer, accepting every section.
  expect([local.type, remote.type]).toEqual(offer === 'client offer' ? ['offer', 'answer'] : ['answer', 'offer']);
  if (offer !== 'client offer') expect(local.sdp).not.toMatch(/^m=\S+ 0 /m);
});

test('Firefox: codec preferences (setCodecPreferences) and normalised stats (getStats field names)', { timeout: 90_000 }, async () => {
  const input = await liveInput();
  const creator = creators.firefox;
  const viewer = viewers.firefox;
  await creator.publish(input.webRTC.url, { videoCodecs: ['VP9'] });
  const [offer] = await creator.call('descriptions');
  const sdp = offer!.local!.sdp!;
  const video = sdp.slice(sdp.indexOf('\nm=video'));
  const offered = [...video.matchAll(/^a=rtpmap:\d+ ([^/]+)/gm)].map((m) => m[1]);
  expect(new Set(offered.filter((name) => !/^(rtx|red|ulpfec)$/.test(name!)))).toEqual(new Set(['VP9']));

  await viewer.play(input.webRTCPlayback.url);
  await viewer.waitForDecodedFrames(FRAMES, DEADLINE_MS);
  // Two readings: the bitrate is measured between them. The creator's loss comes with the server's
  // first RTCP receiver report (remote-inbound-rtp), which may follow the first frames.
  await Promise.all([creator.call('mediaStats'), viewer.call('mediaStats')]);
  await waitUntil('a second reading with a bitrate', async () => ((await viewer.call('mediaStats'))[0]?.bitrate ?? 0) > 0 || null, { timeoutMs: DEADLINE_MS });
  await waitUntil('a receiver report for the creator', async () => (await creator.call('mediaStats'))[0]?.packetsLost !== undefined || null, { timeoutMs: DEADLINE_MS });
  const [[sent], [received]] = await Promise.all([creator.call('mediaStats'), viewer.call('mediaStats')]);
  const common = { kind: 'video', codec: 'VP9', candidatePairType: 'host/host', width: expect.any(Number), height: expect.any(Number), fps: expect.any(Number) };
  expect(sent).toMatchObject({ ...common, bitrate: expect.any(Number), rtt: expect.any(Number), packetsLost: expect.any(Number) });
  expect(received).toMatchObject({ ...common, framesDecoded: expect.any(Number), jitter: expect.any(Number), jitterBufferDelay: expect.any(Number) });
  expect(received!.framesDecoded).toBeGreaterThanOrEqual(FRAMES);
});

test('Firefox: a forced ICE restart keeps both sessions and the video flowing', { timeout: 90_000 }, async () => {
  const input = await liveInput();
  const creator = creators.firefox;
  const viewer = viewers.firefox;
  await creator.publish(input.webRTC.url);
  await viewer.play(input.webRTCPlayback.url);
  const before = await viewer.waitForDecodedFrames(FRAMES, DEADLINE_MS);
  const [[published], [played]] = await Promise.all([creator.call('views'), viewer.call('views')]);
  const ufrags = async (peer: BrowserPeer) => (await peer.call('descriptions')).map(({ local }) => /a=ice-ufrag:(\S+)/.exec(local!.sdp!)?.[1]);
  const [creatorUfrags, viewerUfrags] = [await ufrags(creator), await ufrags(viewer)];

  const [[publishedAfter], [playedAfter]] = await Promise.all([creator.call('restartIce'), viewer.call('restartIce')]);
  expect(publishedAfter).toEqual({ ...published, status: 'live' });
  expect(playedAfter).toEqual({ ...played, status: 'playing' });
  // New ICE credentials on both sides (a restart, not a no-op), then more frames on the same session.
  expect(await ufrags(creator)).not.toEqual(creatorUfrags);
  expect(await ufrags(viewer)).not.toEqual(viewerUfrags);
  await viewer.waitForDecodedFrames(before.framesDecoded + FRAMES, DEADLINE_MS);
});

test('Firefox: a viewer whose session the server ends (DTLS close_notify) plays again in a fresh session at once', { timeout: 90_000 }, async () => {
  const input = await liveInput();
  await creators.firefox.publish(input.webRTC.url);
  const viewer = viewers.firefox;
  // No frozen-video re-subscribe: only the DTLS close can end the session before ICE gives up
  // (Firefox takes over 10 s to call a silent peer disconnected).
  await viewer.play(input.webRTCPlayback.url, { frozenVideoMs: 0 });
  await viewer.waitForDecodedFrames(FRAMES, DEADLINE_MS);
  const [played] = await viewer.call('views');
  const ended = played!.sessionUrl;

  expect((await fetch(ended!, { method: 'DELETE' })).status).toBe(200);
  await waitUntil('playing in a fresh session', async () => (await viewer.call('views')).find((v) => v.status === 'playing' && v.sessionUrl !== ended) ?? null, {
    timeoutMs: 8_000,
  });
  // The closed connection's frames no longer count: these come from the fresh one.
  await viewer.waitForDecodedFrames(FRAMES, DEADLINE_MS);
});
