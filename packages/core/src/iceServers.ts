/** What decides the ICE servers a connection gathers with. */
export interface IceServerOptions {
  url: string;
  iceServers?: RTCIceServer[];
  replaceIceServers?: boolean;
}

/**
 * The server's ICE servers (its `Link: rel="ice-server"`) as last seen from each origin, for this
 * page's lifetime only: TURN credentials are often short-lived, so they are never stored.
 */
const fromServers = new Map<string, RTCIceServer[]>();

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    // A relative endpoint URL: it is its own key.
    return url;
  }
}

/**
 * The ICE servers to start gathering with, and whether they are all known: the app's own plus
 * the server's as remembered from its last session, unless `replaceIceServers` keeps only the app's.
 */
export function iceServersFor({ url, iceServers = [], replaceIceServers }: IceServerOptions): [RTCIceServer[], boolean] {
  const remembered = replaceIceServers ? [] : fromServers.get(originOf(url));
  return [[...iceServers, ...(remembered ?? [])], !!remembered];
}

/** Keeps what a session's 201 said (an empty list too: then there is nothing to wait for). */
export function rememberIceServers(url: string, servers: RTCIceServer[]): void {
  fromServers.set(originOf(url), servers);
}
