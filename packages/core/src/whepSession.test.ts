import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakePeerConnection } from './testing/fakePeerConnection';
import { ANSWER_SDP, created, scriptedServer, type Script } from './testing/scriptedServer';
import { WhepSession, type WhepOptions, type WhepStatus } from './whepSession';

class FakeStream {
  tracks: unknown[] = [];
  addTrack(t: unknown) {
    this.tracks.push(t);
  }
}

let server: Awaited<ReturnType<typeof scriptedServer>>;
let session: WhepSession | null = null;

async function setup(script: Script, options: Partial<WhepOptions> = {}) {
  server = await scriptedServer(script);
  session = new WhepSession({
    url: `${server.url}/in1/webRTC/play`,
    RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection,
    ...options,
  });
  const statuses: WhepStatus[] = [session.getSnapshot().status];
  session.subscribe(() => {
    const { status } = session!.getSnapshot();
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  return { session, statuses };
}

const whepServer: Script = (req, res) => {
  if (req.method === 'POST') return created(res, '/in1/webRTC/play/v1');
  res.writeHead(req.method === 'PATCH' ? 204 : 200).end();
};

// The server's offer in the 406 and server-offer modes.
const SERVER_OFFER = `${ANSWER_SDP}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n`;

beforeEach(() => {
  FakePeerConnection.reset();
  vi.stubGlobal('MediaStream', FakeStream);
});
afterEach(async () => {
  await session?.stop();
  session = null;
  vi.unstubAllGlobals();
  await server?.close();
});

describe('WhepSession', () => {
  it('offers recvonly audio + video, plays, and exposes the remote stream', async () => {
    const { session, statuses } = await setup(whepServer);
    await session.start();
    const pc = FakePeerConnection.last;
    expect(pc.transceivers.map((t) => [t.kind, t.direction])).toEqual([
      ['audio', 'recvonly'],
      ['video', 'recvonly'],
    ]);
    pc.emitTrack('video');
    pc.emitTrack('audio');
    const stream = session.getSnapshot().stream as unknown as FakeStream;
    expect(stream.tracks).toEqual([{ kind: 'video' }, { kind: 'audio' }]);
    expect(session.getSnapshot()).toMatchObject({ status: 'playing', sessionUrl: `${server.url}/in1/webRTC/play/v1` });
    expect(statuses).toEqual(['idle', 'connecting', 'playing']);
    await session.stop();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /in1/webRTC/play', 'DELETE /in1/webRTC/play/v1']);
  });

  it('is playing only once media arrives, not on a bare connection', async () => {
    FakePeerConnection.reset({ mutedRemote: true });
    const { session, statuses } = await setup(whepServer);
    let started = false;
    const playing = session.start().then(() => (started = true));
    await vi.waitFor(() => expect(FakePeerConnection.last?.connectionState).toBe('connected'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started).toBe(false);
    expect(session.getSnapshot().status).toBe('connecting');
    FakePeerConnection.last.unmuteRemote();
    await playing;
    expect(statuses).toEqual(['idle', 'connecting', 'playing']);
  });

  it('receives only what is asked for', async () => {
    const { session } = await setup(whepServer, { video: false });
    await session.start();
    expect(FakePeerConnection.last.transceivers.map((t) => t.kind)).toEqual(['audio']);
  });

  it('waits while the creator is not live (409 + Retry-After, then 404) and plays once it is', async () => {
    let posts = 0;
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'POST' && ++posts === 1) return void res.writeHead(409, { 'Retry-After': '0' }).end();
      if (req.method === 'POST' && posts === 2) return void res.writeHead(404).end();
      whepServer(req, res);
    });
    await session.start();
    expect(statuses).toEqual(['idle', 'connecting', 'waiting', 'connecting', 'playing']);
    expect(FakePeerConnection.instances).toHaveLength(1);
    const bodies = server.requests.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(bodies.every((b) => b.startsWith('v=0'))).toBe(true);
  });

  it('answers a WHEP-03 406 counter-offer and PATCHes the answer to Location', async () => {
    const { session } = await setup((req, res) => {
      if (req.method === 'POST') {
        return void res.writeHead(406, { 'Content-Type': 'application/sdp', Location: 'v9' }).end(SERVER_OFFER);
      }
      whepServer(req, res);
    });
    await session.start();
    const pc = FakePeerConnection.last;
    // The offer was POSTed before being set (the server's ICE servers unknown yet): nothing to roll back.
    expect(pc.calls).toEqual(['createOffer', 'setRemoteDescription:offer', 'createAnswer', 'setLocalDescription:answer']);
    const patch = server.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/in1/webRTC/v9');
    expect(patch.headers['content-type']).toBe('application/sdp');
    expect(patch.headers['if-match']).toBeUndefined();
    expect(patch.body).toMatch(/^v=0[\s\S]*a=recvonly/);
    expect(pc.transceivers.filter((t) => t.mid !== null).every((t) => t.direction === 'recvonly')).toBe(true);
    // Preferences made for our own offer would refuse what the server can send.
    expect(pc.transceivers.filter((t) => t.mid !== null).map((t) => t.codecs)).toEqual([[], []]);
    expect(session.getSnapshot().status).toBe('playing');
  });

  it('legacy server-offer mode: empty POST accepting SDP, 201 offer, answer PATCHed', async () => {
    const { session } = await setup((req, res) => {
      if (req.method === 'POST') return created(res, '/in1/webRTC/play/v2', { 'Content-Type': 'application/sdp' }, SERVER_OFFER);
      whepServer(req, res);
    }, { mode: 'server-offer' });
    await session.start();
    const post = server.requests[0]!;
    expect(post.body).toBe('');
    expect(post.headers.accept).toBe('application/sdp');
    // No body at all: fetch would label even '' text/plain, which servers refuse (415).
    expect(post.headers['content-type']).toBeUndefined();
    expect(server.requests[1]).toMatchObject({ method: 'PATCH', path: '/in1/webRTC/play/v2', headers: { 'content-type': 'application/sdp' } });
    expect(FakePeerConnection.last.calls).not.toContain('createOffer');
    expect(session.getSnapshot().status).toBe('playing');
  });

  it('server-offer mode: a DTLS transport the server closes starts a fresh session at once', async () => {
    let posts = 0;
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'POST') return created(res, `/in1/webRTC/play/v${++posts}`, { 'Content-Type': 'application/sdp' }, SERVER_OFFER);
      whepServer(req, res);
    }, { mode: 'server-offer' });
    await session.start();
    // The transceivers of the server's offer carry the transport, not the ones added before it.
    FakePeerConnection.last.transport.setState('closed');
    await vi.waitFor(() => expect(session.getSnapshot().sessionUrl).toBe(`${server.url}/in1/webRTC/play/v2`));
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('playing'));
    expect(statuses).toEqual(['idle', 'connecting', 'playing', 'reconnecting', 'playing']);
  });

  it('re-subscribes when video stops advancing: DELETE, fresh POST, waiting while the creator is away', async () => {
    let frames = 0;
    let posts = 0;
    FakePeerConnection.reset({ stats: () => [{ id: 'v', type: 'inbound-rtp', kind: 'video', framesDecoded: frames }] });
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'POST' && ++posts === 2) return void res.writeHead(409, { 'Retry-After': '0' }).end();
      if (req.method === 'POST') return created(res, `/in1/webRTC/play/v${posts}`);
      res.writeHead(200).end();
    }, { frozenVideoMs: 1_000 });
    await session.start();
    // frozenVideoMs well above the 50 ms ticks: a loaded machine's timer hiccup is not a freeze.
    const advancing = setInterval(() => frames++, 50);
    await new Promise((r) => setTimeout(r, 700));
    expect(session.getSnapshot().status).toBe('playing');
    clearInterval(advancing);
    await vi.waitFor(() => expect(session.getSnapshot().sessionUrl).toBe(`${server.url}/in1/webRTC/play/v3`), { timeout: 5000 });
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('playing'));
    expect(statuses).toEqual(['idle', 'connecting', 'playing', 'reconnecting', 'waiting', 'connecting', 'playing']);
    // Make-before-break: the old session goes once the new one plays (its DELETE follows that).
    await vi.waitFor(() =>
      expect(server.requests.filter((r) => r.method !== 'PATCH').map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /in1/webRTC/play',
        'POST /in1/webRTC/play',
        'POST /in1/webRTC/play',
        'DELETE /in1/webRTC/play/v1',
      ]),
    );
  });

  it('frozen video with audio still flowing re-subscribes: audio alone is not the video coming back', async () => {
    let frames = 0;
    let packets = 0;
    let posts = 0;
    let frozenFrom = Infinity;
    // The first connection's video freezes; the audio (packets) keeps coming on it.
    FakePeerConnection.reset({
      stats: (pc) => [{ id: 'v', type: 'inbound-rtp', kind: 'video', framesDecoded: pc.id === FakePeerConnection.instances[0]!.id ? Math.min(frames, frozenFrom) : frames, packetsReceived: packets }],
    });
    const { session, statuses } = await setup((req, res) => {
      if (req.method === 'POST') return created(res, `/in1/webRTC/play/v${++posts}`);
      res.writeHead(req.method === 'PATCH' ? 204 : 200).end();
    }, { frozenVideoMs: 1_000 });
    const media = setInterval(() => {
      packets++;
      frames++;
    }, 20);
    await session.start();
    frozenFrom = frames + 10;
    await vi.waitFor(() => expect(session.getSnapshot().sessionUrl).toBe(`${server.url}/in1/webRTC/play/v2`), { timeout: 5000 });
    clearInterval(media);
    expect(statuses).toEqual(['idle', 'connecting', 'playing', 'reconnecting', 'playing']);
  });

  it('does not re-subscribe while no video frame ever came (audio-only creator)', async () => {
    FakePeerConnection.reset({ stats: () => [{ id: 'v', type: 'inbound-rtp', kind: 'video', framesDecoded: 0 }] });
    const { session } = await setup(whepServer, { frozenVideoMs: 200 });
    await session.start();
    await new Promise((r) => setTimeout(r, 700));
    expect(session.getSnapshot().status).toBe('playing');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('fails on other statuses with the problem details', async () => {
    const { session } = await setup((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/problem+json' }).end('{"title":"Bad offer"}');
    });
    await expect(session.start()).rejects.toMatchObject({ kind: 'http', status: 400, problem: { title: 'Bad offer' } });
    expect(session.getSnapshot().status).toBe('failed');
  });

  it('stop() while waiting ends quietly', async () => {
    const { session } = await setup((_req, res) => void res.writeHead(409, { 'Retry-After': '5' }).end());
    const started = session.start();
    await vi.waitFor(() => expect(session.getSnapshot().status).toBe('waiting'));
    await session.stop();
    await expect(started).rejects.toMatchObject({ kind: 'aborted' });
    expect(session.getSnapshot().status).toBe('ended');
    expect(server.requests).toHaveLength(1);
  });
  it("notFound: 'fail' fails a 404 with kind not-found at once; the default waits", async () => {
    const { session } = await setup((_req, res) => void res.writeHead(404).end(), { notFound: 'fail' });
    await expect(session.start()).rejects.toMatchObject({ kind: 'not-found', status: 404 });
    expect(session.getSnapshot()).toMatchObject({ status: 'failed', error: { kind: 'not-found' } });
    expect(server.requests).toHaveLength(1);
  });

  describe('the server-sent events extension', () => {
    const EVENTS = '</in1/webRTC/play/events>; rel="urn:ietf:params:whep:ext:core:server-sent-events"; events="active,inactive,viewercount"';
    const SESSION_EVENTS = '</in1/webRTC/play/v1/sse>; rel="urn:ietf:params:whep:ext:core:server-sent-events"';

    class FakeEventSource extends EventTarget {
      static instances: FakeEventSource[] = [];
      closed = false;
      onerror: (() => void) | null = null;
      constructor(readonly url: URL) {
        super();
        FakeEventSource.instances.push(this);
      }
      emit(event: string, data: object = {}) {
        this.dispatchEvent(new MessageEvent(event, { data: JSON.stringify(data) }));
      }
      close() {
        this.closed = true;
      }
    }
    const source = (path: string) => FakeEventSource.instances.find((s) => s.url.pathname === path)!;

    let packets = 0;
    beforeEach(() => {
      FakeEventSource.instances = [];
      vi.stubGlobal('EventSource', FakeEventSource);
      packets = 0;
      FakePeerConnection.reset({ stats: () => [{ id: 'v', type: 'inbound-rtp', kind: 'video', framesDecoded: packets, packetsReceived: packets }] });
    });

    const eventsServer =
      (live: () => boolean): Script =>
      (req, res) => {
        if (req.method === 'POST' && req.path.endsWith('/sse')) return void res.writeHead(201, { Location: 'sse/s1' }).end();
        if (req.method === 'POST' && req.path.endsWith('/events')) return void res.writeHead(201, { Location: 'events/e1' }).end();
        if (req.method === 'POST' && !live()) return void res.writeHead(409, { 'Retry-After': '0', Link: EVENTS }).end();
        if (req.method === 'POST') return created(res, '/in1/webRTC/play/v1', { Link: SESSION_EVENTS });
        res.writeHead(req.method === 'PATCH' ? 204 : 200).end();
      };

    it('End stream: waiting with streamEnded at once, same session, playing again when media flows; the viewer count', async () => {
      const { session, statuses } = await setup(eventsServer(() => true));
      const flowing = setInterval(() => packets++, 20);
      await session.start();
      await vi.waitFor(() => expect(source('/in1/webRTC/play/v1/sse/s1')).toBeDefined());
      const events = source('/in1/webRTC/play/v1/sse/s1');
      // The subscription asks for the events it reads.
      expect(JSON.parse(server.requests.find((r) => r.path.endsWith('/sse'))!.body)).toEqual(['active', 'inactive', 'viewercount']);
      events.emit('viewercount', { viewercount: 3 });
      expect(session.getSnapshot().viewerCount).toBe(3);
      events.emit('inactive');
      expect(session.getSnapshot()).toMatchObject({ status: 'waiting', streamEnded: true });
      // The last frames in flight still decode after the event: the stream has ended all the same.
      await new Promise((r) => setTimeout(r, 300));
      clearInterval(flowing);
      expect(session.getSnapshot()).toMatchObject({ status: 'waiting', streamEnded: true });
      // Frozen video while the creator is away is no reason to re-subscribe.
      await new Promise((r) => setTimeout(r, 500));
      events.emit('active');
      const resumed = setInterval(() => packets++, 20);
      await vi.waitFor(() => expect(session.getSnapshot().status).toBe('playing'));
      clearInterval(resumed);
      expect(session.getSnapshot()).toMatchObject({ streamEnded: false, sessionUrl: `${server.url}/in1/webRTC/play/v1` });
      expect(statuses).toEqual(['idle', 'connecting', 'playing', 'waiting', 'playing']);
      expect(server.requests.filter((r) => r.method === 'POST' && !r.path.endsWith('/sse'))).toHaveLength(1);
      await session.stop();
      expect(events.closed).toBe(true);
    });

    it('a 409 linking the events: waits for `active` instead of POSTing again', async () => {
      let live = false;
      const { session, statuses } = await setup(eventsServer(() => live));
      const flowing = setInterval(() => packets++, 20);
      const playing = session.start();
      await vi.waitFor(() => expect(source('/in1/webRTC/play/events/e1')).toBeDefined());
      const waiting = source('/in1/webRTC/play/events/e1');
      waiting.emit('inactive');
      waiting.emit('viewercount', { viewercount: 0 });
      await new Promise((r) => setTimeout(r, 300));
      expect(server.requests.filter((r) => r.path === '/in1/webRTC/play')).toHaveLength(1);
      expect(session.getSnapshot()).toMatchObject({ status: 'waiting', streamEnded: false, viewerCount: 0 });
      live = true;
      waiting.emit('active');
      await playing;
      clearInterval(flowing);
      expect(waiting.closed).toBe(true);
      expect(statuses).toEqual(['idle', 'connecting', 'waiting', 'connecting', 'playing']);
    });

    it('a broken event stream falls back to polling', async () => {
      let live = false;
      const { session } = await setup(eventsServer(() => live));
      const flowing = setInterval(() => packets++, 20);
      const playing = session.start();
      await vi.waitFor(() => expect(source('/in1/webRTC/play/events/e1')).toBeDefined());
      source('/in1/webRTC/play/events/e1').onerror!();
      await vi.waitFor(() => expect(server.requests.filter((r) => r.path === '/in1/webRTC/play').length).toBeGreaterThan(2));
      live = true;
      await playing;
      clearInterval(flowing);
    });
  });
});
