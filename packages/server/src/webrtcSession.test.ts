import { afterAll, beforeAll, expect, test } from 'vitest';
import { HttpError } from './httpError.js';
import { createPeerConnection } from './peerConnection.js';
import { WebRtcSession } from './webrtcSession.js';
import type { TestPeer } from './weriftTestPeer.js';
import { creatorPeer, viewerPeer } from './weriftTestPeer.js';

let creator: TestPeer;
beforeAll(async () => {
  creator = await creatorPeer();
});
afterAll(() => creator.close());

const SETTLES_WITHIN_MS = 2_000;
/** How `work` settled within SETTLES_WITHIN_MS: its value, its error, or 'pending'. */
async function settled<T>(work: Promise<T>): Promise<T | unknown> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), SETTLES_WITHIN_MS)));
  try {
    return await Promise.race([work.catch((error: unknown) => error), pending]);
  } finally {
    clearTimeout(timer);
  }
}

test('a session closed while its offer is being answered fails at once with 409, at every step', async () => {
  // Closed synchronously (while werift applies the offer), after one tick, and after a macrotask.
  const closeAfter = [() => undefined, () => Promise.resolve(), () => new Promise((resolve) => setImmediate(resolve)), () => new Promise((resolve) => setTimeout(resolve, 5))];
  for (const [step, wait] of closeAfter.entries()) {
    const session = new WebRtcSession('whip', 'input', createPeerConnection(), '/secret/webRTC/publish');
    const answering = session.answer(creator.offer);
    await wait();
    await session.close();
    const outcome = await settled(answering);
    // Either the answer was complete before the close, or the request learns why it ended.
    if (typeof outcome === 'string' && outcome.startsWith('v=0')) continue;
    expect(outcome, `close at step ${step}`).toBeInstanceOf(HttpError);
    expect((outcome as HttpError).status, `close at step ${step}`).toBe(409);
  }
});

test('a closed session refuses to negotiate with 409', async () => {
  const session = new WebRtcSession('whep', 'input', createPeerConnection(), '/input/webRTC/play');
  await session.close();
  const outcome = await settled(session.offer());
  expect(outcome).toBeInstanceOf(HttpError);
  expect((outcome as HttpError).status).toBe(409);
});

test('an ICE restart applies the offer again and shapes the answer again (werift negotiates codecs anew)', async () => {
  const viewer = await viewerPeer();
  const session = new WebRtcSession('whep', 'input', createPeerConnection(), '/input/webRTC/play');
  const video = () => session.pc.getTransceivers().find((t) => t.kind === 'video')!;
  let prepared = 0;
  try {
    await session.answer(viewer.offer, () => {
      prepared++;
      video().codecs = video().codecs.slice(1, 2);
    });
    const chosen = video().codecs[0]!.payloadType;
    await session.restartIce({ ufrag: 'rstr', pwd: 'restartedpasswordof22c', candidates: [], endOfCandidates: false });
    expect(prepared).toBe(2);
    expect(video().codecs.map((c) => c.payloadType)).toEqual([chosen]);
  } finally {
    await session.close();
    await viewer.close();
  }
});

test('an offer werift cannot negotiate codecs for is one the server cannot serve: 422, not 400', async () => {
  // validateOffer passes disabled (port 0) sections, yet werift negotiates their codecs too.
  const disabledPcmu = creator.offer.replace(/^m=audio \d+ (\S+) .*$/m, 'm=audio 0 $1 0').replace(/^a=rtpmap:\d+ opus\/.*\r\n/im, '');
  expect(disabledPcmu, 'the test changed nothing').not.toBe(creator.offer);
  const session = new WebRtcSession('whip', 'input', createPeerConnection(), '/secret/webRTC/publish');
  try {
    const outcome = await settled(session.answer(disabledPcmu));
    expect(outcome).toBeInstanceOf(HttpError);
    expect((outcome as HttpError).status).toBe(422);
    expect((outcome as HttpError).message).toMatch(/no codec this server relays/);
  } finally {
    await session.close();
  }
});
