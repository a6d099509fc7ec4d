import type { OnairError } from './errors';
import { httpError } from './httpClient';
import { buildSdpFrag, type IceParameters } from './sdpfrag';

export const TRICKLE_TYPE = 'application/trickle-ice-sdpfrag';

// Candidates come in bursts: collect a burst into one PATCH.
const BATCH_MS = 20;

// The server does not do trickle (RFC 9725 §4.3.1): stop without complaint.
const QUIET = [405, 422, 501];

/**
 * Trickle ICE by PATCH: candidates are buffered until the session exists, then sent in batches
 * (one PATCH in flight; whatever arrives meanwhile goes in the next), ending with end-of-candidates.
 */
export class Trickler {
  private queue: RTCIceCandidate[] = [];
  private ended = false;
  private endSent = false;
  private busy = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private ice: IceParameters | null = null;

  constructor(
    private readonly patch: (fragment: string) => Promise<Response>,
    private readonly onError: (error: OnairError) => void,
  ) {}

  /** Feed every `icecandidate` event's candidate here (null = gathering ended). */
  add(candidate: RTCIceCandidate | null): void {
    if (this.stopped) return;
    if (!candidate?.candidate) this.ended = true;
    else this.queue.push(candidate);
    this.schedule();
  }

  /** The offer is about to go out carrying every candidate so far: drop them (and stop if gathering is over). */
  sent(): void {
    this.queue = [];
    if (this.ended) this.stopped = true;
  }

  /** The session exists: start sending, with the first m-section's ICE parameters. */
  begin(ice: IceParameters): void {
    this.ice = ice;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, BATCH_MS);
  }

  private async flush(): Promise<void> {
    const ice = this.ice;
    if (!ice || this.busy || this.stopped) return;
    // First m-line only; with max-bundle the others share its transport.
    const batch = this.queue.filter((c) => c.sdpMid == null || c.sdpMid === ice.mid).map((c) => c.candidate);
    this.queue = [];
    if (!batch.length && (!this.ended || this.endSent)) return;
    this.endSent = this.ended;
    this.busy = true;
    try {
      const response = await this.patch(buildSdpFrag(ice, batch, this.endSent));
      if (!response.ok) {
        this.stopped = true;
        if (!QUIET.includes(response.status)) this.onError(await httpError(response, 'Trickle'));
      }
    } catch (error) {
      this.stopped = true;
      this.onError(error as OnairError);
    } finally {
      this.busy = false;
    }
    if (this.queue.length || (this.ended && !this.endSent)) this.schedule();
  }
}
