import type { ServerResponse } from 'node:http';
import type { ServerContext } from './serverContext.js';
import type { WebRtcSession } from './webrtcSession.js';

/** 201 for a new session: SDP body, `Location`, strong `ETag`, ICE servers as `Link`s. */
export function sendSessionCreated(
  res: ServerResponse,
  server: ServerContext,
  session: WebRtcSession,
  sdp: string,
  { headers = {}, links: extensions = [] }: { headers?: Record<string, string>; links?: string[] } = {},
): void {
  const links = [...server.iceServerLinks, ...extensions];
  if (links.length > 0) res.setHeader('Link', links);
  res.writeHead(201, {
    ...headers,
    'Content-Type': 'application/sdp',
    Location: session.path,
    ETag: session.etag,
    'Accept-Patch': 'application/trickle-ice-sdpfrag',
    'Content-Length': Buffer.byteLength(sdp),
  });
  res.end(sdp);
}
