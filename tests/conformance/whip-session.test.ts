import { describe, expect, it } from 'vitest';
import { http, patchFragment, SDPFRAG, STRONG_ETAG } from './support/http';
import { closePeer, negotiate, publish, type HttpSession } from './support/peer';
import { iceCredentials, randomIceString, sdpFragment } from './support/sdp';
import { useServerTarget } from './support/target';
import { waitFor } from './support/waitFor';

// Session resource: RFC 9725 §4.3.1 (ETag, If-Match, 428/412), §4.3.2 (trickle 204),
// §4.3.3 (ICE restart 200 + sdpfrag + new ETag), §4.2 (DELETE; unknown session 404).
const target = useServerTarget();

const HOST_CANDIDATE = '1387637174 1 udp 2122260223 127.0.0.1 61764 typ host generation 0';
// A candidate the server cannot use (unknown address family / garbage): dropped silently.
const UNUSABLE_CANDIDATE = '842163049 1 udp 1677729535 not-an-address 9 typ srflx raddr 0.0.0.0 rport 0';

async function whipSession(): Promise<HttpSession & { offer: string }> {
  const input = await target.createLiveInput();
  const session = await negotiate(input.webRTC.url, 'sendonly');
  const offer = session.pc.localDescription!.sdp;
  return { ...session, offer };
}

async function end(session: HttpSession) {
  await http(session.location, { method: 'DELETE' });
  await closePeer(session.pc);
}

describe('WHIP session PATCH (RFC 9725 §4.3)', () => {
  it('accepts a trickle PATCH with the current ETag: 204 and no body', async () => {
    const session = await whipSession();
    const fragment = sdpFragment(session.offer, { ...iceCredentials(session.offer), candidates: [HOST_CANDIDATE], endOfCandidates: true });
    const response = await patchFragment(session.location, fragment, session.etag!);
    expect(response.status).toBe(204);
    expect(response.body).toBe('');
    await end(session);
  });

  it('drops unusable candidates silently (204)', async () => {
    const session = await whipSession();
    const fragment = sdpFragment(session.offer, { ...iceCredentials(session.offer), candidates: [UNUSABLE_CANDIDATE] });
    const response = await patchFragment(session.location, fragment, session.etag!);
    expect(response.status).toBe(204);
    await end(session);
  });

  it('requires If-Match: 428 without it', async () => {
    const session = await whipSession();
    const fragment = sdpFragment(session.offer, { ...iceCredentials(session.offer), candidates: [HOST_CANDIDATE] });
    const response = await patchFragment(session.location, fragment);
    expect(response.status).toBe(428);
    await end(session);
  });

  it('refuses a mismatching If-Match with 412', async () => {
    const session = await whipSession();
    const fragment = sdpFragment(session.offer, { ...iceCredentials(session.offer), candidates: [HOST_CANDIDATE] });
    const response = await patchFragment(session.location, fragment, '"not-the-etag"');
    expect(response.status).toBe(412);
    await end(session);
  });

  it('reads If-Match as a list of entity-tags under strong comparison (RFC 9110 §13.1.1)', async () => {
    const session = await whipSession();
    const fragment = sdpFragment(session.offer, { ...iceCredentials(session.offer), candidates: [HOST_CANDIDATE] });
    expect((await patchFragment(session.location, fragment, `"not-the-etag", ${session.etag!}`)).status, 'current ETag listed').toBe(204);
    expect((await patchFragment(session.location, fragment, `W/${session.etag!}`)).status, 'weak tag').toBe(412);
    await end(session);
  });

  it('refuses a PATCH body that is not a trickle-ice-sdpfrag (415 or 422)', async () => {
    const session = await whipSession();
    const response = await http(session.location, { method: 'PATCH', headers: { 'content-type': 'text/plain', 'if-match': session.etag! }, body: 'a=end-of-candidates' });
    expect([415, 422]).toContain(response.status);
    await end(session);
  });

  it('restarts ICE: 200 with an sdpfrag of new credentials and a new strong ETag; the old ETag is stale', async () => {
    const input = await target.createLiveInput();
    const publisher = await publish(input.webRTC.url);
    const offer = publisher.pc.localDescription!.sdp;
    const before = iceCredentials(publisher.answer);
    const restart = sdpFragment(offer, { ufrag: randomIceString(8), pwd: randomIceString(24), candidates: [HOST_CANDIDATE], endOfCandidates: true });
    const response = await patchFragment(publisher.location, restart, '*');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')?.split(';')[0]?.trim()).toBe(SDPFRAG);
    const after = iceCredentials(response.body);
    expect(after.ufrag).not.toBe(before.ufrag);
    expect(after.pwd).not.toBe(before.pwd);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(STRONG_ETAG);
    expect(etag).not.toBe(publisher.etag);

    const trickle = sdpFragment(offer, { ufrag: iceCredentials(restart).ufrag, pwd: iceCredentials(restart).pwd, candidates: [HOST_CANDIDATE] });
    expect((await patchFragment(publisher.location, trickle, publisher.etag!)).status, 'old ETag').toBe(412);
    expect((await patchFragment(publisher.location, trickle, etag!)).status, 'new ETag').toBe(204);
    await publisher.stop();
  });
});

