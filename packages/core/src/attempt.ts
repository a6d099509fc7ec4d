import { backoff, sleep } from './abortable';
import type { OnairError } from './errors';
import { httpError, retryable, type HttpSend } from './httpClient';
import type { Link } from './linkHeader';
import type { Trickler } from './trickle';

/**
 * One try at a session: its connection and everything that belongs to it alone, passed along so
 * that two attempts (the old one and its replacement while healing) can never mix.
 */
export interface Attempt {
  readonly pc: RTCPeerConnection;
  readonly trickler: Trickler;
  /**
   * Aborted when the attempt is given up (the run stopped, the old connection came back first) or
   * retired: what belongs to it (trickle, an event stream, a media watch) stops on its signal.
   */
  readonly controller: AbortController;
  /** An offer not applied yet: POSTed first, set once the 201's ICE servers are in (see `offer`). */
  offer?: RTCSessionDescriptionInit;
  /** The session resource, once a response created one. */
  resource?: { url: string; etag: string | null; cors: boolean };
  links?: Link[];
  /** What a player receives on this connection; shown once the attempt is in use. */
  stream?: MediaStream;
  /** False once the server made the offer: an answerer cannot restart ICE by PATCH. */
  offerer: boolean;
  /** The server closed the DTLS transport: its session is over, there is nothing to DELETE. */
  gone?: boolean;
  /** Media flows (again) on this connection: ends healing that waits for it. */
  up?: () => void;
}

// The old session's server may be restarting: a few tries, then it is the server's to expire.
const DELETE_TRIES = 3;
const DELETE_BASE_MS = 1_000;

/** DELETEs a session URL (keepalive: it must outlive a closing page), retrying what may pass. 404: already gone. */
export async function deleteSession(http: HttpSend, url: string): Promise<void> {
  for (let n = 1; ; n++) {
    let error: OnairError;
    try {
      const response = await http('DELETE', url, { keepalive: true });
      if (response.ok || response.status === 404) return;
      error = await httpError(response, 'DELETE');
    } catch (e) {
      error = e as OnairError;
    }
    if (n >= DELETE_TRIES || !retryable(error)) throw error;
    await sleep(backoff(n, DELETE_BASE_MS, DELETE_BASE_MS * 4));
  }
}
