import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import type { OnairServer } from './onairServer.js';
import type { SessionListing } from './sessionRegistry.js';
import { startOnairServer } from './onairServer.js';
import type { TestPeer } from './weriftTestPeer.js';
import { connect, creatorPeer, eventually, post, sendFakeVideo, viewerPeer } from './weriftTestPeer.js';

// The WHIP/WHEP conformance suite. It runs against our server by default, or against any server
// with Cloudflare's live-inputs API: ONAIR_CONFORMANCE_URL=https://api.cloudflare.com/client/v4
// ONAIR_CONFORMANCE_ACCOUNT=… ONAIR_CONFORMANCE_TOKEN=… (checks of our debug endpoints are skipped).
const external = process.env.ONAIR_CONFORMANCE_URL;
// Generous: the machine is shared, and werift negotiation slows down under load.
vi.setConfig({ testTimeout: 20_000 });
let server: OnairServer | null = null;
let apiBase = '';
const peers: TestPeer[] = [];
const stops: (() => void)[] = [];

beforeAll(async () => {
  if (external) {
    apiBase = `${external.replace(/\/+$/, '')}/accounts/${process.env.ONAIR_CONFORMANCE_ACCOUNT}`;
    return;
  }
  server = await startOnairServer({ port: 0, iceServers: ['stun:stun.example.net', 'turn:turn.example.net?transport=udp|user|pa"ss'] });
  apiBase = `${server.url}/client/v4/accounts/local`;
});
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
afterAll(() => server?.close());

const apiHeaders = (): Record<string, string> => (process.env.ONAIR_CONFORMANCE_TOKEN ? { Authorization: `Bearer ${process.env.ONAIR_CONFORMANCE_TOKEN}` } : {});
async function createInput(body: object = {}) {
  const res = await fetch(`${apiBase}/stream/live_inputs`, { method: 'POST', headers: apiHeaders(), body: JSON.stringify(body) });
  const input = ((await res.json()) as { result: LiveInput }).result;
  cleanups.push(() => fetch(`${apiBase}/stream/live_inputs/${input.uid}`, { method: 'DELETE', headers: apiHeaders() }));
  return input;
}
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});
/** Our debug listing; against another server, nothing to check. */
const sessions = async (): Promise<SessionListing> =>
  server ? ((await (await fetch(`${server.url}/_onair/sessions`)).json()) as SessionListing) : { whip: [], whep: [] };
const track = <T extends TestPeer>(peer: T) => (peers.push(peer), peer);

describe('CORS and OPTIONS', () => {
  test('preflight on endpoints and sessions allows what browsers need', async () => {
    const input = await createInput();
    for (const url of [input.webRTC.url, input.webRTCPlayback.url, `${input.webRTCPlayback.url}/0123`]) {
      const res = await fetch(url, { method: 'OPTIONS', headers: { Origin: 'http://other.test', 'Access-Control-Request-Method': 'POST' } });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
      for (const h of ['Authorization', 'Content-Type', 'If-Match']) expect(res.headers.get('access-control-allow-headers')).toContain(h);
      for (const h of ['Location', 'ETag', 'Link', 'Accept-Post', 'Accept-Patch', 'Retry-After', 'Access-Control-Allow-Methods']) {
        expect(res.headers.get('access-control-expose-headers')).toContain(h);
      }
      // ICE servers never on a preflight.
      expect(res.headers.get('link')).toBeNull();
    }
    const endpoint = await fetch(input.webRTC.url, { method: 'OPTIONS' });
    expect(endpoint.headers.get('accept-post')).toBe('application/sdp');
    if (server) expect(endpoint.headers.get('link')).toContain('rel="ice-server"');
  });
});

