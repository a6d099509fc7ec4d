import type { OnairError, WhipSnapshot } from '@onair/core';

interface SimulatedSnapshot<Status extends string> {
  readonly status: Status;
  readonly error: OnairError | null;
  readonly sessionUrl: string | null;
  readonly stream: MediaStream | null;
  readonly links: WhipSnapshot['links'];
  readonly viewerCount: number | null;
  readonly streamEnded: boolean;
}

export interface SimulatedScript<Status extends string> {
  /** Where the session starts (default: idle). */
  initial?: Partial<SimulatedSnapshot<Status>> & { status: Status };
  /** What `start()` goes through, one step every `stepMs`; a last step with an `error` makes `start()` reject. */
  onStart?: Array<Partial<SimulatedSnapshot<Status>> & { status: Status }>;
  stepMs?: number;
}

const SIMULATED_SESSION_URL = 'https://simulated.invalid/session/1';

/**
 * A session with the shape of @onair/core's WhipSession / WhepSession that plays a script instead of
 * talking to a server: stories and unit tests render every state through it. It counts its starts and
 * stops, and `set()` moves it to any state from the outside.
 */
export class SimulatedSession<Status extends string> {
  starts = 0;
  stops = 0;
  private snapshot: SimulatedSnapshot<Status>;
  private readonly listeners = new Set<() => void>();
  private readonly onStart: NonNullable<SimulatedScript<Status>['onStart']>;
  private readonly stepMs: number;

  constructor({ initial, onStart = [], stepMs = 50 }: SimulatedScript<Status> = {}) {
    this.snapshot = Object.freeze({
      status: 'idle' as Status,
      error: null,
      sessionUrl: null,
      stream: null,
      links: [],
      viewerCount: null,
      streamEnded: false,
      ...initial,
    });
    this.onStart = onStart;
    this.stepMs = stepMs;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SimulatedSnapshot<Status> => this.snapshot;

  readonly start = async (): Promise<void> => {
    this.starts += 1;
    for (const step of this.onStart) {
      this.set({ sessionUrl: SIMULATED_SESSION_URL, ...step });
      if (step.error) throw step.error;
      await new Promise((resolve) => setTimeout(resolve, this.stepMs));
    }
  };

  readonly stop = async (): Promise<void> => {
    if (this.snapshot.status === 'idle' || this.snapshot.status === 'ended') return;
    this.stops += 1;
    this.set({ status: 'ended' as Status, error: null, sessionUrl: null, stream: null });
  };

  set(patch: Partial<SimulatedSnapshot<Status>>): void {
    this.snapshot = Object.freeze({ ...this.snapshot, ...patch });
    for (const listener of [...this.listeners]) listener();
  }
}
