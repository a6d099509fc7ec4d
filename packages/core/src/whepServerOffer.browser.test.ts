import { afterEach, expect, test } from 'vitest';
import { createStatsReader, getUserMedia, WhepSession } from './index';
import { until } from '../../../tests/support/until';

// WHEP modes where the server makes the offer (WHEP-03 406 counter-offer, Cloudflare's
// draft-murillo-whep-01 server-offer). @onair/server does not speak them, so a second peer
// connection in this page plays the server, reached through the `fetch` option.

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A WHEP server offering `stream` from a local peer connection; records the requests it got. */
function inPageServer(stream: MediaStream, postStatus: 201 | 406) {
  let peer: RTCPeerConnection | null = null;
  const requests: string[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = typeof init?.body === 'string' ? init.body : '';
    requests.push(`${method} ${headers['Content-Type'] ?? headers.Accept ?? ''} ${body ? 'body' : 'empty'}`);
    if (method === 'POST') {
      peer = new RTCPeerConnection();
      cleanups.push(() => peer?.close());
      for (const track of stream.getTracks()) peer.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      await peer.setLocalDescription(await peer.createOffer());
      await until('server candidates', async () => peer!.iceGatheringState === 'complete');
      return new Response(peer.localDescription!.sdp, {
        status: postStatus,
        headers: { 'Content-Type': 'application/sdp', Location: '/whep/session/1' },
      });
    }
    if (method === 'PATCH' && headers['Content-Type'] === 'application/sdp') {
      await peer!.setRemoteDescription({ type: 'answer', sdp: body });
      return new Response(null, { status: 204 });
    }
    if (method === 'PATCH') {
      for (const line of body.split(/\r?\n/)) {
        if (line.startsWith('a=candidate:')) await peer!.addIceCandidate({ candidate: line.slice(2), sdpMid: '0' });
      }
      return new Response(null, { status: 204 });
    }
    peer?.close();
    return new Response(null, { status: 200 });
  };
  return { fetch, requests };
}

async function camera() {
  const stream = await getUserMedia({ video: { width: 320, height: 180 }, audio: true });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  return stream;
}

test.each([
  ['WHEP-03 406 counter-offer', 406, 'client-offer'],
  ['server-offer (draft-murillo-whep-01)', 201, 'server-offer'],
] as const)('%s: Chromium answers the server’s offer recvonly and decodes frames', async (_name, status, mode) => {
  const server = inPageServer(await camera(), status);
  const player = new WhepSession({ url: 'http://whep.invalid/whep', fetch: server.fetch, mode });
  cleanups.push(() => player.stop());
  await player.start();
  expect(player.getSnapshot()).toMatchObject({ status: 'playing', sessionUrl: 'http://whep.invalid/whep/session/1' });
  await until('decoded frames', async () => ((await createStatsReader(player)())?.framesDecoded ?? 0) > 0);
  expect(server.requests[0]).toBe(mode === 'server-offer' ? 'POST application/sdp empty' : 'POST application/sdp body');
  expect(server.requests[1]).toBe('PATCH application/sdp body');
  const pc = (player as unknown as { pc: RTCPeerConnection }).pc;
  expect(pc.getTransceivers().filter((t) => t.mid !== null).map((t) => t.currentDirection)).toEqual(['recvonly', 'recvonly']);
  await player.stop();
  expect(server.requests.at(-1)).toBe('DELETE  empty');
});
