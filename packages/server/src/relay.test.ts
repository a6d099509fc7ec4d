import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { relayCodecs } from './codecs.js';
import { createPeerConnection, skipStunFallback } from './peerConnection.js';
import type { LiveInput } from './liveInputView.js';
import type { OnairServer } from './onairServer.js';
import type { RelayStats } from './relay.js';
import type { SessionListing } from './sessionRegistry.js';
import { startOnairServer } from './onairServer.js';
import type { TestPeer } from './weriftTestPeer.js';
import { connect, creatorPeer, eventually, fakeVp8, post, sendFakeVideo, viewerPeer } from './weriftTestPeer.js';

// The relay with werift peers on both sides: RTP flows creator → server → viewers, keyframe
// requests flow back. (Decoding real frames is the browser test's job: relay.browser.test.ts.)
vi.setConfig({ testTimeout: 20_000 });
let server: OnairServer;
const peers: TestPeer[] = [];
const stops: (() => void)[] = [];

beforeAll(async () => {
  server = await startOnairServer({ port: 0 });
});
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
afterAll(() => server.close());

const json = async <T = Record<string, unknown>>(path: string): Promise<T> => (await fetch(`${server.url}${path}`)).json() as Promise<T>;
const stats = (uid: string) => json<RelayStats>(`/_onair/live_inputs/${uid}/stats`);
const liveInputStatus = async (uid: string) => (await json<{ result: LiveInput }>(`/client/v4/accounts/local/stream/live_inputs/${uid}`)).result.status;
const peer = async (make: () => Promise<TestPeer>) => {
  const p = await make();
  peers.push(p);
  return p;
};

