// The fan-out bench's baseline: a plain werift relay, what a werift user writes first. One creator
// per input; each of its RTP packets is serialized once and handed to every viewer's sender
// (werift's sendRtp parses it into a copy of its own); nothing else: no keyframe requests, cache,
// pacing or overload handling. It answers the few routes the bench uses, at @onair/server's paths,
// and exports startOnairServer so the bench starts it like ours (BENCH_SERVER_MODULE).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RTCPeerConnection, RTCRtpSender } from 'werift';
import { createPeerConnection, skipStunFallback } from '../../packages/server/src/peerConnection.ts';

type Kind = 'audio' | 'video';

interface Input {
  publisher: RTCPeerConnection | null;
  viewers: Set<Partial<Record<Kind, RTCRtpSender>>>;
  packetsIn: number;
}

async function answer(pc: RTCPeerConnection, offer: string, prepare: () => void = () => {}): Promise<string> {
  await pc.setRemoteDescription({ type: 'offer', sdp: offer });
  prepare();
  skipStunFallback(pc);
  await pc.setLocalDescription(await pc.createAnswer());
  return pc.localDescription!.sdp;
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

export async function startOnairServer(options: { port?: number; host?: string }) {
  const inputs = new Map<string, Input>();
  const sessions = new Map<string, RTCPeerConnection>();
  let url = '';

  const created = (res: ServerResponse, pc: RTCPeerConnection, path: string, sdp: string) => {
    const id = randomUUID();
    sessions.set(id, pc);
    res.writeHead(201, { 'Content-Type': 'application/sdp', Location: `${path}/${id}` }).end(sdp);
  };

  const publish = async (input: Input, offer: string, res: ServerResponse, path: string) => {
    const pc = createPeerConnection();
    input.publisher = pc;
    pc.onTrack.subscribe((track) => {
      const kind = track.kind as Kind;
      track.onReceiveRtp.subscribe((rtp) => {
        input.packetsIn++;
        const bytes = rtp.serialize();
        for (const viewer of input.viewers) void viewer[kind]?.sendRtp(bytes).catch(() => undefined);
      });
    });
    created(res, pc, path, await answer(pc, offer));
  };

  const play = async (input: Input, offer: string, res: ServerResponse, path: string) => {
    const pc = createPeerConnection();
    const senders: Partial<Record<Kind, RTCRtpSender>> = {};
    const sdp = await answer(pc, offer, () => {
      for (const transceiver of pc.getTransceivers()) {
        transceiver.setDirection('sendonly');
        senders[transceiver.kind as Kind] = transceiver.sender;
      }
    });
    input.viewers.add(senders);
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'closed' || state === 'failed') input.viewers.delete(senders);
    });
    created(res, pc, path, sdp);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Browsers (the glass-to-glass bench) call it from another origin, as any WHIP/WHEP page would.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Location');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'POST, DELETE', 'Access-Control-Allow-Headers': 'Content-Type, Authorization' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const parts = path.split('/').filter(Boolean);
    if (req.method === 'POST' && parts.at(-1) === 'live_inputs') {
      const uid = randomUUID().replaceAll('-', '');
      inputs.set(uid, { publisher: null, viewers: new Set(), packetsIn: 0 });
      const result = { uid, webRTC: { url: `${url}/${uid}/webRTC/publish` }, webRTCPlayback: { url: `${url}/${uid}/webRTC/play` } };
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ success: true, result }));
      return;
    }
    if (req.method === 'GET' && parts[0] === '_onair' && parts.at(-1) === 'stats') {
      const input = inputs.get(parts[2] ?? '');
      res.writeHead(input ? 200 : 404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ packetsIn: input?.packetsIn ?? 0, packetsLost: 0 }));
      return;
    }
    const input = inputs.get(parts[0] ?? '');
    const endpoint = `/${parts.slice(0, 3).join('/')}`;
    if (input && req.method === 'POST' && parts[2] === 'publish') return publish(input, await body(req), res, endpoint);
    if (input && req.method === 'POST' && parts[2] === 'play') return play(input, await body(req), res, endpoint);
    const session = req.method === 'DELETE' ? sessions.get(parts[3] ?? '') : undefined;
    if (session) {
      sessions.delete(parts[3]!);
      await session.close();
      res.writeHead(200).end();
      return;
    }
    res.writeHead(404).end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    accountId: 'local',
    async close() {
      server.closeAllConnections();
      await Promise.all([...sessions.values()].map((pc) => pc.close()));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
