import { describe, expect, it } from 'vitest';
import { http, postSdp, SDP, STRONG_ETAG } from './support/http';
import { closePeer, createOffer } from './support/peer';
import { attribute, candidates, directions, mediaSections } from './support/sdp';
import { useServerTarget } from './support/target';

// WHIP POST: RFC 9725 §4.2 (answer, 201, Location), §4.3.1 (strong ETag), §4.3.2 (all server
// candidates in the answer), §4.4 (what offers a server may refuse), Cloudflare's protocol-version.
const target = useServerTarget();

async function endSession(endpoint: string, location: string | null) {
  if (location) await http(new URL(location, endpoint).href, { method: 'DELETE' });
}

describe('WHIP POST (RFC 9725 §4.2)', () => {
  it('answers an offer with 201, application/sdp, Location and a strong ETag', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const response = await postSdp(input.webRTC.url, sdp);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')?.split(';')[0]?.trim()).toBe(SDP);
    expect(response.headers.get('location')).toBeTruthy();
    expect(response.headers.get('etag')).toMatch(STRONG_ETAG);
    expect(response.body.startsWith('v=0')).toBe(true);
    await endSession(input.webRTC.url, response.headers.get('location'));
    await closePeer(pc);
  });

  it('answers with recvonly media, BUNDLE and rtcp-mux, and every server candidate in the answer', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const response = await postSdp(input.webRTC.url, sdp);
    expect(response.status).toBe(201);
    expect(directions(response.body)).toEqual(['recvonly', 'recvonly']);
    expect(attribute(response.body, 'group')).toMatch(/^BUNDLE /);
    for (const section of mediaSections(response.body)) expect(section).toMatch(/^a=rtcp-mux\s*$/m);
    // No server-to-client trickle exists, so the answer must carry the candidates (§4.3.2).
    expect(candidates(response.body).length).toBeGreaterThan(0);
    await endSession(input.webRTC.url, response.headers.get('location'));
    await closePeer(pc);
  });

  it('accepts a sendrecv offer (allowed for WHIP clients) and answers recvonly', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendrecv' });
    const response = await postSdp(input.webRTC.url, sdp);
    expect(response.status).toBe(201);
    for (const direction of directions(response.body)) expect(['recvonly', 'inactive']).toContain(direction);
    await endSession(input.webRTC.url, response.headers.get('location'));
    await closePeer(pc);
  });

  it('puts a cryptographically random part in each session URL (§5)', async () => {
    const locations: string[] = [];
    for (let i = 0; i < 2; i++) {
      const input = await target.createLiveInput();
      const { pc, sdp } = await createOffer({ direction: 'sendonly' });
      const response = await postSdp(input.webRTC.url, sdp);
      expect(response.status).toBe(201);
      const location = new URL(response.headers.get('location')!, input.webRTC.url);
      locations.push(location.pathname);
      // ≥ 128 bits: at least 22 base64url or 32 hex characters in one path segment.
      const longest = Math.max(...location.pathname.split('/').map((segment) => segment.replace(/[^A-Za-z0-9_-]/g, '').length));
      expect(longest).toBeGreaterThanOrEqual(22);
      await endSession(input.webRTC.url, response.headers.get('location'));
      await closePeer(pc);
    }
    expect(locations[0]).not.toBe(locations[1]);
  });

  it('sends protocol-version: draft-ietf-wish-whip-06 like Cloudflare', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const response = await postSdp(input.webRTC.url, sdp);
    expect(response.status).toBe(201);
    expect(response.headers.get('protocol-version')).toBe('draft-ietf-wish-whip-06');
    await endSession(input.webRTC.url, response.headers.get('location'));
    await closePeer(pc);
  });

  it('refuses a wrong content type with 415', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    for (const contentType of ['text/plain', 'application/json', 'application/trickle-ice-sdpfrag']) {
      const response = await http(input.webRTC.url, { method: 'POST', headers: { 'content-type': contentType }, body: sdp });
      expect(response.status, contentType).toBe(415);
    }
    const missing = await http(input.webRTC.url, { method: 'POST', body: new Blob([sdp]) });
    expect(missing.status, 'no content type').toBe(415);
    await closePeer(pc);
  });

  it('refuses malformed SDP with 400', async () => {
    const input = await target.createLiveInput();
    const bodies = ['hello', 'v=0\r\n', 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video banana\r\n', '\u0000\u0001\u0002'];
    for (const body of bodies) {
      const response = await postSdp(input.webRTC.url, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('refuses offers that parse but carry malformed values with 400 (non-hex DTLS fingerprint, impossible port)', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const broken = {
      fingerprint: sdp.replace(/a=fingerprint:(\S+) \S+/g, `a=fingerprint:$1 ${'ZZ:'.repeat(31)}ZZ`),
      port: sdp.replace(/^m=(video|audio) \d+/gm, `m=$1 ${'9'.repeat(30)}`),
    };
    for (const [what, body] of Object.entries(broken)) {
      const response = await postSdp(input.webRTC.url, body);
      if (response.status === 201) await endSession(input.webRTC.url, response.headers.get('location'));
      expect(response.status, what).toBe(400);
    }
    await closePeer(pc);
  });

  it('refuses an offer with two video m-lines with 422 (§4.4: at most one audio and one video)', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly', video: 2 });
    const response = await postSdp(input.webRTC.url, sdp);
    expect(response.status).toBe(422);
    await closePeer(pc);
  });

  it('refuses an offer with two audio m-lines with 422', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly', audio: 2 });
    const response = await postSdp(input.webRTC.url, sdp);
    expect(response.status).toBe(422);
    await closePeer(pc);
  });

  it('refuses an offer whose video has only a codec the server does not relay (H.265) with 422 problem+json (§4.4)', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const h265Only = sdp.replace('VP8/90000', 'H265/90000');
    expect(h265Only, 'the offer had no VP8 to replace').not.toBe(sdp);
    const response = await postSdp(input.webRTC.url, h265Only);
    if (response.status === 201) await endSession(input.webRTC.url, response.headers.get('location'));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')?.split(';')[0]?.trim()).toBe('application/problem+json');
    await closePeer(pc);
  });

  it('serves a setup:active offer with setup:passive, or refuses the whole offer with 422 (§4.4.4)', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const response = await postSdp(input.webRTC.url, sdp.replaceAll('a=setup:actpass', 'a=setup:active'));
    if (response.status === 201) {
      for (const setup of new Set(mediaSections(response.body).map((s) => /^a=setup:(\w+)/m.exec(s)?.[1]))) expect(setup).toBe('passive');
      await endSession(input.webRTC.url, response.headers.get('location'));
    } else {
      expect(response.status).toBe(422);
    }
    await closePeer(pc);
  });

  it('answers GET on the endpoint with 2xx and no content, or 405 (Cloudflare profile)', async () => {
    const input = await target.createLiveInput();
    const response = await http(input.webRTC.url);
    expect([200, 204, 405]).toContain(response.status);
    if (response.status !== 405) expect(response.body).toBe('');
  });

  it('answers 404 for a publish URL with an unknown secret', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const url = new URL(input.webRTC.url);
    url.pathname = `/${'0'.repeat(32)}/webRTC/publish`;
    const response = await postSdp(url.href, sdp);
    expect(response.status).toBe(404);
    await closePeer(pc);
  });
});
