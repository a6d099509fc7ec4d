import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './httpError.js';
import { MAX_JSON_BYTES, readBody } from './requestBody.js';
import type { RequestContext, Router } from './router.js';
import type { SessionKind } from './sdpOffer.js';
import type { ServerContext } from './serverContext.js';
import { deleteSession, patchSession } from './sessionResource.js';
import { publicPath } from './sessionResponse.js';
import { inputEventsPath } from './viewerEvents.js';
import { whepPlay } from './whepEndpoint.js';
import { whipPublish } from './whipEndpoint.js';

const ENDPOINTS: Record<SessionKind, string> = {
  whip: '/:secret/webRTC/publish',
  whep: '/:uid/webRTC/play',
};

/** WHIP ingest and WHEP playback endpoints and their session resources. */
export function addWebRtcRoutes(router: Router, server: ServerContext): void {
  router
    .add('POST', ENDPOINTS.whip, whipPublish(server))
    .add('DELETE', ENDPOINTS.whip, stopCreator(server))
    .add('POST', ENDPOINTS.whep, whepPlay(server));
  for (const kind of ['whip', 'whep'] as const) {
    const endpoint = ENDPOINTS[kind];
    const session = `${endpoint}/:session`;
    router
      .add('OPTIONS', endpoint, options(server, { 'Accept-Post': 'application/sdp' }))
      .add('GET', endpoint, noContent)
      .add('OPTIONS', session, options(server, { 'Accept-Patch': 'application/trickle-ice-sdpfrag' }, kind))
      .add('GET', session, noContent)
      .add('PATCH', session, patchSession(server, kind))
      .add('DELETE', session, deleteSession(server, kind));
  }
  addViewerEventRoutes(router, server);
}

/**
 * The WHEP server-sent-events extension: subscribe (POST, optionally a JSON array), GET the stream,
 * DELETE it. Per session, and per input for players waiting for the creator (the 409 links it).
 */
function addViewerEventRoutes(router: Router, server: ServerContext): void {
  const whepSession = (params: Record<string, string>) => {
    const session = server.registry.get(params.session!, 'whep');
    if (!session || session.inputUid !== params.uid) throw new HttpError(404, 'No such session (it ended or never existed)');
    return session;
  };
  const liveInput = (params: Record<string, string>) => {
    const input = server.store.byUid(params.uid!);
    if (!input) throw new HttpError(404, 'No live input with this id');
    return input.uid;
  };
  for (const [path, owner] of [
    [`${ENDPOINTS.whep}/:session/sse`, whepSession],
    [inputEventsPath(':uid'), liveInput],
  ] as const) {
    router
      .add('POST', path, async ({ req, res, params }) => {
        const found = owner(params);
        // Raw text: readJson reads no body as `{}`, and only no body means "every event".
        const id = server.viewerEvents.subscribe(found, await readBody(req, MAX_JSON_BYTES));
        res.writeHead(201, { Location: publicPath(server, `${url(params, path)}/${id}`) }).end();
      })
      .add('GET', `${path}/:stream`, ({ res, params }) => {
        const found = owner(params);
        server.viewerEvents.stream(params.stream!, found, server.registry.relay(params.uid!), res);
      })
      .add('DELETE', `${path}/:stream`, ({ res, params }) => {
        server.viewerEvents.delete(params.stream!, owner(params));
        res.writeHead(200).end();
      });
  }
}

/** `pattern` with its `:name` segments filled from `params`. */
const url = (params: Record<string, string>, pattern: string) => pattern.replace(/:(\w+)/g, (_, name: string) => params[name]!);

/**
 * `DELETE` on the publish URL itself ends the creator's session: Cloudflare's example WHIPClient
 * stops that way instead of deleting its session URL.
 */
function stopCreator(server: ServerContext) {
  return async ({ res, params }: RequestContext) => {
    const input = server.store.bySecret(params.secret!);
    const session = input ? server.registry.existingRelay(input.uid)?.publisherSession : null;
    if (!session) throw new HttpError(404, 'No creator session at this URL');
    await session.close();
    res.writeHead(200).end();
  };
}

const isPreflight = (req: IncomingMessage) => req.headers['access-control-request-method'] !== undefined;

/**
 * CORS preflight, or a plain OPTIONS asking what the endpoint takes. ICE servers only on the
 * latter: a preflight cannot be authenticated (RFC 9725 §4.6). A plain OPTIONS on a session we do
 * not have is 404: clients probe their session with it (after a restart of this server, theirs is
 * gone); a preflight always passes, so the probe itself gets that answer.
 */
function options(server: ServerContext, headers: Record<string, string>, kind?: SessionKind) {
  return ({ req, res, params }: RequestContext) => {
    if (!isPreflight(req)) {
      if (kind && !server.registry.get(params.session!, kind)) throw new HttpError(404, 'No such session (it ended or never existed)');
      if (server.iceServerLinks.length > 0) res.setHeader('Link', server.iceServerLinks);
    }
    res.writeHead(204, headers).end();
  };
}

/** GET on endpoints and sessions: 2xx with no content (RFC 9725 §4.1). */
const noContent = ({ res }: { res: ServerResponse }) => {
  res.writeHead(204).end();
};
