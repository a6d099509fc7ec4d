import { expect, test } from 'vitest';
import { createStatsReader, getUserMedia, WhepSession, WhipSession, type WhepOptions } from './index';
import { cleanupsAfterEach, sharedServer } from '../../../tests/support/browserHooks';
import { until } from '../../../tests/support/until';

// Every WHEP mode a player can end up in, in Chromium against the real @onair/server: client offer
// (201), server offer (Cloudflare's empty POST, draft-murillo-whep-01) and the WHEP-03 406
// counter-offer (our server's answer to an offer that cannot receive what the creator sends).
const { api } = sharedServer();
const cleanups = cleanupsAfterEach();

/** A live creator publishing with `videoCodecs`; returns the input's playback URL. */
async function liveCreator(videoCodecs?: string[]): Promise<string> {
  const input = await api.create({ meta: { name: 'whep modes' } });
  cleanups.push(() => api.delete(input.uid));
  const stream = await getUserMedia({ video: { width: 320, height: 180 }, audio: true });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  const publisher = new WhipSession({ url: input.webRTC.url, videoCodecs });
  cleanups.push(() => publisher.stop());
  await publisher.start(stream);
  return input.webRTCPlayback.url;
}

/** Plays `url` with `options`; returns the statuses of the POST responses, the codec decoded. */
async function play(url: string, options: Partial<WhepOptions> = {}) {
  const posts: number[] = [];
  const recorded: typeof fetch = async (target, init) => {
    const response = await fetch(target, init);
    if (init?.method === 'POST' && target === url) posts.push(response.status);
    return response;
  };
  const player = new WhepSession({ url, fetch: recorded, ...options });
  cleanups.push(() => player.stop());
  await player.start();
  const stats = await until('decoded frames', async () => {
    const reading = await createStatsReader(player)();
    return (reading?.framesDecoded ?? 0) > 5 && reading;
  });
  const { pc } = (player as unknown as { current: { pc: RTCPeerConnection } }).current;
  const directions = pc.getTransceivers().filter((t) => t.mid !== null).map((t) => t.currentDirection);
  return { posts, codec: stats.codec, directions };
}

test('client offer: 201 with the answer', async () => {
  const url = await liveCreator();
  expect(await play(url)).toMatchObject({ posts: [201], codec: 'VP8', directions: ['recvonly', 'recvonly'] });
});

test('server offer: an empty POST (no Content-Type) gets the server’s offer, answered by PATCH', async () => {
  const url = await liveCreator();
  expect(await play(url, { mode: 'server-offer' })).toMatchObject({ posts: [201], codec: 'VP8', directions: ['recvonly', 'recvonly'] });
});

test('406 counter-offer: an offer that cannot receive the creator’s codec gets the server’s offer instead', async () => {
  const url = await liveCreator(['H264']);
  // VP8 only: the server cannot send this player the creator's H.264 as offered, so it offers it.
  expect(await play(url, { videoCodecs: ['VP8'] })).toMatchObject({ posts: [406], codec: 'H264', directions: ['recvonly', 'recvonly'] });
});
