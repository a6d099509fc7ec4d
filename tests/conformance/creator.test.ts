import { describe, expect, it } from 'vitest';
import { http, postSdp } from './support/http';
import { closePeer, createOffer, publish } from './support/peer';
import { useServerTarget, type LiveInput } from './support/target';
import { waitFor } from './support/waitFor';

// One creator per input, enabled/rotate_keys/status/lifecycle (cloudflare-stream.md), the split
// between publish and play credentials and dead-peer detection (issue 4 Security/Media, RFC 9725 §4.2).
const target = useServerTarget();

async function tryPublish(url: string) {
  const { pc, sdp } = await createOffer({ direction: 'sendonly' });
  const response = await postSdp(url, sdp);
  if (response.status === 201) await http(new URL(response.headers.get('location')!, url).href, { method: 'DELETE' });
  await closePeer(pc);
  return response;
}

async function lifecycle(input: LiveInput) {
  const url = new URL(input.webRTCPlayback.url);
  url.pathname = `/${input.uid}/lifecycle`;
  const response = await http(url.href);
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as { isInput: boolean; videoUID: string | null; live: boolean };
}

async function status(input: LiveInput) {
  return (await target.api<LiveInput>('GET', `/live_inputs/${input.uid}`)).body.result.status;
}

describe('the creator of a live input', () => {
  it('refuses a second creator with 409 while the first is live, and accepts one after it leaves', async () => {
    const input = await target.createLiveInput();
    const first = await publish(input.webRTC.url);
    expect((await tryPublish(input.webRTC.url)).status).toBe(409);
    await first.stop();
    expect((await tryPublish(input.webRTC.url)).status).toBe(201);
  });

  it('refuses WHIP while the input has enabled: false, and accepts it again once enabled', async () => {
    const input = await target.createLiveInput({ meta: { name: 'disabled' }, enabled: false });
    const refused = await tryPublish(input.webRTC.url);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const enabled = await target.api<LiveInput>('PUT', `/live_inputs/${input.uid}`, { body: { meta: { name: 'disabled' }, enabled: true } });
    expect(enabled.body.result.enabled).toBe(true);
    expect((await tryPublish(input.webRTC.url)).status).toBe(201);
  });

  it('rotate_keys gives a new publish URL and the old one stops working', async () => {
    const input = await target.createLiveInput();
    const rotated = await target.api<LiveInput>('POST', `/live_inputs/${input.uid}/rotate_keys`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.success).toBe(true);
    expect(rotated.body.result.webRTC.url).not.toBe(input.webRTC.url);
    expect(rotated.body.result.webRTCPlayback.url).toBe(input.webRTCPlayback.url);
    expect((await tryPublish(input.webRTC.url)).status).toBe(404);
    expect((await tryPublish(rotated.body.result.webRTC.url)).status).toBe(201);
  });

  it('the publish URL cannot play and the play URL cannot publish', async () => {
    const input = await target.createLiveInput();
    const creator = await publish(input.webRTC.url);
    const { pc, sdp } = await createOffer({ direction: 'recvonly' });
    const playWithSecret = await postSdp(input.webRTC.url.replace(/\/publish$/, '/play'), sdp);
    expect(playWithSecret.status, 'secret used as a play URL').toBe(404);
    await closePeer(pc);
    await creator.stop();

    const publishWithUid = await tryPublish(input.webRTCPlayback.url.replace(/\/play$/, '/publish'));
    expect(publishWithUid.status, 'uid used as a publish URL').toBe(404);
    const publishToPlay = await tryPublish(input.webRTCPlayback.url);
    expect(publishToPlay.status, 'sendonly offer to the play URL').not.toBe(201);
  });

  it('status and lifecycle follow the creator: idle → live → gone', async () => {
    const input = await target.createLiveInput();
    expect(await lifecycle(input)).toEqual({ isInput: true, videoUID: null, live: false });
    expect([null, 'client_disconnect']).toContain(await status(input));

    const creator = await publish(input.webRTC.url);
    await waitFor(async () => (await lifecycle(input)).live, { what: 'lifecycle live: true' });
    await waitFor(async () => (await status(input)) === 'connected', { what: 'status connected' });

    await creator.stop();
    await waitFor(async () => !(await lifecycle(input)).live, { what: 'lifecycle live: false' });
    expect(await status(input)).not.toBe('connected');
  });

  it('closes a creator that vanishes without DELETE (ICE consent, RFC 7675), freeing the input', { timeout: 90_000 }, async () => {
    const input = await target.createLiveInput();
    const creator = await publish(input.webRTC.url);
    await waitFor(async () => (await lifecycle(input)).live, { what: 'lifecycle live: true' });
    // Vanish: close the peer without telling the server.
    await closePeer(creator.pc);
    await waitFor(async () => !(await lifecycle(input)).live, { timeout: 75_000, interval: 500, what: 'the server to notice the dead creator' });
    expect((await tryPublish(input.webRTC.url)).status).toBe(201);
    await creator.stop();
  });
});
