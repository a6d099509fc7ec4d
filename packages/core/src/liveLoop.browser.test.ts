import { afterEach, expect, inject, test } from 'vitest';
import { CLOUDFLARE_CODECS, createStatsReader, getUserMedia, LiveInputsClient, WhepSession, WhipSession, type WhepOptions, type WhipOptions } from './index';
import type { PeerSession } from './peerSession';
import { until } from '../../../tests/support/until';

// Real Chromium (fake camera + microphone) against the real @onair/server from globalSetup.
// The `inject()` keys are declared in scripts/providedContext.d.ts (in this package's tsconfig).
const base = inject('onairServerUrl');
const account = inject('onairAccountId');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const api = new LiveInputsClient({ accountId: account, baseUrl: `${base}/client/v4` });

async function createInput() {
  const input = await api.create({ meta: { name: 'core live loop' } });
  cleanups.push(() => api.delete(input.uid));
  return input;
}

async function camera(): Promise<MediaStream> {
  const stream = await getUserMedia({ video: { width: 640, height: 360 }, audio: true });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  return stream;
}

function whip(url: string, options: Partial<WhipOptions> = {}) {
  const session = new WhipSession({ url, ...options });
  cleanups.push(() => session.stop());
  return session;
}

function whep(url: string, options: Partial<WhepOptions> = {}) {
  const session = new WhepSession({ url, ...options });
  cleanups.push(() => session.stop());
  return session;
}

async function serverSessions(uid: string) {
  const all = (await (await fetch(`${base}/_onair/sessions`)).json()) as Record<'whip' | 'whep', { inputUid: string; sessionId: string }[]>;
  return { whip: all.whip.filter((s) => s.inputUid === uid), whep: all.whep.filter((s) => s.inputUid === uid) };
}

/** Frames decoded by the player, once they exceed `above`. */
const framesAbove = (player: PeerSession<string>, above = 0) =>
  until(`framesDecoded > ${above}`, async () => {
    const stats = await createStatsReader(player)();
    return stats?.kind === 'video' && (stats.framesDecoded ?? 0) > above && stats.framesDecoded!;
  });

