import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OnairError } from './errors';
import { FakePeerConnection } from './testing/fakePeerConnection';
import { ANSWER_SDP, created, scriptedServer, type Script } from './testing/scriptedServer';
import { WhipSession, type WhipOptions, type WhipStatus } from './whipSession';

const track = (kind: string) => ({ kind, id: `${kind}-1` });
const stream = {
  getAudioTracks: () => [track('audio')],
  getVideoTracks: () => [track('video')],
} as unknown as MediaStream;

let server: Awaited<ReturnType<typeof scriptedServer>>;
let session: WhipSession | null = null;

async function setup(script: Script, options: Partial<WhipOptions> = {}) {
  server = await scriptedServer(script);
  session = new WhipSession({
    url: `${server.url}/whip`,
    RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection,
    ...options,
  });
  const statuses: WhipStatus[] = [session.getSnapshot().status];
  session.subscribe(() => {
    const { status } = session!.getSnapshot();
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  return { session, statuses };
}

/** Default server: 201 on POST, 204 on PATCH, 200 on DELETE. */
const whipServer: Script = (req, res) => {
  if (req.method === 'POST') return created(res, '/whip/sessions/s1');
  res.writeHead(req.method === 'PATCH' ? 204 : 200).end();
};

beforeEach(() => {
  FakePeerConnection.reset();
  vi.stubGlobal('MediaStream', class { constructor(public tracks: unknown[] = []) {} });
});
afterEach(async () => {
  await session?.stop();
  session = null;
  vi.unstubAllGlobals();
  await server?.close();
});

describe('WhipSession', () => {
  it('POSTs the offer, follows a redirect and resolves Location against the answering URL', async () => {
    const { session, statuses } = await setup((req, res) => {
      if (req.path === '/whip') return void res.writeHead(307, { Location: '/edge/whip' }).end();
      if (req.path === '/edge/whip') return created(res, 'sessions/abc', { Link: '<https://x.example/ext>; rel="urn:ietf:params:whip:ext:example"' });
      res.writeHead(200).end();
    });
    await session.start(stream);
    const snapshot = session.getSnapshot();
    expect(snapshot.status).toBe('live');
    expect(snapshot.sessionUrl).toBe(`${server.url}/edge/sessions/abc`);
    expect(snapshot.stream).toBe(stream);
    expect(snapshot.links).toEqual([{ url: 'https://x.example/ext', rel: 'urn:ietf:params:whip:ext:example', params: {} }]);
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(statuses).toEqual(['idle', 'connecting', 'live']);
    const post = server.requests.find((r) => r.path === '/edge/whip')!;
    expect(post.headers['content-type']).toBe('application/sdp');
    expect(post.body).toMatch(/^v=0/);
    expect(post.headers.authorization).toBeUndefined();
    // sendonly transceivers carrying the stream, never addTrack; one bundle policy for all.
    const pc = FakePeerConnection.last;
    expect(pc.transceivers.map((t) => [t.kind, t.init.direction, (t.init.streams as unknown[])[0]])).toEqual([
      ['audio', 'sendonly', stream],
      ['video', 'sendonly', stream],
    ]);
    expect(pc.config).toMatchObject({ bundlePolicy: 'max-bundle', iceServers: [] });
  });

  it('DELETEs the session URL on stop, with keepalive, once', async () => {
    const fetchSpy = vi.fn(globalThis.fetch);
    const { session, statuses } = await setup(whipServer, { fetch: fetchSpy });
    await session.start(stream);
    await session.stop();
    await session.stop();
    const deletes = server.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.path)).toEqual(['/whip/sessions/s1']);
    expect(deletes[0]!.headers['if-match']).toBeUndefined();
    expect(fetchSpy.mock.calls.find(([, init]) => init?.method === 'DELETE')![1]!.keepalive).toBe(true);
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'ended']);
    expect(session.getSnapshot()).toMatchObject({ sessionUrl: null, error: null });
    expect(FakePeerConnection.last.connectionState).toBe('closed');
  });

  it('start is idempotent while running (StrictMode) and can run again after stop', async () => {
    const { session } = await setup(whipServer);
    await Promise.all([session.start(stream), session.start(stream)]);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await session.stop();
    await session.start(stream);
    expect(session.getSnapshot().status).toBe('live');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('sends the bearer token on POST, PATCH and DELETE', async () => {
    const { session } = await setup(whipServer, { token: 'T0k', gathering: 'trickle' });
    await session.start(stream);
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'PATCH')).toBe(true));
    await session.stop();
    expect(new Set(server.requests.map((r) => `${r.method} ${r.headers.authorization}`))).toEqual(
      new Set(['POST Bearer T0k', 'PATCH Bearer T0k', 'DELETE Bearer T0k']),
    );
  });

  it('asks an async token source again once after a 401', async () => {
    const tokens = ['old', 'new'];
    const token = vi.fn(async () => tokens.shift()!);
    const { session } = await setup((req, res) => {
      if (req.headers.authorization !== 'Bearer new') return void res.writeHead(401).end();
      whipServer(req, res);
    }, { token });
    await session.start(stream);
    expect(token).toHaveBeenCalledTimes(2);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('fails with kind http, status and problem details on a 4xx (no retry after 401 with a fixed token)', async () => {
    const { session, statuses } = await setup((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'application/problem+json' }).end(JSON.stringify({ title: 'Forbidden', detail: 'Input disabled' }));
    }, { token: 'x' });
    const error = await session.start(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OnairError);
    expect(error).toMatchObject({ kind: 'http', status: 403, problem: { title: 'Forbidden', detail: 'Input disabled' } });
    expect((error as Error).message).toContain('Input disabled');
    expect(session.getSnapshot()).toMatchObject({ status: 'failed', error });
    expect(statuses).toEqual(['idle', 'connecting', 'failed']);
    expect(server.requests).toHaveLength(1);
  });

  it('honours Retry-After on 503 and 429', async () => {
    let busy = 2;
    const { session } = await setup((req, res) => {
      if (req.method === 'POST' && busy-- > 0) return void res.writeHead(busy ? 503 : 429, { 'Retry-After': '1' }).end();
      whipServer(req, res);
    });
    const t0 = Date.now();
    await session.start(stream);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  it('POSTs the offer at once, then trickles every candidate in batches with If-Match and end-of-candidates', async () => {
    FakePeerConnection.reset({ candidateDelays: [0, 150, 152, 154] });
    const { session } = await setup(whipServer);
    const t0 = Date.now();
    await session.start(stream);
    expect(server.requests.find((r) => r.method === 'POST')!.body).not.toContain('a=candidate');
    await vi.waitFor(() => expect(server.requests.filter((r) => r.method === 'PATCH').at(-1)?.body).toContain('a=end-of-candidates'));
    const patches = server.requests.filter((r) => r.method === 'PATCH');
    expect(patches.length).toBeLessThanOrEqual(3);
    expect(patches.map((r) => r.body).join('').match(/a=candidate:[0123] /g)).toHaveLength(4);
    for (const patch of patches) {
      expect(patch.path).toBe('/whip/sessions/s1');
      expect(patch.headers['content-type']).toBe('application/trickle-ice-sdpfrag');
      expect(patch.headers['if-match']).toBe('"e1"');
      expect(patch.body.match(/^m=/gm)).toHaveLength(1);
      expect(patch.body).toMatch(/a=ice-ufrag:u\d+g0\r\na=ice-pwd:\S+\r\nm=audio 9 UDP\/TLS\/RTP\/SAVPF 96\r\na=mid:0\r\n/);
    }
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('stops trickling quietly on 405 (and on 422/501)', async () => {
    FakePeerConnection.reset({ candidateDelays: [0, 60, 200] });
    const { session } = await setup((req, res) => {
      if (req.method === 'PATCH') return void res.writeHead(405).end();
      whipServer(req, res);
    });
    await session.start(stream);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(session.getSnapshot()).toMatchObject({ status: 'live', error: null });
  });

  it('reports other trickle failures in the snapshot without failing the live session', async () => {
    FakePeerConnection.reset({ candidateDelays: [0, 60, 200] });
    const { session } = await setup((req, res) => {
      if (req.method === 'PATCH') return void res.writeHead(412, { 'Content-Type': 'application/problem+json' }).end('{"title":"ETag mismatch"}');
      whipServer(req, res);
    });
    await session.start(stream);
    await vi.waitFor(() => expect(session.getSnapshot().error).toMatchObject({ kind: 'http', status: 412, message: expect.stringContaining('ETag mismatch') }));
    await new Promise((r) => setTimeout(r, 250));
    expect(session.getSnapshot().status).toBe('live');
    expect(server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('full-gather mode waits for every candidate and never PATCHes', async () => {
    FakePeerConnection.reset({ candidateDelays: [0, 80] });
    const { session } = await setup(whipServer, { gathering: 'full' });
    await session.start(stream);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests.find((r) => r.method === 'POST')!.body.match(/a=candidate:/g)).toHaveLength(2);
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('sets the offer only once the 201’s ICE servers (merged with the app’s) are in, so gathering uses them', async () => {
    FakePeerConnection.reset({ candidateDelays: [0, 5] });
    const link = '<turn:turn.example.net?transport=udp>; rel="ice-server"; username="u"; credential="p", <stun:stun.example.net>; rel="ice-server"';
    const mine = { urls: 'stun:mine.example' };
    const { session } = await setup((req, res) => (req.method === 'POST' ? created(res, '/s', { Link: link }) : whipServer(req, res)), { iceServers: [mine] });
    await session.start(stream);
    const pc = FakePeerConnection.last;
    expect(pc.config.iceServers).toEqual([mine, { urls: 'turn:turn.example.net?transport=udp', username: 'u', credential: 'p' }, { urls: 'stun:stun.example.net' }]);
    expect(pc.calls.slice(0, 4)).toEqual(['createOffer', 'setConfiguration', 'setLocalDescription:offer', 'setRemoteDescription:answer']);
    await vi.waitFor(() => expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.body).join('')).toContain('a=end-of-candidates'));
  });

  it('replaceIceServers: only the app’s ICE servers, the Link ones ignored', async () => {
    const link = '<turn:turn.example.net?transport=udp>; rel="ice-server"; username="u"; credential="p"';
    const mine = [{ urls: 'stun:mine.example' }];
    const { session } = await setup((req, res) => (req.method === 'POST' ? created(res, '/s', { Link: link }) : whipServer(req, res)), {
      iceServers: mine,
      replaceIceServers: true,
    });
    await session.start(stream);
    expect(FakePeerConnection.last.config.iceServers).toEqual(mine);
    expect(FakePeerConnection.last.calls).not.toContain('setConfiguration');
  });

  it('names the missing Access-Control-Expose-Headers entry when Location is unreadable cross-origin', async () => {
    const corsFetch: typeof fetch = async () => {
      const response = new Response(ANSWER_SDP, { status: 201 });
      Object.defineProperty(response, 'type', { value: 'cors' });
      return response;
    };
    const { session } = await setup(whipServer, { fetch: corsFetch });
    const error = await session.start(stream).catch((e: OnairError) => e);
    expect(error).toMatchObject({ kind: 'cors' });
    expect((error as Error).message).toMatch(/^Location .*Access-Control-Expose-Headers/);
  });

  it('names the missing ETag expose header when trickle gets 428 cross-origin', async () => {
    const corsFetch: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      const headers = new Headers(response.headers);
      headers.delete('etag');
      const hidden = new Response(init?.method === 'DELETE' ? null : await response.text(), { status: response.status, headers });
      Object.defineProperty(hidden, 'type', { value: 'cors' });
      return hidden;
    };
    const { session } = await setup((req, res) => {
      if (req.method === 'PATCH' && !req.headers['if-match']) return void res.writeHead(428).end();
      whipServer(req, res);
    }, { fetch: corsFetch, gathering: 'trickle' });
    await session.start(stream);
    await vi.waitFor(() => expect(session.getSnapshot().error).toMatchObject({ kind: 'cors', message: expect.stringContaining('ETag') }));
    expect(session.getSnapshot().status).toBe('live');
  });

  it('maps an unreachable server to kind network and a silent one to kind timeout', async () => {
    const { session } = await setup(() => new Promise(() => {}), { timeoutMs: 200, maxReconnectAttempts: 0 });
    await expect(session.start(stream)).rejects.toMatchObject({ kind: 'timeout' });
    const url = server.url;
    await server.close();
    const unreachable = new WhipSession({
      url: `${url}/whip`,
      RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection,
      maxReconnectAttempts: 0,
    });
    await expect(unreachable.start(stream)).rejects.toMatchObject({ kind: 'network' });
    expect(unreachable.getSnapshot().status).toBe('failed');
  });

  it('an AbortSignal cancels start: rejects with kind aborted and ends the session', async () => {
    const { session } = await setup(() => new Promise(() => {}));
    const controller = new AbortController();
    const started = session.start(stream, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(started).rejects.toMatchObject({ kind: 'aborted' });
    expect(session.getSnapshot().status).toBe('ended');
  });

  it('times out when the media connection never comes up, and DELETEs that session', async () => {
    FakePeerConnection.reset({ connectAfterMs: null });
    const { session } = await setup(whipServer, { connectTimeoutMs: 100, maxReconnectAttempts: 0 });
    await expect(session.start(stream)).rejects.toMatchObject({ kind: 'timeout' });
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'DELETE')).toBe(true));
  });

  it('restarts ICE on failure: PATCH If-Match *, new credentials, remote ICE replaced', async () => {
    const restartAnswer = 'a=ice-ufrag:srv2\r\na=ice-pwd:srv2pwd\r\nm=audio 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\na=candidate:5 1 udp 1 127.0.0.1 5 typ host\r\na=end-of-candidates\r\n';
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'PATCH' && req.headers['if-match'] === '*') {
        return void res.writeHead(200, { 'Content-Type': 'application/trickle-ice-sdpfrag', ETag: '"e2"' }).end(restartAnswer);
      }
      whipServer(req, res);
    }, { gathering: 'full' });
    await session.start(stream);
    const pc = FakePeerConnection.last;
    pc.setState('failed');
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('live'));
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
    expect(FakePeerConnection.instances).toHaveLength(1);
    expect(pc.calls).toContain('restartIce');
    const restart = server.requests.find((r) => r.headers['if-match'] === '*')!;
    expect(restart.body).toMatch(/a=ice-ufrag:u\d+g1/);
    expect(restart.body).toContain('a=end-of-candidates');
    expect(pc.remoteDescription!.sdp).toContain('a=ice-ufrag:srv2');
    expect(pc.remoteDescription!.sdp).toContain('a=candidate:5 ');
    expect(pc.remoteDescription!.sdp).not.toContain('a=candidate:9 ');
  });

  it('restartIce() is a no-op unless live', async () => {
    FakePeerConnection.reset({ connectAfterMs: 100 });
    const { session, statuses } = await setup(whipServer);
    await session.restartIce();
    const started = session.start(stream);
    await session.restartIce();
    await started;
    expect(statuses).toEqual(['idle', 'connecting', 'live']);
    expect(FakePeerConnection.last.calls).not.toContain('restartIce');
  });

  it('restarts ICE only after the disconnected grace period', async () => {
    const { session } = await setup(whipServer, { disconnectedGraceMs: 150 });
    await session.start(stream);
    const pc = FakePeerConnection.last;
    pc.setState('disconnected');
    await new Promise((r) => setTimeout(r, 50));
    pc.setState('connected');
    await new Promise((r) => setTimeout(r, 200));
    expect(pc.calls).not.toContain('restartIce');
    expect(session.getSnapshot().status).toBe('live');
  });

  it('when the restart fails, DELETEs the old session and POSTs a fresh one', async () => {
    let posts = 0;
    // The order the session sends its requests in: the DELETE is not awaited, so the server may
    // see the fresh POST first.
    const sent: string[] = [];
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'POST') return created(res, `/whip/sessions/s${++posts}`);
      if (req.method === 'PATCH') return void res.writeHead(404).end();
      res.writeHead(200).end();
    }, {
      gathering: 'full',
      fetch: (input, init) => {
        sent.push(`${init?.method} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
    });
    await session.start(stream);
    FakePeerConnection.last.setState('failed');
    await vi.waitFor(() => expect(session.getSnapshot().sessionUrl).toBe(`${server.url}/whip/sessions/s2`));
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('live'));
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
    // A failed connection cannot come back: DELETEd before the fresh POST.
    expect(sent).toEqual([
      'POST /whip',
      'OPTIONS /whip/sessions/s1',
      'PATCH /whip/sessions/s1',
      'DELETE /whip/sessions/s1',
      'POST /whip',
    ]);
    expect(FakePeerConnection.instances).toHaveLength(2);
    expect(FakePeerConnection.instances[0]!.connectionState).toBe('closed');
  });

  it('recovers when the server process dies and comes back on the same address', async () => {
    const { session, statuses } = await setup(whipServer, { gathering: 'full' });
    await session.start(stream);
    const port = Number(new URL(server.url).port);
    await server.close();
    FakePeerConnection.last.setState('failed');
    // Down for a while: the restart PATCH and the first fresh POSTs meet a closed port.
    await new Promise((r) => setTimeout(r, 800));
    expect(session.getSnapshot()).toMatchObject({ status: 'reconnecting', error: { kind: 'network' } });
    server = await scriptedServer(whipServer, port);
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('live'), { timeout: 10_000 });
    expect(session.getSnapshot().error).toBeNull();
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
  });

  it('when the server closes the DTLS transport (close_notify), starts a fresh session at once, without an ICE restart', async () => {
    let posts = 0;
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'POST') return created(res, `/whip/sessions/s${++posts}`);
      res.writeHead(req.method === 'PATCH' ? 204 : 200).end();
    }, { gathering: 'full' });
    await session.start(stream);
    FakePeerConnection.last.transport.setState('closed');
    await vi.waitFor(() => expect(session.getSnapshot().sessionUrl).toBe(`${server.url}/whip/sessions/s2`));
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('live'));
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
    // Nothing to DELETE: the server ended that session itself.
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /whip', 'POST /whip']);
  });

  it('a transport the server closes before the connection is up is never reported live: a fresh session is', async () => {
    FakePeerConnection.reset({ connectAfterMs: 150 });
    let posts = 0;
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'POST') return created(res, `/whip/sessions/s${++posts}`);
      res.writeHead(200).end();
    }, { gathering: 'full' });
    const starting = session.start(stream);
    await vi.waitFor(() => expect(FakePeerConnection.last?.remoteDescription).not.toBeNull());
    const first = FakePeerConnection.last;
    first.transport.setState('closed');
    await starting;
    expect(session.getSnapshot()).toMatchObject({ status: 'live', sessionUrl: `${server.url}/whip/sessions/s2` });
    expect(first.connectionState).toBe('closed');
    expect(statuses).toEqual(['idle', 'connecting', 'live']);
  });

  it('a server that ends every session soon after it starts cannot keep it reconnecting: fails after maxReconnectAttempts', async () => {
    let posts = 0;
    const { session } = await setup((req, res) => {
      if (req.method === 'POST') return created(res, `/whip/sessions/s${++posts}`);
      res.writeHead(200).end();
    }, { gathering: 'full', maxReconnectAttempts: 2 });
    session.subscribe(() => {
      if (session.getSnapshot().status === 'live') setTimeout(() => FakePeerConnection.last.transport.setState('closed'), 0);
    });
    await session.start(stream);
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('failed'), { timeout: 5000 });
    expect(session.getSnapshot().error).toMatchObject({ kind: 'network', message: expect.stringContaining('ended 2 times') });
    expect(posts).toBe(3);
  });

  it('gives up after maxReconnectAttempts with the last error', async () => {
    let posts = 0;
    const { session } = await setup((req, res) => {
      if (req.method === 'POST' && posts++ === 0) return created(res, '/whip/sessions/s1');
      res.writeHead(503).end();
    }, { gathering: 'full', maxReconnectAttempts: 2 });
    await session.start(stream);
    FakePeerConnection.last.setState('failed');
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('failed'), { timeout: 5000 });
    expect(session.getSnapshot().error).toMatchObject({ kind: 'http', status: 503 });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  it('DELETEs on pagehide', async () => {
    const listeners = new Map<string, () => void>();
    vi.stubGlobal('addEventListener', (type: string, fn: () => void) => listeners.set(type, fn));
    vi.stubGlobal('removeEventListener', (type: string) => listeners.delete(type));
    const { session } = await setup(whipServer);
    await session.start(stream);
    (listeners.get('pagehide') as (event: { persisted: boolean }) => void)({ persisted: false });
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'DELETE')).toBe(true));
    expect(session.getSnapshot().status).toBe('ended');
    expect(listeners.has('pagehide')).toBe(false);
  });

  it('replaces a track without renegotiating and caps the video encoding', async () => {
    const { session } = await setup(whipServer, { maxBitrate: 1_000_000 });
    await session.start(stream);
    const pc = FakePeerConnection.last;
    expect(pc.transceivers[1]!.init.sendEncodings).toEqual([{ maxBitrate: 1_000_000, maxFramerate: undefined }]);
    const screen = track('video');
    await session.replaceTrack(screen as unknown as MediaStreamTrack);
    expect(pc.transceivers[1]!.sender.track).toBe(screen);
    expect((session.getSnapshot().stream as unknown as { tracks: unknown[] }).tracks).toContain(screen);
    await session.setVideoEncoding({ maxBitrate: 500_000, maxFramerate: 15 });
    expect(pc.transceivers[1]!.sender.getParameters().encodings[0]).toEqual({ maxBitrate: 500_000, maxFramerate: 15 });
    expect(pc.calls.filter((c) => c === 'createOffer')).toHaveLength(1);
  });

  it('rejects a stream without tracks with a typed error', async () => {
    const { session } = await setup(whipServer);
    const empty = { getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream;
    await expect(session.start(empty)).rejects.toMatchObject({ kind: 'unsupported' });
    expect(session.getSnapshot()).toMatchObject({ status: 'failed', error: { kind: 'unsupported' } });
  });
  it('a first connection that fails (the server restarting) is tried again', async () => {
    const { session, statuses } = await setup(whipServer);
    const port = Number(new URL(server.url).port);
    await server.close();
    const started = session.start(stream);
    await vi.waitFor(() => expect(session.getSnapshot().error).toMatchObject({ kind: 'network' }));
    server = await scriptedServer(whipServer, port);
    await started;
    expect(session.getSnapshot()).toMatchObject({ status: 'live', error: null });
    expect(statuses).toEqual(['idle', 'connecting', 'live']);
  });

  it('stop() during the POST waits for its answer and DELETEs the session the server made', async () => {
    let answer = () => {};
    const { session } = await setup(async (req, res) => {
      if (req.method === 'POST') await new Promise<void>((resolve) => (answer = resolve));
      whipServer(req, res);
    });
    const started = session.start(stream);
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'POST')).toBe(true));
    await session.stop();
    await expect(started).rejects.toMatchObject({ kind: 'aborted' });
    expect(session.getSnapshot().status).toBe('ended');
    answer();
    await vi.waitFor(() => expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /whip', 'DELETE /whip/sessions/s1']));
  });

  it('retries a DELETE that fails for a reason that may pass, then gives up', async () => {
    let failures = 1;
    const { session } = await setup((req, res) => {
      if (req.method === 'DELETE') return void res.writeHead(failures-- > 0 ? 503 : 200).end();
      whipServer(req, res);
    });
    await session.start(stream);
    await session.stop();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    expect(session.getSnapshot().error).toBeNull();

    failures = Infinity;
    await session.start(stream);
    await session.stop();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(5);
    expect(session.getSnapshot().error).toMatchObject({ kind: 'http', status: 503 });
  }, 15_000);

  it('a 409 while reconnecting (the server still holds the old session) waits Retry-After, DELETEs the old session, POSTs again', async () => {
    let posts = 0;
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'POST' && ++posts === 2) return void res.writeHead(409, { 'Retry-After': '1' }).end();
      if (req.method === 'POST') return created(res, `/whip/sessions/s${posts}`);
      if (req.method === 'PATCH' && req.headers['if-match'] === '*') return void res.writeHead(500).end();
      res.writeHead(req.method === 'PATCH' || req.method === 'OPTIONS' ? 204 : 200).end();
    });
    await session.start(stream);
    FakePeerConnection.last.setState('disconnected');
    await session.restartIce();
    expect(session.getSnapshot()).toMatchObject({ status: 'live', sessionUrl: `${server.url}/whip/sessions/s3` });
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
    expect(server.requests.filter((r) => r.method !== 'PATCH' && r.method !== 'OPTIONS').map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /whip',
      'POST /whip',
      'DELETE /whip/sessions/s1',
      'POST /whip',
    ]);
  });

  it('make-before-break: the old connection back while a fresh session is on its way: that one is DELETEd, the old one kept', async () => {
    let posts = 0;
    let answer = () => {};
    const { session, statuses } = await setup(async (req, res) => {
      if (req.method === 'POST' && ++posts === 2) await new Promise<void>((resolve) => (answer = resolve));
      if (req.method === 'POST') return created(res, `/whip/sessions/s${posts}`);
      if (req.method === 'PATCH' && req.headers['if-match'] === '*') return void res.writeHead(500).end();
      res.writeHead(req.method === 'PATCH' || req.method === 'OPTIONS' ? 204 : 200).end();
    });
    await session.start(stream);
    const old = FakePeerConnection.last;
    old.setState('disconnected');
    const healing = session.restartIce();
    await vi.waitFor(() => expect(posts).toBe(2));
    old.setState('connected');
    await healing;
    expect(session.getSnapshot()).toMatchObject({ status: 'live', sessionUrl: `${server.url}/whip/sessions/s1` });
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
    answer();
    await vi.waitFor(() => expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/whip/sessions/s2']));
    expect(old.connectionState).toBe('connected');
  });

  it('make-before-break: the old connection back just after the new one connected: the new one goes', async () => {
    let posts = 0;
    const { session } = await setup((req, res) => {
      if (req.method === 'POST') return created(res, `/whip/sessions/s${++posts}`);
      if (req.method === 'PATCH' && req.headers['if-match'] === '*') return void res.writeHead(500).end();
      res.writeHead(req.method === 'PATCH' || req.method === 'OPTIONS' ? 204 : 200).end();
    });
    await session.start(stream);
    const old = FakePeerConnection.last;
    old.setState('disconnected');
    const healing = session.restartIce();
    await vi.waitFor(() => expect(FakePeerConnection.instances).toHaveLength(2));
    await vi.waitFor(() => expect(FakePeerConnection.last.connectionState).toBe('connected'));
    old.setState('connected');
    await healing;
    expect(session.getSnapshot()).toMatchObject({ status: 'live', sessionUrl: `${server.url}/whip/sessions/s1` });
    await vi.waitFor(() => expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/whip/sessions/s2']));
  });

  it('before an ICE restart, a probe: a server that was stalled gets its old path back, no restart', async () => {
    let answer = () => {};
    const { session, statuses } = await setup(async (req, res) => {
      if (req.method === 'OPTIONS') await new Promise<void>((resolve) => (answer = resolve));
      whipServer(req, res);
    });
    await session.start(stream);
    const pc = FakePeerConnection.last;
    pc.setState('disconnected');
    const healing = session.restartIce();
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'OPTIONS')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The server answers at last, and the old path comes back right after.
    answer();
    setTimeout(() => pc.setState('connected'), 50);
    await healing;
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
    expect(pc.calls).not.toContain('restartIce');
    expect(server.requests.filter((r) => r.headers['if-match'] === '*')).toHaveLength(0);
  });

  it('a subscriber that throws on reconnecting cannot break healing', async () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'PATCH' && req.headers['if-match'] === '*') {
        return void res.writeHead(200, { 'Content-Type': 'application/trickle-ice-sdpfrag', ETag: '"e2"' }).end('a=ice-ufrag:x\r\na=ice-pwd:y\r\n');
      }
      res.writeHead(req.method === 'POST' ? 201 : 204, req.method === 'POST' ? { Location: '/s', 'Content-Type': 'application/sdp' } : {}).end(req.method === 'POST' ? ANSWER_SDP : undefined);
    });
    session.subscribe(() => {
      if (session.getSnapshot().status === 'reconnecting') throw new Error('app code threw');
    });
    await session.start(stream);
    FakePeerConnection.last.setState('failed');
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('live'));
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
    expect(reportError).toHaveBeenCalledWith(new Error('app code threw'));
  });

  it('starts again after a back/forward-cache restore (pagehide persisted, then pageshow persisted)', async () => {
    const listeners = new Map<string, (event: { persisted: boolean }) => void>();
    vi.stubGlobal('addEventListener', (type: string, fn: (event: { persisted: boolean }) => void) => listeners.set(type, fn));
    vi.stubGlobal('removeEventListener', (type: string) => listeners.delete(type));
    const { session, statuses } = await setup(whipServer);
    await session.start(stream);
    listeners.get('pagehide')!({ persisted: true });
    expect(session.getSnapshot().status).toBe('ended');
    listeners.get('pageshow')!({ persisted: true });
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('live'));
    expect(statuses).toEqual(['idle', 'connecting', 'live', 'ended', 'connecting', 'live']);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('works without AbortSignal.any and AbortSignal.timeout (Safari 16, iOS 16)', async () => {
    vi.stubGlobal('AbortSignal', Object.assign(function AbortSignal() {}, { any: undefined, timeout: undefined }));
    const { session } = await setup(whipServer);
    await session.start(stream);
    expect(session.getSnapshot().status).toBe('live');
  });

  it('reports a platform API this browser lacks as kind unsupported, not network', async () => {
    class NoCodecPreferences extends FakePeerConnection {
      override createOffer = undefined as unknown as FakePeerConnection['createOffer'];
    }
    const { session } = await setup(whipServer, { RTCPeerConnection: NoCodecPreferences as unknown as typeof RTCPeerConnection });
    await expect(session.start(stream)).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringContaining('createOffer') });
  });
  describe('silence from the server: a probe of the session', () => {
    /** A connection whose candidate pair receives bytes until `silence.on`. */
    const silence = { on: false, bytes: 1, readAt: 0 };
    const silentServer = (probe: () => number) => {
      let sessions = 0;
      return ((req, res) => {
        if (req.method === 'POST') return created(res, `/whip/sessions/s${++sessions}`);
        res.writeHead(req.method === 'OPTIONS' ? probe() : req.method === 'PATCH' ? 204 : 200).end();
      }) as Script;
    };
    const methods = () => server.requests.map((r) => `${r.method} ${r.path}`).filter((r) => !r.startsWith('PATCH'));
    beforeEach(() => {
      Object.assign(silence, { on: false, bytes: 1, readAt: 0 });
      const bytesReceived = () => (silence.on ? silence.bytes : ((silence.readAt = Date.now()), ++silence.bytes));
      FakePeerConnection.reset({ stats: () => [{ id: 'p', type: 'candidate-pair', bytesReceived: bytesReceived() }] });
    });

    it('404: the server lost the session — a fresh one at once, nothing to DELETE', async () => {
      const { session, statuses } = await setup(silentServer(() => 404));
      await session.start(stream);
      silence.on = true;
      await vi.waitFor(() => expect(session.getSnapshot().sessionUrl).toBe(`${server.url}/whip/sessions/s2`), { timeout: 5_000 });
      expect(statuses).toEqual(['idle', 'connecting', 'live', 'reconnecting', 'live']);
      expect(methods()).toEqual(['POST /whip', 'OPTIONS /whip/sessions/s1', 'POST /whip']);
    });

    const refusing = (refusals: number) => ({
      fetch: ((url, init) =>
        init?.method === 'OPTIONS' && refusals-- > 0 ? Promise.reject(new TypeError('Failed to fetch')) : fetch(url, init)) as typeof fetch,
    });

    it('refused while the server restarts: probed again fast until the restarted one says 404, then a fresh session', async () => {
      const { session } = await setup(silentServer(() => 404), refusing(3));
      await session.start(stream);
      silence.on = true;
      await vi.waitFor(() => expect(session.getSnapshot().sessionUrl).toBe(`${server.url}/whip/sessions/s2`), { timeout: 5_000 });
      // Three refusals never reached the server.
      expect(methods()).toEqual(['POST /whip', 'OPTIONS /whip/sessions/s1', 'POST /whip']);
    });

    it('refused, then the session answers (this device was offline a moment): it stays', async () => {
      const { session, statuses } = await setup(silentServer(() => 204), refusing(3));
      await session.start(stream);
      silence.on = true;
      await vi.waitFor(() => expect(methods()).toContain('OPTIONS /whip/sessions/s1'), { timeout: 5_000 });
      expect(session.getSnapshot()).toMatchObject({ status: 'live', sessionUrl: `${server.url}/whip/sessions/s1` });
      expect(statuses).toEqual(['idle', 'connecting', 'live']);
      expect(methods()).toEqual(['POST /whip', 'OPTIONS /whip/sessions/s1']);
    });

    it('an answer: the session lives, it stays, and the server is not asked again until the silence lasts twice as long', async () => {
      const { session, statuses } = await setup(silentServer(() => 204));
      await session.start(stream);
      silence.on = true;
      await vi.waitFor(() => expect(methods()).toContain('OPTIONS /whip/sessions/s1'), { timeout: 5_000 });
      // Bytes again (read once), then silence: the next probe waits 1 s of it, not 500 ms.
      const probedAt = Date.now();
      silence.on = false;
      await vi.waitFor(() => expect(silence.readAt).toBeGreaterThan(probedAt), { timeout: 5_000 });
      silence.on = true;
      await vi.waitFor(() => expect(methods().filter((m) => m.startsWith('OPTIONS'))).toHaveLength(2), { timeout: 5_000, interval: 10 });
      expect(Date.now() - silence.readAt).toBeGreaterThanOrEqual(1_000);
      expect(session.getSnapshot()).toMatchObject({ status: 'live', sessionUrl: `${server.url}/whip/sessions/s1` });
      expect(statuses).toEqual(['idle', 'connecting', 'live']);
    });
  });
});