describe('WHIP session: failed restart and ending (RFC 9725 §4.3.3, §4.2)', () => {
  it('answers a restart it cannot apply with 4xx and keeps the session', async () => {
    const session = await whipSession();
    // New ufrag (a restart) without the ice-pwd that must come with it.
    const broken = sdpFragment(session.offer, { ufrag: randomIceString(8), pwd: '' }).replace(/a=ice-pwd:\r\n/, '');
    const response = await patchFragment(session.location, broken, '*');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const trickle = sdpFragment(session.offer, { ...iceCredentials(session.offer), candidates: [HOST_CANDIDATE] });
    expect((await patchFragment(session.location, trickle, session.etag!)).status, 'session still there').toBe(204);
    await end(session);
  });

  it('ends the media session on DELETE: the peer loses its connection (consent revoked)', { timeout: 60_000 }, async () => {
    const input = await target.createLiveInput();
    const publisher = await publish(input.webRTC.url);
    expect((await http(publisher.location, { method: 'DELETE' })).status).toBeLessThan(300);
    await waitFor(() => publisher.pc.connectionState !== 'connected', { timeout: 45_000, interval: 100, what: 'the creator peer to lose its connection' });
    await publisher.stop();
  });
});

describe('WHIP session DELETE and GET (RFC 9725 §4.2, §4.3.1)', () => {
  it('ignores If-Match on DELETE, then answers 404 for the deleted session', async () => {
    const session = await whipSession();
    const deleted = await http(session.location, { method: 'DELETE', headers: { 'if-match': '"stale"' } });
    expect([200, 204]).toContain(deleted.status);
    const again = await http(session.location, { method: 'DELETE' });
    expect(again.status).toBe(404);
    await closePeer(session.pc);
  });

  it('answers 404 to DELETE and PATCH of a session that never existed', async () => {
    const session = await whipSession();
    const unknown = new URL(session.location);
    unknown.pathname = unknown.pathname.replace(/[^/]+$/, 'f'.repeat(32));
    expect((await http(unknown.href, { method: 'DELETE' })).status).toBe(404);
    const fragment = sdpFragment(session.offer, { ...iceCredentials(session.offer), candidates: [HOST_CANDIDATE] });
    expect((await patchFragment(unknown.href, fragment, '*')).status).toBe(404);
    await end(session);
  });

  it('answers GET on a session with 2xx and no content, or 405 (Cloudflare profile)', async () => {
    const session = await whipSession();
    const response = await http(session.location);
    expect([200, 204, 405]).toContain(response.status);
    if (response.status !== 405) expect(response.body).toBe('');
    await end(session);
  });
});
