import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, parseLinks, patchFragment, postSdp, SDP, SDPFRAG, STRONG_ETAG } from './support/http';
import { answerOffer, closePeer, createOffer, createPeer, play, publish, watchFirstVideoPacket, type Publisher, type Viewer } from './support/peer';
import { directions, iceCredentials, randomIceString, sdpFragment } from './support/sdp';
import { useServerTarget, type LiveInput } from './support/target';

// WHEP: draft-ietf-wish-whep-03 (client offer, 409 + Retry-After, extensions) and
// draft-murillo-whep-01 §3 (Cloudflare's server-offer mode), with Cloudflare's protocol-version.
const target = useServerTarget();
const SSE_EXTENSION = 'urn:ietf:params:whep:ext:core:server-sent-events';
const HOST_CANDIDATE = '1387637174 1 udp 2122260223 127.0.0.1 61764 typ host generation 0';

/** The viewer's server-sent-events subscribe URL, from its 201's `Link`. */
function sseUrl(viewer: Viewer): string {
  const link = parseLinks(viewer.response.headers).find((l) => l.params.rel === SSE_EXTENSION);
  expect(link, 'Link rel=urn:ietf:params:whep:ext:core:server-sent-events').toBeDefined();
  return new URL(link!.uri, viewer.location).href;
}

