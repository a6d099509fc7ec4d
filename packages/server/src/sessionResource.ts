import { HttpError } from './httpError.js';
import { mediaType, readBody, MAX_SDP_BYTES } from './requestBody.js';
import type { RequestContext } from './router.js';
import { parseSdpFragment } from './sdpfrag.js';
import type { SessionKind } from './sdpOffer.js';
import type { ServerContext } from './serverContext.js';
import type { WebRtcSession } from './webrtcSession.js';

const ACCEPT_PATCH = 'application/trickle-ice-sdpfrag';

function findSession(server: ServerContext, kind: SessionKind, { url, params }: RequestContext): WebRtcSession {
  const session = server.registry.get(params.session!, kind);
  // The id is the capability; the rest of the path must still be the one we handed out.
  if (!session || session.path !== url.pathname) throw new HttpError(404, 'No such session (it ended or never existed)');
  return session;
}

/** `DELETE` on a session URL ends it (RFC 9725 §4.2). ETags are ignored here on purpose (§4.3.1). */
export function deleteSession(server: ServerContext, kind: SessionKind) {
  return async (ctx: RequestContext) => {
    await findSession(server, kind, ctx).close();
    ctx.res.writeHead(200).end();
  };
}

/**
 * `If-Match` is `*` or a list of entity-tags; PATCH compares strongly, so weak (`W/`) tags never
 * match (RFC 9110 §13.1.1, §8.8.3.2). Commas may sit inside a tag's quotes: split by tags, not commas.
 */
export function ifMatchAllows(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return [...header.matchAll(/(W\/)?("[^"]*")/g)].some(([, weak, tag]) => !weak && tag === etag);
}

/**
 * `PATCH` on a session URL: trickle candidates (204), ICE restart (200 + sdpfrag + new ETag), or —
 * for server-offer WHEP sessions — the client's SDP answer (204).
 */
export function patchSession(server: ServerContext, kind: SessionKind) {
  return async (ctx: RequestContext) => {
    const { req, res } = ctx;
    const session = findSession(server, kind, ctx);
    const type = mediaType(req);
    if (type === 'application/sdp' && kind === 'whep') {
      await session.acceptAnswer(await readBody(req, MAX_SDP_BYTES));
      res.writeHead(204).end();
      return;
    }
    if (type !== ACCEPT_PATCH) throw new HttpError(415, `Content-Type must be ${ACCEPT_PATCH}`, undefined, { 'Accept-Patch': ACCEPT_PATCH });

    const ifMatch = req.headers['if-match'];
    if (!ifMatch) throw new HttpError(428, 'PATCH needs If-Match with the session ETag (or "*" for an ICE restart)');
    if (!ifMatchAllows(ifMatch, session.etag)) throw new HttpError(412, 'If-Match does not match the session ETag');

    const fragment = parseSdpFragment(await readBody(req, MAX_SDP_BYTES));
    if (!fragment) throw new HttpError(400, 'Body is not a trickle-ice-sdpfrag');
    const remoteUfrag = /a=ice-ufrag:(\S+)/.exec(session.pc.remoteDescription?.sdp ?? '')?.[1];
    if (fragment.ufrag && remoteUfrag && fragment.ufrag !== remoteUfrag) {
      const answer = await session.restartIce(fragment);
      res.writeHead(200, { 'Content-Type': ACCEPT_PATCH, ETag: session.etag, 'Content-Length': Buffer.byteLength(answer) });
      res.end(answer);
      return;
    }
    await session.addCandidates(fragment);
    res.writeHead(204).end();
  };
}
