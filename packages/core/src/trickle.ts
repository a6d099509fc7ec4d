import type { OnairError } from './errors';
import { httpError } from './httpClient';
import { buildSdpFrag, type IceParameters } from './sdpfrag';

export const TRICKLE_TYPE = 'application/trickle-ice-sdpfrag';

// Candidates come in bursts: collect a burst into one PATCH.
const BATCH_MS = 20;

// The server does not do trickle (RFC 9725 §4.3.1): stop without complaint.
const QUIET = [405, 422, 501];

export interface Trickler {
  /** Feed every `icecandidate` event's candidate here (null = gathering ended). */
  add(candidate: RTCIceCandidate | null): void;
  /** The offer is about to go out carrying every candidate so far: drop them (and stop if gathering is over). */
  sent(): void;
  /** The session exists: start sending, with the first m-section's ICE parameters. */
  begin(ice: IceParameters): void;
  stop(): void;
}

/**
 * Trickle ICE by PATCH: candidates are buffered until the session exists, then sent in batches
 * (one PATCH in flight; whatever arrives meanwhile goes in the next), ending with end-of-candidates.
 * A closure rather than a class: its state minifies to one-letter names.
 */
export function createTrickler(patch: (fragment: string) => Promise<Response>, onError: (error: OnairError) => void): Trickler {
  let queue: RTCIceCandidate[] = [];
  let ended = false;
  let endSent = false;
  let busy = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ice: IceParameters | null = null;

  const schedule = () => {
    timer ??= setTimeout(flush, BATCH_MS);
  };

  const flush = async () => {
    timer = undefined;
    if (!ice || busy || stopped) return;
    const { mid } = ice;
    // First m-line only; with max-bundle the others share its transport.
    const batch = queue.filter((c) => c.sdpMid == null || c.sdpMid === mid).map((c) => c.candidate);
    queue = [];
    if (!batch.length && (!ended || endSent)) return;
    endSent = ended;
    busy = true;
    try {
      const response = await patch(buildSdpFrag(ice, batch, endSent));
      if (!response.ok) {
        stopped = true;
        if (!QUIET.includes(response.status)) onError(await httpError(response, 'Trickle'));
      }
    } catch (error) {
      stopped = true;
      onError(error as OnairError);
    }
    busy = false;
    if (queue.length || (ended && !endSent)) schedule();
  };

  return {
    add(candidate) {
      if (stopped) return;
      if (!candidate?.candidate) ended = true;
      else queue.push(candidate);
      schedule();
    },
    sent() {
      queue = [];
      if (ended) stopped = true;
    },
    begin(parameters) {
      ice = parameters;
      schedule();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