/** Reads an event stream until `pattern` shows up; fails if the stream ends first. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp): Promise<string> {
  let text = '';
  while (!pattern.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`event stream ended before ${pattern}: ${text}`);
    text += new TextDecoder().decode(value);
  }
  return text;
}

/** GETs an event stream; the deadline aborts it, which ends any read loop with an error. */
async function openEvents(url: string) {
  const stream = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(10_000) });
  expect(stream.status).toBe(200);
  expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return stream.body!.getReader();
}

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

  it('links an event stream for the input on the 409: `inactive` at once, `active` when the creator goes live', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'recvonly' });
    const response = await postSdp(input.webRTCPlayback.url, sdp);
    expect(response.status).toBe(409);
    const link = parseLinks(response.headers).find((l) => l.params.rel === SSE_EXTENSION);
    expect(link, 'Link rel=urn:ietf:params:whep:ext:core:server-sent-events on the 409').toBeDefined();
    const linkUrl = new URL(link!.uri, input.webRTCPlayback.url).href;
    const subscribed = await http(linkUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(['active', 'inactive']) });
    expect(subscribed.status).toBe(201);
    const reader = await openEvents(new URL(subscribed.headers.get('location')!, linkUrl).href);
    await readUntil(reader, /event:\s*inactive/);
    const publisher = await publish(input.webRTC.url);
    await readUntil(reader, /event:\s*active/);
    await reader.cancel();
    await publisher.stop();
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

  it('answers an offer that cannot receive the creator’s codec with 406 and its own offer (WHEP-03 counter-offer), answered by PATCH', async () => {
    // The creator sends VP8; this offer receives H.264 only.
    const { pc: offerer, sdp } = await createOffer({ direction: 'recvonly' });
    await closePeer(offerer);
    const h264Only = sdp.replace(/VP8\/90000/g, 'H264/90000').replace(/(a=rtpmap:(\d+) H264\/90000)/, '$1\r\na=fmtp:$2 profile-level-id=42e01f;packetization-mode=1');
    const response = await postSdp(input.webRTCPlayback.url, h264Only);
    expect(response.status).toBe(406);
    expect(response.headers.get('content-type')?.split(';')[0]?.trim()).toBe(SDP);
    const offer = response.body;
    expect(offer).toMatch(/a=rtpmap:\d+ VP8\/90000/);
    expect(directions(offer)).toContain('sendonly');
    const location = new URL(response.headers.get('location')!, input.webRTCPlayback.url).href;

    const pc = createPeer();
    const firstVideoPacket = watchFirstVideoPacket(pc);
    const patched = await http(location, { method: 'PATCH', headers: { 'content-type': SDP }, body: await answerOffer(pc, offer) });
    expect([200, 204]).toContain(patched.status);
    expect(await firstVideoPacket()).toBeGreaterThanOrEqual(96);
    await http(location, { method: 'DELETE' });
    await closePeer(pc);
  });

  it('advertises the server-sent-events extension as its own Link and streams viewercount (WHEP extensions)', async () => {
    const viewer = await play(input.webRTCPlayback.url);
    const linkUrl = sseUrl(viewer);

    const unknown = await http(linkUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(['no-such-event']) });
    expect(unknown.status).toBe(400);

    const subscribed = await http(linkUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(['active', 'inactive', 'viewercount']) });
    expect(subscribed.status).toBe(201);
    const reader = await openEvents(new URL(subscribed.headers.get('location')!, linkUrl).href);
    await readUntil(reader, /event:\s*viewercount/);
    await reader.cancel();
    await viewer.stop();
  });

  it('subscribes to every advertised event when the POST has no body or an empty array (the body is optional)', async () => {
    const viewer = await play(input.webRTCPlayback.url);
    const linkUrl = sseUrl(viewer);
    const requests: RequestInit[] = [{ method: 'POST' }, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' }];
    for (const request of requests) {
      const subscribed = await http(linkUrl, request);
      expect(subscribed.status, String(request.body ?? 'no body')).toBe(201);
      // With a creator live, `active` and `viewercount` both come right away.
      const reader = await openEvents(new URL(subscribed.headers.get('location')!, linkUrl).href);
      await readUntil(reader, /event:\s*active[^]*event:\s*viewercount|event:\s*viewercount[^]*event:\s*active/);
      await reader.cancel();
    }
    await viewer.stop();
  });

  it('ends an event stream on DELETE of its URL: 200, the open stream closes, then 404', async () => {
    const viewer = await play(input.webRTCPlayback.url);
    const linkUrl = sseUrl(viewer);
    const subscribed = await http(linkUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(['viewercount']) });
    const events = new URL(subscribed.headers.get('location')!, linkUrl).href;
    const reader = await openEvents(events);
    await readUntil(reader, /event:\s*viewercount/);
    expect((await http(events, { method: 'DELETE' })).status).toBe(200);
    // The server ends it; otherwise the deadline aborts the read with an error.
    while (!(await reader.read()).done);
    expect((await http(events, { headers: { accept: 'text/event-stream' } })).status).toBe(404);
    await viewer.stop();
  });

  it('applies the session PATCH rules to a viewer session: trickle 204, 428 without If-Match, 412 on mismatch, ICE restart 200 (RFC 9725 §4.3)', async () => {
    const viewer = await play(input.webRTCPlayback.url);
    const offer = viewer.pc.localDescription!.sdp;
    const trickle = sdpFragment(offer, { ...iceCredentials(offer), candidates: [HOST_CANDIDATE], endOfCandidates: true });
    const trickled = await patchFragment(viewer.location, trickle, viewer.etag!);
    expect(trickled.status).toBe(204);
    expect(trickled.body).toBe('');
    expect((await patchFragment(viewer.location, trickle)).status).toBe(428);
    expect((await patchFragment(viewer.location, trickle, '"not-the-etag"')).status).toBe(412);

    const restart = sdpFragment(offer, { ufrag: randomIceString(8), pwd: randomIceString(24), candidates: [HOST_CANDIDATE], endOfCandidates: true });
    const restarted = await patchFragment(viewer.location, restart, '*');
    expect(restarted.status).toBe(200);
    expect(restarted.headers.get('content-type')?.split(';')[0]?.trim()).toBe(SDPFRAG);
    expect(iceCredentials(restarted.body).ufrag).not.toBe(iceCredentials(viewer.answer).ufrag);
    const etag = restarted.headers.get('etag');
    expect(etag).toMatch(STRONG_ETAG);
    expect(etag).not.toBe(viewer.etag);
    const afterRestart = sdpFragment(offer, { ...iceCredentials(restart), candidates: [HOST_CANDIDATE] });
    expect((await patchFragment(viewer.location, afterRestart, viewer.etag!)).status, 'old ETag').toBe(412);
    expect((await patchFragment(viewer.location, afterRestart, etag!)).status, 'new ETag').toBe(204);
    await viewer.stop();
  });
});
