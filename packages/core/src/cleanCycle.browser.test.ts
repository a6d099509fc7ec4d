import { expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { createStatsReader, getUserMedia, WhepSession, WhipSession } from './index';
import { cleanupsAfterEach, sharedServer } from '../../../tests/support/browserHooks';
import { until } from '../../../tests/support/until';

// A normal go-live → watch → stop cycle must leave nothing red in the page's console: no 4xx/5xx
// response at all. (A client that closes its connection before its DELETE sends the server a DTLS
// close_notify, on which the server ends the session at once: the DELETE then gets a 404.)
const { base, api } = sharedServer();
const cleanups = cleanupsAfterEach();

async function serverSessions(uid: string) {
  const all = (await (await fetch(`${base}/_onair/sessions`)).json()) as Record<'whip' | 'whep', { inputUid: string }[]>;
  return all.whip.filter((s) => s.inputUid === uid).length + all.whep.filter((s) => s.inputUid === uid).length;
}

test.each([
  ['the viewer leaves first', 'player'],
  ['the creator ends the stream first', 'publisher'],
] as const)('go live, watch, stop (%s): no 4xx or 5xx response', async (_name, first) => {
  await commands.recordFailedResponses();
  const input = await api.create({ meta: { name: 'clean cycle' } });
  cleanups.push(() => api.delete(input.uid));
  const stream = await getUserMedia({ video: { width: 320, height: 180 }, audio: true });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  const publisher = new WhipSession({ url: input.webRTC.url });
  const player = new WhepSession({ url: input.webRTCPlayback.url });
  await publisher.start(stream);
  await player.start();
  await until('frames', async () => ((await createStatsReader(player)())?.framesDecoded ?? 0) > 10);
  const [a, b] = first === 'player' ? [player, publisher] : [publisher, player];
  await a.stop();
  if (first === 'publisher') await until('the player waiting', () => player.getSnapshot().status === 'waiting');
  await b.stop();
  await until('the server to hold no session', async () => (await serverSessions(input.uid)) === 0);
  // Late requests (an event stream reconnecting, a retried DELETE) would show within this.
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  expect(await commands.failedResponses()).toEqual([]);
});
