import { describe, expect, it } from 'vitest';
import { headerTokens, http, postSdp } from './support/http';
import { closePeer, createOffer } from './support/peer';
import { useServerTarget } from './support/target';

// RFC 9725 §4.2: OPTIONS is a CORS preflight; Accept-Post advertises SDP; browsers can only read
// Location/ETag/Link/Accept-* when they are exposed.
const target = useServerTarget();
const ORIGIN = 'https://app.example';

function preflight(url: string, method: string) {
  return http(url, {
    method: 'OPTIONS',
    headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type, if-match' },
  });
}

function expectPreflightAllows(response: Awaited<ReturnType<typeof preflight>>, methods: string[]) {
  expect([200, 204]).toContain(response.status);
  expect([ORIGIN, '*']).toContain(response.headers.get('access-control-allow-origin'));
  const allowed = headerTokens(response.headers, 'access-control-allow-methods');
  for (const method of methods) expect(allowed).toContain(method.toLowerCase());
  const allowedHeaders = headerTokens(response.headers, 'access-control-allow-headers');
  if (!allowedHeaders.includes('*')) {
    for (const header of ['authorization', 'content-type', 'if-match']) expect(allowedHeaders).toContain(header);
  }
}

describe('CORS and OPTIONS (RFC 9725 §4.2)', () => {
  it('answers a preflight on the WHIP endpoint with Accept-Post: application/sdp', async () => {
    const input = await target.createLiveInput();
    const response = await preflight(input.webRTC.url, 'POST');
    expectPreflightAllows(response, ['POST']);
    expect(headerTokens(response.headers, 'accept-post')).toContain('application/sdp');
  });

  it('answers a preflight on the WHEP endpoint with Accept-Post: application/sdp', async () => {
    const input = await target.createLiveInput();
    const response = await preflight(input.webRTCPlayback.url, 'POST');
    expectPreflightAllows(response, ['POST']);
    expect(headerTokens(response.headers, 'accept-post')).toContain('application/sdp');
  });

  it('answers a preflight on a session URL allowing PATCH and DELETE with If-Match', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const created = await postSdp(input.webRTC.url, sdp, { origin: ORIGIN });
    expect(created.status).toBe(201);
    const session = new URL(created.headers.get('location')!, input.webRTC.url).href;
    expectPreflightAllows(await preflight(session, 'PATCH'), ['PATCH', 'DELETE']);
    await http(session, { method: 'DELETE' });
    await closePeer(pc);
  });

  it('exposes Location, ETag, Link, Accept-Post and Accept-Patch on the 201', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const created = await postSdp(input.webRTC.url, sdp, { origin: ORIGIN });
    expect(created.status).toBe(201);
    expect([ORIGIN, '*']).toContain(created.headers.get('access-control-allow-origin'));
    const exposed = headerTokens(created.headers, 'access-control-expose-headers');
    if (!exposed.includes('*')) {
      for (const header of ['location', 'etag', 'link', 'accept-post', 'accept-patch']) expect(exposed).toContain(header);
    }
    await http(new URL(created.headers.get('location')!, input.webRTC.url).href, { method: 'DELETE' });
    await closePeer(pc);
  });

  it('answers CORS on error responses too, so browsers can read the status', async () => {
    const input = await target.createLiveInput();
    const response = await http(input.webRTC.url, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'text/plain' }, body: 'x' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect([ORIGIN, '*']).toContain(response.headers.get('access-control-allow-origin'));
  });
});