describe('bad requests get 4xx', () => {
  test('wrong content type is 415, malformed SDP is 400, unsupported offers 422', async () => {
    const input = await createInput();
    const json = await fetch(input.webRTC.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect(json.headers.get('accept-post')).toBe('application/sdp');
    expect(json.headers.get('content-type')).toBe('application/problem+json');
    expect((await post(input.webRTC.url, 'hello')).status).toBe(400);
    expect((await post(input.webRTC.url, 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n')).status).toBe(400);
    // A viewer's (recvonly) offer cannot publish.
    const viewer = track(await viewerPeer());
    expect((await post(input.webRTC.url, viewer.offer)).status).toBe(422);
    const huge = await post(input.webRTC.url, 'v=0\r\n' + 'a=x\r\n'.repeat(20_000));
    expect(huge.status).toBe(413);
    expect((await sessions()).whip).toEqual([]);
  });

  test('unknown publish secret or input is 404; unknown session is 404', async () => {
    const creator = track(await creatorPeer());
    const input = await createInput();
    const origin = new URL(input.webRTC.url).origin;
    expect((await post(`${origin}/0123456789abcdef0123456789abcdef/webRTC/publish`, creator.offer)).status).toBe(404);
    // The playback URL cannot publish: the uid is not a publish secret; nor can the secret play.
    expect((await post(`${origin}/${input.uid}/webRTC/publish`, creator.offer)).status).toBe(404);
    const secret = new URL(input.webRTC.url).pathname.split('/')[1];
    expect((await post(`${origin}/${secret}/webRTC/play`, track(await viewerPeer()).offer)).status).toBe(404);
    // Ours: OPTIONS too (not a preflight), with which @onair/core probes its session after a
    // restart; RFC 9725 does not ask it of other servers.
    for (const method of ['DELETE', 'PATCH', ...(server ? ['OPTIONS'] : [])]) {
      const res = await fetch(`${input.webRTCPlayback.url}/0123456789abcdef0123456789abcdef`, { method, headers: { 'Content-Type': 'application/trickle-ice-sdpfrag', 'If-Match': '*' } });
      expect(res.status).toBe(404);
    }
  });

  test('WHEP answers 409 + Retry-After while nobody publishes', async () => {
    const input = await createInput();
    const viewer = track(await viewerPeer());
    const res = await post(input.webRTCPlayback.url, viewer.offer);
    expect(res.status).toBe(409);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('protocol-version')).toBe('draft-murillo-whep-01');
  });

  test('a disabled input refuses WHIP', async () => {
    const input = await createInput({ enabled: false });
    const creator = track(await creatorPeer());
    expect((await post(input.webRTC.url, creator.offer)).status).toBe(403);
  });
});

describe('sessions', () => {
  test('WHIP 201 carries answer, Location, strong ETag, Link; PATCH rules; DELETE ends it', async () => {
    const input = await createInput();
    const creator = track(await creatorPeer());
    const { session, etag, response } = await connect(creator, input.webRTC.url);
    expect(response.headers.get('content-type')).toBe('application/sdp');
    expect(response.headers.get('protocol-version')).toBe('draft-ietf-wish-whip-06');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(session).toMatch(new RegExp(`^${input.webRTC.url}/[0-9a-f]{32}$`));
    if (server) {
      expect(response.headers.get('link')).toBe(
        '<stun:stun.example.net>; rel="ice-server", <turn:turn.example.net?transport=udp>; rel="ice-server"; username="user"; credential="pa\\"ss"; credential-type="password"',
      );
    }
    const frag = (ufrag: string) => `a=ice-ufrag:${ufrag}\r\na=ice-pwd:0123456789abcdefghijklmn\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=candidate:1 1 udp 2113937151 127.0.0.1 9 typ host\r\na=end-of-candidates\r\n`;
    const remoteUfrag = /a=ice-ufrag:(\S+)/.exec(creator.offer)![1]!;
    const patch = (headers: Record<string, string>, body = frag(remoteUfrag)) =>
      fetch(session, { method: 'PATCH', headers: { 'Content-Type': 'application/trickle-ice-sdpfrag', ...headers }, body });

    expect((await patch({})).status).toBe(428);
    expect((await patch({ 'If-Match': '"nope"' })).status).toBe(412);
    expect((await patch({ 'If-Match': etag })).status).toBe(204);
    expect((await patch({ 'If-Match': etag, 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await patch({ 'If-Match': etag }, 'garbage')).status).toBe(400);

    const restart = await patch({ 'If-Match': '*' }, frag('newufrag'));
    expect(restart.status).toBe(200);
    expect(restart.headers.get('content-type')).toBe('application/trickle-ice-sdpfrag');
    const newEtag = restart.headers.get('etag');
    expect(newEtag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(newEtag).not.toBe(etag);
    const body = await restart.text();
    expect(body).toMatch(/a=ice-ufrag:\S+/);
    expect(body).toMatch(/a=ice-pwd:\S+/);
    expect(body).toContain('a=candidate:');
    expect((await patch({ 'If-Match': etag })).status).toBe(412);

    expect((await fetch(session, { method: 'DELETE', headers: { 'If-Match': '"ignored"' } })).status).toBe(200);
    expect((await fetch(session, { method: 'DELETE' })).status).toBe(404);
    expect((await sessions()).whip).toEqual([]);
  });
});

describe('If-Match on PATCH', () => {
  test('is a list of entity-tags compared strongly (RFC 9110 §13.1.1)', async () => {
    const input = await createInput();
    const creator = track(await creatorPeer());
    const { session, etag } = await connect(creator, input.webRTC.url);
    const ufrag = /a=ice-ufrag:(\S+)/.exec(creator.offer)![1]!;
    const frag = `a=ice-ufrag:${ufrag}\r\na=ice-pwd:0123456789abcdefghijklmn\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=candidate:1 1 udp 2113937151 127.0.0.1 9 typ host\r\n`;
    const patch = (ifMatch: string) => fetch(session, { method: 'PATCH', headers: { 'Content-Type': 'application/trickle-ice-sdpfrag', 'If-Match': ifMatch }, body: frag });
    expect((await patch(`"other", ${etag}`)).status).toBe(204);
    expect((await patch(`W/${etag}`)).status).toBe(412);
    expect((await patch('"other", "another"')).status).toBe(412);
  });
});

/** A live creator and one viewer; returns the viewer's SSE subscribe URL (from its Link). */
async function watchedInput(create: () => Promise<LiveInput> = createInput) {
  const input = await create();
  const creator = track(await creatorPeer());
  await connect(creator, input.webRTC.url);
  stops.push(sendFakeVideo(creator.video!));
  const viewer = track(await viewerPeer());
  const play = () => post(input.webRTCPlayback.url, viewer.offer);
  const response = await eventually('the creator live for viewers', async () => {
    const res = await play();
    return res.status === 201 ? res : null;
  });
  const session = new URL(response.headers.get('Location')!, input.webRTCPlayback.url).href;
  const link = /<([^>]+)>; rel="urn:ietf:params:whep:ext:core:server-sent-events"/.exec(response.headers.get('Link') ?? '')![1]!;
  return { session, subscribeUrl: new URL(link, session).href };
}

/** Reads an event stream until `pattern` shows up; null once it has ended. */
async function readUntil(reader: ReadableStreamDefaultReader<string>, pattern: RegExp): Promise<string | null> {
  let text = '';
  while (!pattern.test(text)) {
    const { value, done } = await reader.read();
    if (done) return null;
    text += value;
  }
  return text;
}

describe('WHEP server-sent events', () => {
  test('the subscribe body is optional: none or [] means every event; anything but an array of known names is 400', async () => {
    const { subscribeUrl } = await watchedInput();
    const subscribe = (body?: string) => fetch(subscribeUrl, { method: 'POST', headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body });
    for (const body of ['{}', '["active","nope"]', 'not json']) expect((await subscribe(body)).status, body).toBe(400);
    for (const body of [undefined, '[]']) {
      const subscribed = await subscribe(body);
      expect(subscribed.status).toBe(201);
      const stream = await fetch(new URL(subscribed.headers.get('Location')!, subscribeUrl));
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      const text = await readUntil(reader, /event: active[^]*event: viewercount/);
      expect(text).not.toBeNull();
      await reader.cancel();
    }
  });

  test('DELETE of the stream URL ends the open stream; then GET and DELETE are 404', async () => {
    const { subscribeUrl } = await watchedInput();
    const subscribed = await fetch(subscribeUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '["viewercount"]' });
    const events = new URL(subscribed.headers.get('Location')!, subscribeUrl).href;
    const reader = (await fetch(events)).body!.pipeThrough(new TextDecoderStream()).getReader();
    expect(await readUntil(reader, /event: viewercount/)).not.toBeNull();
    expect((await fetch(events, { method: 'DELETE' })).status).toBe(200);
    // Ends rather than waiting for the test's timeout.
    while (!(await reader.read()).done);
    expect((await fetch(events)).status).toBe(404);
    expect((await fetch(events, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('behind a proxy under a path prefix (publicUrl with a path)', () => {
  test('Location and the events Link keep the prefix, so every session URL works through the proxy', async () => {
    // A proxy that serves the server under /onair, stripping the prefix.
    let upstream = '';
    const proxy = createServer((req, res) => {
      if (!req.url!.startsWith('/onair/')) return void res.writeHead(404).end();
      const forwarded = request(`${upstream}${req.url!.slice('/onair'.length)}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const prefixed = await startOnairServer({ port: 0, publicUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/onair/` });
    upstream = prefixed.url;
    try {
      const create = async () =>
        ((await (await fetch(`${prefixed.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
      const { session, subscribeUrl } = await watchedInput(create);
      expect(new URL(session).pathname).toMatch(/^\/onair\/[0-9a-f]{32}\/webRTC\/play\/[0-9a-f]{32}$/);
      const subscribed = await fetch(subscribeUrl, { method: 'POST' });
      expect(subscribed.status).toBe(201);
      const events = new URL(subscribed.headers.get('Location')!, subscribeUrl).href;
      expect(new URL(events).pathname).toMatch(/^\/onair\//);
      expect((await fetch(events, { method: 'DELETE' })).status).toBe(200);
      expect((await fetch(session, { method: 'DELETE' })).status).toBe(200);
    } finally {
      proxy.closeAllConnections();
      proxy.close();
      await prefixed.close();
    }
  });
});

describe('more server rules', () => {
  test('GET on endpoints is 2xx without content; unknown methods 405', async () => {
    const input = await createInput();
    for (const url of [input.webRTC.url, input.webRTCPlayback.url]) {
      const res = await fetch(url);
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      expect(await res.text()).toBe('');
      expect((await fetch(url, { method: 'PUT' })).status).toBe(405);
    }
  });

  test('answers hold every server candidate and the right direction; session URLs are random', async () => {
    const input = await createInput();
    const creator = track(await creatorPeer());
    const first = await post(input.webRTC.url, creator.offer);
    expect(first.status).toBe(201);
    const answer = await first.text();
    expect(answer).toContain('a=candidate:');
    expect(answer).toContain('a=end-of-candidates');
    expect(answer).toMatch(/a=recvonly/);
    expect(answer).not.toMatch(/a=(sendonly|sendrecv)/);
    await fetch(new URL(first.headers.get('location')!, input.webRTC.url), { method: 'DELETE' });
    const second = await post(input.webRTC.url, (await creatorPeer().then(track)).offer);
    expect(second.headers.get('location')).not.toBe(first.headers.get('location'));
    await fetch(new URL(second.headers.get('location')!, input.webRTC.url), { method: 'DELETE' });
  });

  test('two video tracks in one offer: 422', async () => {
    const input = await createInput();
    const creator = track(await creatorPeer());
    const video = creator.offer.split(/\r\n(?=m=)/).find((section) => section.startsWith('m=video'))!;
    const doubled = `${creator.offer.trimEnd()}\r\n${video.replace(/a=mid:(\S+)/, 'a=mid:9').trimEnd()}\r\n`;
    expect((await post(input.webRTC.url, doubled)).status).toBe(422);
  });
});
