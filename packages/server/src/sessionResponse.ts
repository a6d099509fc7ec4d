import type { ServerResponse } from 'node:http';
import type { ServerContext } from './serverContext.js';
import type { WebRtcSession } from './webrtcSession.js';

/**
 * A server path as clients reach it: under the path of the public URL (`--public-url
 * https://host/prefix`, behind a proxy that strips the prefix), like the URLs the API hands out.
 * Without a public URL the base has no path and this stays root-relative.
 */
export function publicPath(server: ServerContext, path: string): string {
  return `${new URL(server.baseUrl()).pathname.replace(/\/+$/, '')}${path}`;
}

/**
 * 201 for a new session (406 for WHEP-03's counter-offer): SDP body, `Location`, strong `ETag`, ICE
 * servers and extensions as `Link`s.
 */
export function sendSessionCreated(
  res: ServerResponse,
  server: ServerContext,
  session: WebRtcSession,
  sdp: string,
  { status = 201, headers = {}, links: extensions = [] }: { status?: 201 | 406; headers?: Record<string, string>; links?: string[] } = {},
): void {
  const links = [...server.iceServerLinks, ...extensions];
  if (links.length > 0) res.setHeader('Link', links);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/sdp',
    Location: publicPath(server, session.path),
    ETag: session.etag,
    'Accept-Patch': 'application/trickle-ice-sdpfrag',
    'Content-Length': Buffer.byteLength(sdp),
  });
  res.end(sdp);
}
