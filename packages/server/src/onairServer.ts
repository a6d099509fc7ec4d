import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { iceServerLinks } from './iceServerLinks.js';
import { addInputStatusRoutes } from './inputStatusRoutes.js';
import { addLiveInputsApi } from './liveInputsApi.js';
import { LiveInputStore } from './liveInputStore.js';
import type { OverloadLimits } from './overloadGuard.js';
import { OverloadGuard } from './overloadGuard.js';
import type { InputRelay } from './relay.js';
import type { WebhookOptions } from './webhookNotifier.js';
import { liveInputWebhook, WebhookNotifier } from './webhookNotifier.js';
import type { RateLimit } from './rateLimiter.js';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rateLimiter.js';
import { createRequestHandler } from './requestHandler.js';
import { Router } from './router.js';
import type { ServerContext } from './serverContext.js';
import { SessionRegistry } from './sessionRegistry.js';
import { ViewerEvents } from './viewerEvents.js';
import { addWebRtcRoutes } from './webrtcRoutes.js';

export interface OnairServerOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set, other account ids get a 404 envelope error; when unset any id is accepted. */
  accountId?: string;
  /** When set, API calls need `Authorization: Bearer <apiToken>`. */
  apiToken?: string;
  /** SQLite file path, or ':memory:' (default). */
  db?: string;
  /** STUN/TURN URLs advertised as `Link rel="ice-server"`; `url|username|credential` for TURN. */
  iceServers?: string[];
  /** Base of the WHIP/WHEP URLs handed out, when clients reach the server through another address. */
  publicUrl?: string;
  /** Where `live_input.connected` / `live_input.disconnected` events are POSTed (Cloudflare's body), with retries. */
  webhook?: WebhookOptions;
  /**
   * Replay the creator's packets since its last keyframe (when fresh) to joining viewers, so they
   * start without waiting for a requested keyframe. Default true.
   */
  keyframeCache?: boolean;
  /**
   * New WHIP/WHEP sessions get 503 + Retry-After beyond `maxSessions` open sessions or while the
   * event loop lags more than `maxEventLoopLagMs`. Default: no limit.
   */
  overload?: OverloadLimits;
  /** Per-IP limit on POST/PATCH/DELETE; `false` disables it. */
  rateLimit?: RateLimit | false;
  /** Where internal errors are reported (default: stderr). */
  log?: (message: string) => void;
}

export interface OnairServer {
  /** http://HOST:PORT */
  url: string;
  port: number;
  /** The configured account id, or 'local'. */
  accountId: string;
  /** Ends every session, closes sockets and the database. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** Throws unless `publicUrl` is absent or an absolute http(s) URL: every URL handed out starts with it. */
export function checkPublicUrl(publicUrl: string | undefined): void {
  if (publicUrl !== undefined && !/^https?:$/.test(URL.parse(publicUrl)?.protocol ?? '')) {
    throw new TypeError(`public URL must be an absolute http(s) URL, e.g. https://live.example.com/onair (got "${publicUrl}")`);
  }
}

export async function startOnairServer(options: OnairServerOptions = {}): Promise<OnairServer> {
  const host = options.host ?? DEFAULT_HOST;
  const log = options.log ?? ((message: string) => console.error(message));
  const store = new LiveInputStore(options.db ?? ':memory:');
  const webhooks = options.webhook ? new WebhookNotifier(options.webhook) : null;
  const followCreator = (relay: InputRelay) =>
    relay.subscribe((event) => {
      if (event.type !== 'live') return;
      const input = store.byUid(relay.uid);
      if (!input) return;
      store.setStatus(relay.uid, event.live ? 'connected' : 'client_disconnect');
      const name = typeof input.meta.name === 'string' ? input.meta.name : input.uid;
      webhooks?.send(liveInputWebhook(input.uid, name, event.live ? 'live_input.connected' : 'live_input.disconnected'));
    });
  checkPublicUrl(options.publicUrl);
  let baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const registry = new SessionRegistry(followCreator, { keyframeCache: options.keyframeCache ?? true, log });
  const overload = new OverloadGuard(options.overload ?? {}, () => registry.size);
  const context: ServerContext = {
    store,
    registry,
    baseUrl: () => baseUrl,
    accountId: options.accountId ?? null,
    apiToken: options.apiToken,
    iceServerLinks: iceServerLinks(options.iceServers ?? []),
    viewerEvents: new ViewerEvents(),
    overload,
  };
  const router = new Router();
  addLiveInputsApi(router, context);
  addInputStatusRoutes(router, context);
  addWebRtcRoutes(router, context);
  const limiter = options.rateLimit === false ? null : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const handler = createRequestHandler(router, limiter, log);

  const httpServer = createServer((req, res) => void handler(req, res));
  // Node routes CONNECT away from the request handler and would just drop the socket: answer it.
  httpServer.on('connect', (_req, socket) => socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? DEFAULT_PORT, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  baseUrl ||= url;

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    accountId: options.accountId ?? 'local',
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeAllConnections();
        overload.close();
        await context.registry.closeAll();
        webhooks?.close();
        await stopped;
        store.close();
      })()),
  };
}