async function liveInput() {
  const input = ((await (await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await peer(creatorPeer);
  let plis = 0;
  creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender.onPictureLossIndication.subscribe(() => plis++);
  const whip = await connect(creator, input.webRTC.url);
  stops.push(sendFakeVideo(creator.video!));
  await eventually('creator live', async () => (await json<{ live: boolean }>(`/${input.uid}/lifecycle`)).live);
  return { input, creator, whip, plis: () => plis };
}

test('every viewer gets the creator’s packets; joining asks the creator for a keyframe', async () => {
  const { input, plis } = await liveInput();
  expect(await liveInputStatus(input.uid)).toBe('connected');

  const viewers = await Promise.all([peer(viewerPeer), peer(viewerPeer), peer(viewerPeer)]);
  const counts = viewers.map((v) => v.received);
  const plisBefore = plis();
  for (const viewer of viewers) await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets at every viewer', () => counts.every((count) => count() > 10));
  await eventually('keyframe request on join', () => plis() > plisBefore);
  expect(await json(`/${input.uid}/views`)).toEqual({ liveViewers: 3 });

  const relay = await stats(input.uid);
  expect(relay).toMatchObject({ live: true, viewers: 3 });
  expect(relay.packetsRelayed).toBeGreaterThan(30);
  expect(relay.bitrateIn).toBeGreaterThan(0);
  // The fake creator sends only keyframes, one packet each.
  expect(relay.keyframesIn).toBeGreaterThan(10);
});

test('a viewer’s PLI reaches the creator (coalesced)', async () => {
  const { input, plis } = await liveInput();
  const viewer = await peer(viewerPeer);
  const count = viewer.received;
  await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets', () => count() > 5);
  const before = plis();
  const ssrc = viewer.video!.ssrc!;
  const receiver = viewer.pc.getTransceivers().find((t) => t.kind === 'video')!.receiver;
  for (let i = 0; i < 5; i++) await receiver.sendRtcpPLI(ssrc);
  await eventually('forwarded PLI', () => plis() > before);
  const relay = await stats(input.uid);
  expect(relay.keyframeRequestsSent).toBeLessThan(relay.keyframeRequests);
});

test('a second creator is refused while the first is live; DELETE frees the input', async () => {
  const { input, whip } = await liveInput();
  const second = await peer(creatorPeer);
  const refused = await post(input.webRTC.url, second.offer);
  expect(refused.status).toBe(409);
  expect((await fetch(whip.session, { method: 'DELETE' })).status).toBe(200);
  expect((await json<{ live: boolean }>(`/${input.uid}/lifecycle`)).live).toBe(false);
  expect(await liveInputStatus(input.uid)).toBe('client_disconnect');
  await connect(second, input.webRTC.url);
  // Cloudflare's example client stops by DELETEing the publish URL itself.
  expect((await fetch(input.webRTC.url, { method: 'DELETE' })).status).toBe(200);
  expect((await json<SessionListing>('/_onair/sessions')).whip.some((s) => s.inputUid === input.uid)).toBe(false);
  expect((await fetch(input.webRTC.url, { method: 'DELETE' })).status).toBe(404);
});

test('viewers stay attached when the creator reconnects', async () => {
  const { input, whip } = await liveInput();
  const viewer = await peer(viewerPeer);
  const count = viewer.received;
  await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets', () => count() > 5);
  await fetch(whip.session, { method: 'DELETE' });
  const again = await peer(creatorPeer);
  await connect(again, input.webRTC.url);
  stops.push(sendFakeVideo(again.video!));
  const before = count();
  await eventually('packets from the new creator', () => count() > before + 10);
});

test('viewers that cannot decode the new creator’s codec are ended', async () => {
  const { input, whip } = await liveInput();
  const viewer = await peer(viewerPeer);
  await connect(viewer, input.webRTCPlayback.url);
  const viewers = async () => (await json<SessionListing>('/_onair/sessions')).whep.filter((s) => s.inputUid === input.uid).length;
  expect(await viewers()).toBe(1);
  await fetch(whip.session, { method: 'DELETE' });
  const vp9 = relayCodecs();
  const vp9Creator = await peer(() => creatorPeer({ video: vp9.video.filter((c) => c.mimeType === 'video/VP9'), audio: vp9.audio }));
  await connect(vp9Creator, input.webRTC.url);
  await eventually('VP8 viewer ended', async () => (await viewers()) === 0);
});

test('legacy server-offer WHEP: empty POST, our offer, answer by PATCH', async () => {
  const { input } = await liveInput();
  const res = await fetch(input.webRTCPlayback.url, { method: 'POST', headers: { Accept: 'application/sdp' } });
  expect(res.status).toBe(201);
  expect(res.headers.get('content-type')).toBe('application/sdp');
  expect(Date.parse(res.headers.get('expires')!)).toBeGreaterThan(Date.now());
  const session = new URL(res.headers.get('location')!, input.webRTCPlayback.url).href;
  const pc = createPeerConnection();
  peers.push({ pc, offer: '', video: null, received: () => 0, firstPacket: null, close: () => pc.close() });
  let count = 0;
  pc.onTrack.subscribe((track) => track.kind === 'video' && track.onReceiveRtp.subscribe(() => count++));
  await pc.setRemoteDescription({ type: 'offer', sdp: await res.text() });
  const created = await pc.createAnswer();
  skipStunFallback(pc);
  const answer = await pc.setLocalDescription(created);
  const patch = (body: string) => fetch(session, { method: 'PATCH', headers: { 'Content-Type': 'application/sdp' }, body });
  expect((await patch('not sdp')).status).toBe(400);
  const patched = await patch(answer.toSdp().sdp);
  expect(patched.status).toBe(204);
  await eventually('packets in server-offer mode', () => count > 5);
});

test('deleting the input ends its sessions; close() ends everything', async () => {
  const { input } = await liveInput();
  const viewer = await peer(viewerPeer);
  await connect(viewer, input.webRTCPlayback.url);
  const mine = async () => {
    const s = await json<SessionListing>('/_onair/sessions');
    return [...s.whip, ...s.whep].filter((x) => x.inputUid === input.uid).length;
  };
  expect(await mine()).toBe(2);
  await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs/${input.uid}`, { method: 'DELETE' });
  expect(await mine()).toBe(0);

  const other = await startOnairServer({ port: 0 });
  const created = ((await (await fetch(`${other.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await peer(creatorPeer);
  await connect(creator, created.webRTC.url);
  await other.close();
  await expect(fetch(`${other.url}/_onair/sessions`)).rejects.toThrow();
});

test('WHEP server-sent events: active, viewercount, inactive', async () => {
  const { input, whip } = await liveInput();
  const viewer = await peer(viewerPeer);
  const { session, response } = await connect(viewer, input.webRTCPlayback.url);
  const link = /<([^>]+)>; rel="urn:ietf:params:whep:ext:core:server-sent-events"/.exec(response.headers.get('link') ?? '')?.[1];
  expect(link).toBe(`${new URL(session).pathname}/sse`);
  const subscribeUrl = new URL(link!, session).href;
  const subscribe = (events: unknown) => fetch(subscribeUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(events) });
  expect((await subscribe(['active', 'layers'])).status).toBe(400);
  const subscribed = await subscribe(['active', 'inactive', 'viewercount']);
  expect(subscribed.status).toBe(201);

  const stream = await fetch(new URL(subscribed.headers.get('location')!, subscribeUrl));
  expect(stream.headers.get('content-type')).toBe('text/event-stream');
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const next = async () => {
    while (!buffer.includes('\n\n')) buffer += (await reader.read()).value ?? '';
    const [block, ...rest] = buffer.split('\n\n');
    buffer = rest.join('\n\n');
    const event = /^event: (.+)$/m.exec(block!)?.[1];
    return { event, data: JSON.parse(/^data: (.+)$/m.exec(block!)?.[1] ?? 'null') as unknown };
  };
  expect(await next()).toEqual({ event: 'active', data: {} });
  expect(await next()).toEqual({ event: 'viewercount', data: { viewercount: 1 } });
  await connect(await peer(viewerPeer), input.webRTCPlayback.url);
  expect(await next()).toEqual({ event: 'viewercount', data: { viewercount: 2 } });
  await fetch(whip.session, { method: 'DELETE' });
  expect(await next()).toEqual({ event: 'inactive', data: {} });
  await reader.cancel();
});

test('with the keyframe cache a joining viewer starts at the last keyframe, without a PLI', async () => {
  const cached = await startOnairServer({ port: 0, keyframeCache: true });
  try {
    const res = await fetch(`${cached.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' });
    const input = ((await res.json()) as { result: LiveInput }).result;
    const creator = await peer(creatorPeer);
    let plis = 0;
    creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender.onPictureLossIndication.subscribe(() => plis++);
    await connect(creator, input.webRTC.url);
    await eventually('creator live', async () => ((await (await fetch(`${cached.url}/${input.uid}/lifecycle`)).json()) as { live: boolean }).live);
    // One keyframe per 2 s: a viewer joining at a random moment almost never starts on one.
    stops.push(sendFakeVideo(creator.video!, 100));
    const uncached = async () => {
      const stats = (await (await fetch(`${cached.url}/_onair/live_inputs/${input.uid}/stats`)).json()) as RelayStats;
      return stats.packetsIn > 30 && stats;
    };
    await eventually('a group of pictures to cache', uncached);
    const plisBefore = plis;

    const viewer = await peer(viewerPeer);
    await connect(viewer, input.webRTCPlayback.url);
    await eventually('packets', () => viewer.received() > 30);
    expect(viewer.firstPacket!.payload).toEqual(fakeVp8(true));
    expect(plis).toBe(plisBefore);
  } finally {
    await cached.close();
  }
});
