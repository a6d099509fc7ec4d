import type { ServerResponse } from 'node:http';
import { HttpError } from './httpError.js';
import type { InputRelay, RelayEvent } from './relay.js';
import { randomId } from './liveInputStore.js';
import type { WebRtcSession } from './webrtcSession.js';

/** WHEP core extension: server-sent events about the stream a viewer watches. */
export const SSE_EXTENSION = 'urn:ietf:params:whep:ext:core:server-sent-events';
export const SSE_EVENTS = ['active', 'inactive', 'viewercount'] as const;
type SseEvent = (typeof SSE_EVENTS)[number];

/** Keeps the connection through proxies that drop idle streams. */
const KEEPALIVE_MS = 15_000;

export const sseLink = (session: WebRtcSession) => `<${session.path}/sse>; rel="${SSE_EXTENSION}"; events="${SSE_EVENTS.join(',')}"`;

/** Event streams viewers asked for, each tied to its WHEP session (ends with it). */
export class ViewerEvents {
  private readonly subscriptions = new Map<string, { session: WebRtcSession; events: Set<SseEvent> }>();

  /** The POSTed JSON array of event names → the stream's id. Unknown names: 400 (as the extension says). */
  subscribe(session: WebRtcSession, body: unknown): string {
    if (!Array.isArray(body) || body.length === 0 || !body.every((e) => typeof e === 'string')) {
      throw new HttpError(400, 'Body must be a JSON array of event names');
    }
    const unknown = body.filter((e) => !(SSE_EVENTS as readonly string[]).includes(e));
    if (unknown.length > 0) throw new HttpError(400, `Unsupported events: ${unknown.join(', ')} (supported: ${SSE_EVENTS.join(', ')})`);
    const id = randomId();
    this.subscriptions.set(id, { session, events: new Set(body as SseEvent[]) });
    session.onClose(() => this.subscriptions.delete(id));
    return id;
  }

  /** Streams events to `res` until the client goes away or the session ends. */
  stream(id: string, session: WebRtcSession, relay: InputRelay, res: ServerResponse): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription || subscription.session !== session) throw new HttpError(404, 'No such event stream');
    const { events } = subscription;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const write = (event: SseEvent, data: unknown) => {
      if (events.has(event)) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const send = (event: RelayEvent) => {
      if (event.type === 'live') write(event.live ? 'active' : 'inactive', {});
      else write('viewercount', { viewercount: event.count });
    };
    send({ type: 'live', live: relay.live });
    send({ type: 'viewers', count: relay.viewerCount });
    const unsubscribe = relay.subscribe(send);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    const end = () => {
      unsubscribe();
      clearInterval(keepalive);
      res.end();
    };
    res.on('close', end);
    session.onClose(end);
  }
}
