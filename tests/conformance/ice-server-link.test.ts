import { describe, expect, it } from 'vitest';
import { http, parseLinks, postSdp } from './support/http';
import { closePeer, createOffer, publish } from './support/peer';
import { isRemote, useServerTarget } from './support/target';

// RFC 9725 §4.6: configured ICE servers come as `Link: <url>; rel="ice-server"` on the 201
// (TURN with username/credential/credential-type), not on a plain CORS preflight.
// Needs a server started with known ICE servers, so it runs against the local server only.
const STUN = 'stun:stun.conformance.invalid:3478';
const TURN = 'turn:turn.conformance.invalid:3478?transport=udp';
const target = useServerTarget({ iceServers: [STUN, `${TURN}|alice|s3cret`] });

function iceServerLinks(headers: Headers) {
  return parseLinks(headers).filter((link) => link.params.rel === 'ice-server');
}

function expectConfiguredLinks(headers: Headers) {
  const links = iceServerLinks(headers);
  expect(links.map((link) => link.uri).sort()).toEqual([STUN, TURN].sort());
  const turn = links.find((link) => link.uri === TURN)!;
  expect(turn.params).toMatchObject({ username: 'alice', credential: 's3cret' });
  expect(turn.params['credential-type'] ?? 'password').toBe('password');
}

describe.skipIf(isRemote)('Link rel="ice-server" (RFC 9725 §4.6)', () => {
  it('comes on the WHIP 201', async () => {
    const input = await target.createLiveInput();
    const { pc, sdp } = await createOffer({ direction: 'sendonly' });
    const response = await postSdp(input.webRTC.url, sdp);
    expect(response.status).toBe(201);
    expectConfiguredLinks(response.headers);
    await http(new URL(response.headers.get('location')!, input.webRTC.url).href, { method: 'DELETE' });
    await closePeer(pc);
  });

  it('comes on the WHEP 201', async () => {
    const input = await target.createLiveInput();
    const creator = await publish(input.webRTC.url);
    const { pc, sdp } = await createOffer({ direction: 'recvonly' });
    const response = await postSdp(input.webRTCPlayback.url, sdp);
    expect(response.status).toBe(201);
    expectConfiguredLinks(response.headers);
    await http(new URL(response.headers.get('location')!, input.webRTCPlayback.url).href, { method: 'DELETE' });
    await closePeer(pc);
    await creator.stop();
  });

  it('does not come on a plain CORS preflight', async () => {
    const input = await target.createLiveInput();
    const response = await http(input.webRTC.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect([200, 204]).toContain(response.status);
    expect(iceServerLinks(response.headers)).toEqual([]);
  });
});
