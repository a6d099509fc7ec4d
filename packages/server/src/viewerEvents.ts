import type { ServerResponse } from 'node:http';
import { HttpError } from './httpError.js';
import type { InputRelay, RelayEvent } from './relay.js';
import { randomId } from './liveInputStore.js';
import type { ServerContext } from './serverContext.js';
import { publicPath } from './sessionResponse.js';
import type { WebRtcSession } from './webrtcSession.js';

/** WHEP core extension: server-sent events about the stream a viewer watches. */
export const SSE_EXTENSION = 'urn:ietf:params:whep:ext:core:server-sent-events';
export const SSE_EVENTS = ['active', 'inactive', 'viewercount'] as const;
type SseEvent = (typeof SSE_EVENTS)[number];

/** Keeps the connection through proxies that drop idle streams. */
const KEEPALIVE_MS = 15_000;

/** The extension's `Link` for a session, under the public URL's path like `Location`. */
export const sseLink = (server: ServerContext, session: WebRtcSession) => eventsLink(server, `${session.path}/sse`);

/**
 * The same for a live input whose creator is not live yet (on the 409): a player follows it to
 * learn when to POST again instead of polling.
 */
export const inputEventsLink = (server: ServerContext, uid: string) => eventsLink(server, inputEventsPath(uid));

export const inputEventsPath = (uid: string) => `/${uid}/webRTC/play/events`;

const eventsLink = (server: ServerContext, path: string) =>
  `<${publicPath(server, path)}>; rel="${SSE_EXTENSION}"; events="${SSE_EVENTS.join(',')}"`;

/** An input-level subscription nobody streams is dropped after this long (nothing else ends it). */
const UNUSED_SUBSCRIPTION_MS = 30_000;

/** A WHEP session (the subscription ends with it), or the uid of a live input (it ends with its stream). */
type Owner = WebRtcSession | string;

interface Subscription {
  owner: Owner;
  events: Set<SseEvent>;
  /** Ends each response currently streaming this subscription. */
  ends: Set<() => void>;
  streamed: boolean;
}

/** Event streams viewers asked for, each tied to its WHEP session or, before a session, to its input. */
export class ViewerEvents {
  private readonly subscriptions = new Map<string, Subscription>();

  /** The POSTed body → the stream's id. */
  subscribe(owner: Owner, body: string): string {
    const id = randomId();
    const subscription: Subscription = { owner, events: new Set(requestedEvents(body)), ends: new Set(), streamed: false };
    this.subscriptions.set(id, subscription);
    if (typeof owner !== 'string') owner.onClose(() => this.subscriptions.delete(id));
    else {
      setTimeout(() => {
        if (!subscription.streamed) this.subscriptions.delete(id);
      }, UNUSED_SUBSCRIPTION_MS).unref();
    }
    return id;
  }

  /** Streams events to `res` until the client goes away, the stream is deleted or the session ends. */
  stream(id: string, owner: Owner, relay: InputRelay, res: ServerResponse): void {
    const subscription = this.find(id, owner);
    const { events, ends } = subscription;
    subscription.streamed = true;
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
      ends.delete(end);
      unsubscribe();
      clearInterval(keepalive);
      res.end();
      // An input's subscription serves one stream: the player follows a session's events next.
      if (typeof owner === 'string') this.subscriptions.delete(id);
    };
    ends.add(end);
    res.on('close', end);
    if (typeof owner !== 'string') owner.onClose(end);
  }

  /** `DELETE` of the stream URL: ends its open responses; later requests get 404. */
  delete(id: string, owner: Owner): void {
    const { ends } = this.find(id, owner);
    this.subscriptions.delete(id);
    for (const end of ends) end();
  }

  private find(id: string, owner: Owner): Subscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription || subscription.owner !== owner) throw new HttpError(404, 'No such event stream');
    return subscription;
  }
}

/**
 * The extension's body is optional: none, or an empty array, asks for every event. Unknown
 * names: 400 (as the extension says).
 */
function requestedEvents(body: string): readonly SseEvent[] {
  if (body.trim() === '') return SSE_EVENTS;
  let names: unknown;
  try {
    names = JSON.parse(body);
  } catch {
    names = null;
  }
  if (!Array.isArray(names) || !names.every((e) => typeof e === 'string')) throw new HttpError(400, 'Body must be a JSON array of event names');
  const unknown = names.filter((e) => !(SSE_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0) throw new HttpError(400, `Unsupported events: ${unknown.join(', ')} (supported: ${SSE_EVENTS.join(', ')})`);
  return names.length === 0 ? SSE_EVENTS : (names as SseEvent[]);
}
