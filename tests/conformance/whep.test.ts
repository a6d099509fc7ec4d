import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, parseLinks, postSdp, SDP, STRONG_ETAG } from './support/http';
import { answerOffer, closePeer, createOffer, createPeer, play, publish, watchFirstVideoPacket, type Publisher } from './support/peer';
import { directions } from './support/sdp';
import { useServerTarget, type LiveInput } from './support/target';

// WHEP: draft-ietf-wish-whep-03 (client offer, 409 + Retry-After, extensions) and
// draft-murillo-whep-01 §3 (Cloudflare's server-offer mode), with Cloudflare's protocol-version.
const target = useServerTarget();
const SSE_EXTENSION = 'urn:ietf:params:whep:ext:core:server-sent-events';

describe('WHEP with nobody publishing (W§4.2.8)', () => {
  it('answers 409 with Retry-After', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'recvonly' });
    const response = await postSdp(input.webRTCPlayback.url, sdp);
    expect(response.status).toBe(409);
    const retryAfter = response.headers.get('retry-after');
    expect(retryAfter).toBeTruthy();
    expect(/^\d+$/.test(retryAfter!) || !Number.isNaN(Date.parse(retryAfter!))).toBe(true);
    await closePeer(pc);
  });

  it('answers 404 for a play URL of an unknown input', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'recvonly' });
    const url = new URL(input.webRTCPlayback.url);
    url.pathname = `/${'0'.repeat(32)}/webRTC/play`;
    expect((await postSdp(url.href, sdp)).status).toBe(404);
    await closePeer(pc);
  });
});

describe('WHEP with a live creator', () => {
  let input: LiveInput;
  let publisher: Publisher;

  beforeAll(async () => {
    input = await target.createLiveInput();
    publisher = await publish(input.webRTC.url);
  });
  afterAll(async () => {
    await publisher?.stop();
  });

  it('answers a client offer with 201, a sendonly answer, Location, a strong ETag and protocol-version, then relays media', async () => {
    const viewer = await play(input.webRTCPlayback.url);
    expect(viewer.response.headers.get('content-type')?.split(';')[0]?.trim()).toBe(SDP);
    expect(viewer.response.headers.get('location')).toBeTruthy();
    expect(viewer.etag).toMatch(STRONG_ETAG);
    expect(viewer.response.headers.get('protocol-version')).toBe('draft-murillo-whep-01');
    for (const direction of directions(viewer.answer)) expect(['sendonly', 'inactive']).toContain(direction);
    expect(directions(viewer.answer)).toContain('sendonly');
    expect(await viewer.firstVideoPacket()).toBeGreaterThanOrEqual(96);
    await viewer.stop();
  });

  it('ends a viewer session on DELETE: 200, then 404', async () => {
    const viewer = await play(input.webRTCPlayback.url);
    const deleted = await http(viewer.location, { method: 'DELETE' });
    expect([200, 204]).toContain(deleted.status);
    expect((await http(viewer.location, { method: 'DELETE' })).status).toBe(404);
    await viewer.stop();
  });

  it('serves the legacy server-offer mode: empty POST + Accept: application/sdp → 201 offer, Location, Expires; PATCH answer', async () => {
    const response = await http(input.webRTCPlayback.url, { method: 'POST', headers: { accept: SDP } });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')?.split(';')[0]?.trim()).toBe(SDP);
    expect(response.body.startsWith('v=0')).toBe(true);
    expect(directions(response.body)).toContain('sendonly');
    const location = new URL(response.headers.get('location')!, input.webRTCPlayback.url).href;
    const expires = Date.parse(response.headers.get('expires') ?? '');
    expect(expires).toBeGreaterThan(Date.now());

    const pc = createPeer();
    const firstVideoPacket = watchFirstVideoPacket(pc);
    const answer = await answerOffer(pc, response.body);
    const patched = await http(location, { method: 'PATCH', headers: { 'content-type': SDP }, body: answer });
    expect([200, 204]).toContain(patched.status);
    expect(await firstVideoPacket()).toBeGreaterThanOrEqual(96);
    await http(location, { method: 'DELETE' });
    await closePeer(pc);
  });

  it('advertises the server-sent-events extension as its own Link and streams viewercount (WHEP extensions)', async () => {
    const viewer = await play(input.webRTCPlayback.url);
    const link = parseLinks(viewer.response.headers).find((l) => l.params.rel === SSE_EXTENSION);
    expect(link, 'Link rel=urn:ietf:params:whep:ext:core:server-sent-events').toBeDefined();
    const linkUrl = new URL(link!.uri, viewer.location).href;

    const unknown = await http(linkUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(['no-such-event']) });
    expect(unknown.status).toBe(400);

    const subscribed = await http(linkUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(['active', 'inactive', 'viewercount']) });
    expect(subscribed.status).toBe(201);
    const events = new URL(subscribed.headers.get('location')!, linkUrl).href;
    // The deadline aborts the stream, which ends the read loop with an error.
    const stream = await fetch(events, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(10_000) });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    let text = '';
    while (!/event:\s*viewercount/.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`event stream ended without viewercount: ${text}`);
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    await viewer.stop();
  });
});