test('publish with WhipSession, play with WhepSession: frames decode, audio arrives, stop DELETEs both', async () => {
  const input = await createInput();
  const publisher = whip(input.webRTC.url);
  const stream = await camera();
  const t0 = performance.now();
  await publisher.start(stream);
  const timeToLive = performance.now() - t0;
  expect(publisher.getSnapshot()).toMatchObject({ status: 'live', error: null });
  expect(publisher.getSnapshot().sessionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

  const player = whep(input.webRTCPlayback.url);
  await player.start();
  expect(player.getSnapshot().status).toBe('playing');
  const remote = player.getSnapshot().stream!;
  expect(remote.getVideoTracks()).toHaveLength(1);
  expect(remote.getAudioTracks()).toHaveLength(1);
  await framesAbove(player);
  const readStats = createStatsReader(player);
  await readStats();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stats = (await readStats())!;
  expect(stats).toMatchObject({ kind: 'video', candidatePairType: expect.stringMatching(/\//), width: 640, height: 360 });
  expect(stats.codec).toBeTruthy();
  expect(stats.bitrate).toBeGreaterThan(0);
  await until('audio bytes', async () => {
    const report = (await player.getStats())!;
    return [...report.values()].some((s) => s.type === 'inbound-rtp' && s.kind === 'audio' && s.bytesReceived > 0);
  });
  expect(await serverSessions(input.uid)).toMatchObject({ whip: [expect.anything()], whep: [expect.anything()] });

  await player.stop();
  await publisher.stop();
  expect(publisher.getSnapshot().status).toBe('ended');
  expect(player.getSnapshot().status).toBe('ended');
  await until('the server to hold no session', async () => {
    const sessions = await serverSessions(input.uid);
    return sessions.whip.length === 0 && sessions.whep.length === 0;
  });
  console.log(`time to live: ${timeToLive.toFixed(0)} ms`);
});

test('LiveInputsClient works against @onair/server as against Cloudflare', async () => {
  const input = await api.create({ meta: { name: 'api test' }, recording: { mode: 'off' } });
  expect(input).toMatchObject({ uid: expect.stringMatching(/^[0-9a-f]{32}$/), meta: { name: 'api test' }, enabled: true });
  expect(input.webRTC.url).toMatch(/\/webRTC\/publish$/);
  expect(input.webRTCPlayback.url).toBe(`${base}/${input.uid}/webRTC/play`);
  expect(await api.get(input.uid)).toMatchObject({ uid: input.uid, webRTC: input.webRTC });
  const list = await api.list();
  expect(list.liveInputs.find((i) => i.uid === input.uid)).toMatchObject({ meta: { name: 'api test' } });
  expect(list.liveInputs[0]).not.toHaveProperty('webRTC');
  expect(list.total).toBeGreaterThanOrEqual(1);
  expect(await api.update(input.uid, { meta: { name: 'renamed' }, enabled: false })).toMatchObject({ meta: { name: 'renamed' }, enabled: false });
  await api.delete(input.uid);
  await expect(api.get(input.uid)).rejects.toMatchObject({ kind: 'api', status: 404, problem: [expect.objectContaining({ code: expect.any(Number) })] });
  await expect(new LiveInputsClient({ accountId: 'someone-else', baseUrl: `${base}/client/v4` }).list()).rejects.toMatchObject({ kind: 'api' });
});

test('audio-only publishing and audio-only playback', async () => {
  const input = await createInput();
  const microphone = await getUserMedia({ audio: true });
  cleanups.push(() => microphone.getTracks().forEach((t) => t.stop()));
  const publisher = whip(input.webRTC.url);
  await publisher.start(microphone);
  const player = whep(input.webRTCPlayback.url, { video: false });
  await player.start();
  await until('audio to arrive', async () => {
    const stats = await createStatsReader(player)();
    return stats?.kind === 'audio' && stats.bytes > 1000;
  });
  expect(player.getSnapshot().stream!.getVideoTracks()).toHaveLength(0);
});

test('pure-trickle and full-gather publishing both connect', async () => {
  for (const gathering of ['trickle', 'full'] as const) {
    const input = await createInput();
    const publisher = whip(input.webRTC.url, { gathering });
    await publisher.start(await camera());
    const player = whep(input.webRTCPlayback.url, { gathering });
    await player.start();
    await framesAbove(player);
    await publisher.stop();
    await player.stop();
  }
});

test('a viewer who arrives before the creator waits, then plays', async () => {
  const input = await createInput();
  const player = whep(input.webRTCPlayback.url);
  const playing = player.start();
  await until('waiting', () => player.getSnapshot().status === 'waiting');
  const publisher = whip(input.webRTC.url);
  await publisher.start(await camera());
  await playing;
  expect(player.getSnapshot().status).toBe('playing');
  await framesAbove(player);
});

test('a forced ICE restart keeps the same sessions and media flowing', async () => {
  const input = await createInput();
  const publisher = whip(input.webRTC.url);
  await publisher.start(await camera());
  const player = whep(input.webRTCPlayback.url);
  await player.start();
  const before = await framesAbove(player);
  const [whipUrl, whepUrl] = [publisher.getSnapshot().sessionUrl, player.getSnapshot().sessionUrl];
  await Promise.all([publisher.restartIce(), player.restartIce()]);
  expect(publisher.getSnapshot()).toMatchObject({ status: 'live', sessionUrl: whipUrl });
  expect(player.getSnapshot()).toMatchObject({ status: 'playing', sessionUrl: whepUrl });
  await framesAbove(player, before + 30);
});

/** A fetch that hides the WHEP events extension, as on a server without it (Cloudflare). */
const withoutEvents: typeof fetch = async (url, init) => {
  const response = await fetch(url, init);
  const headers = new Headers(response.headers);
  headers.delete('link');
  return new Response(response.status === 204 ? null : await response.text(), { status: response.status, headers });
};

test('without the events extension, the player waits out a creator who leaves and picks them up again', async () => {
  const input = await createInput();
  const stream = await camera();
  const first = whip(input.webRTC.url);
  await first.start(stream);
  // Default frozenVideoMs: how long a real viewer sits on a frozen frame before it re-subscribes.
  const player = whep(input.webRTCPlayback.url, { fetch: withoutEvents });
  const seen: string[] = [];
  player.subscribe(() => seen.at(-1) !== player.getSnapshot().status && seen.push(player.getSnapshot().status));
  await player.start();
  await framesAbove(player);
  const stoppedAt = performance.now();
  await first.stop();
  // Frozen video → re-subscribe (the old session kept meanwhile) → 409 while nobody publishes.
  await until('waiting', () => player.getSnapshot().status === 'waiting');
  const toWaiting = performance.now() - stoppedAt;
  console.log(`creator stopped → viewer waiting in ${toWaiting.toFixed(0)} ms`);
  expect(toWaiting).toBeLessThan(8_000);
  const second = whip(input.webRTC.url);
  await second.start(stream);
  // On the old session (the server relays the new creator to it) or a new one, whichever is first.
  await until('playing again', () => player.getSnapshot().status === 'playing');
  const frames = (await createStatsReader(player)())?.framesDecoded ?? 0;
  await framesAbove(player, frames + 10);
  expect(seen.slice(0, 4)).toEqual(['connecting', 'playing', 'reconnecting', 'waiting']);
  expect(seen.at(-1)).toBe('playing');
  expect(player.getSnapshot().streamEnded).toBe(false);
});

test('a quick creator restart is picked up (relayed or re-subscribed)', async () => {
  const input = await createInput();
  const stream = await camera();
  const first = whip(input.webRTC.url);
  await first.start(stream);
  const player = whep(input.webRTCPlayback.url, { frozenVideoMs: 1500 });
  await player.start();
  await framesAbove(player);
  await first.stop();
  const second = whip(input.webRTC.url);
  await second.start(stream);
  const frames = (await createStatsReader(player)())?.framesDecoded ?? 0;
  // Either path counts: the server relays the new creator, or the player re-subscribes (frames restart from 0).
  await until('frames from the new creator', async () => {
    const now = (await createStatsReader(player)())?.framesDecoded ?? 0;
    return player.getSnapshot().status === 'playing' && (now > frames + 30 || (now > 0 && now < frames));
  }, 30_000);
});

test('codec preferences: Cloudflare preset and H.264 Constrained Baseline only', async () => {
  const input = await createInput();
  const publisher = whip(input.webRTC.url, { videoCodecs: ['H264'], h264Profiles: CLOUDFLARE_CODECS.h264Profiles });
  await publisher.start(await camera());
  const offer = (publisher as unknown as { current: { pc: RTCPeerConnection } }).current.pc.localDescription!.sdp;
  const profiles = [...offer.matchAll(/profile-level-id=(\w+)/g)].map((m) => m[1]);
  expect(new Set(profiles)).toEqual(new Set(['42e01f']));
  const player = whep(input.webRTCPlayback.url);
  await player.start();
  await framesAbove(player);
  expect((await createStatsReader(player)())!.codec).toBe('H264');
  expect((await createStatsReader(publisher)())!.codec).toBe('H264');
});

test('replaceTrack switches the picture without renegotiating; setVideoEncoding caps it', async () => {
  const input = await createInput();
  const publisher = whip(input.webRTC.url, { maxBitrate: 800_000 });
  await publisher.start(await camera());
  const player = whep(input.webRTCPlayback.url);
  await player.start();
  const before = await framesAbove(player);
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const ctx = canvas.getContext('2d')!;
  const paint = setInterval(() => {
    ctx.fillStyle = `hsl(${Date.now() % 360} 80% 50%)`;
    ctx.fillRect(0, 0, 320, 180);
  }, 33);
  cleanups.push(() => clearInterval(paint));
  const screen = canvas.captureStream(30).getVideoTracks()[0]!;
  cleanups.push(() => screen.stop());
  const sessionUrl = publisher.getSnapshot().sessionUrl;
  await publisher.replaceTrack(screen);
  await publisher.setVideoEncoding({ maxBitrate: 300_000, maxFramerate: 15 });
  expect(publisher.getSnapshot().stream!.getVideoTracks()[0]).toBe(screen);
  expect(publisher.getSnapshot().sessionUrl).toBe(sessionUrl);
  await until('the canvas size at the player', async () => {
    const stats = await createStatsReader(player)();
    return stats?.width === 320 && (stats.framesDecoded ?? 0) > before;
  });
});

test('pagehide DELETEs the session', async () => {
  const input = await createInput();
  const publisher = whip(input.webRTC.url);
  await publisher.start(await camera());
  expect((await serverSessions(input.uid)).whip).toHaveLength(1);
  window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
  expect(publisher.getSnapshot().status).toBe('ended');
  await until('the server to drop the session', async () => (await serverSessions(input.uid)).whip.length === 0);
});

test('back/forward cache: pagehide (persisted) ends the session, pageshow (persisted) starts it again', async () => {
  const input = await createInput();
  const publisher = whip(input.webRTC.url);
  await publisher.start(await camera());
  const first = publisher.getSnapshot().sessionUrl;
  window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
  expect(publisher.getSnapshot().status).toBe('ended');
  await until('the server to drop the session', async () => (await serverSessions(input.uid)).whip.length === 0);
  window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  await until('live again', () => publisher.getSnapshot().status === 'live');
  expect(publisher.getSnapshot().sessionUrl).not.toBe(first);
  expect((await serverSessions(input.uid)).whip).toHaveLength(1);
});

test("a deleted input: notFound 'fail' fails with kind not-found; by default the player waits", async () => {
  const input = await api.create({ meta: { name: 'deleted' } });
  await api.delete(input.uid);
  const failing = whep(input.webRTCPlayback.url, { notFound: 'fail' });
  await expect(failing.start()).rejects.toMatchObject({ kind: 'not-found', status: 404 });
  expect(failing.getSnapshot()).toMatchObject({ status: 'failed', error: { kind: 'not-found' } });
  const waiting = whep(input.webRTCPlayback.url);
  void waiting.start().catch(() => {});
  await until('waiting', () => waiting.getSnapshot().status === 'waiting');
});
