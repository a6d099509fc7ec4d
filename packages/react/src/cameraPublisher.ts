import { OnairError, getUserMedia, type WhipSession, type WhipSnapshot, type WhipStatus } from '@onair/core';
import { IDLE_WHIP } from './idleSnapshots';

/** What the React layer needs from a WHIP session: a core WhipSession, or a simulated one in stories and tests. */
export type PublishSession = Pick<WhipSession, 'start' | 'stop' | 'subscribe' | 'getSnapshot'>;

const ACTIVE: ReadonlySet<WhipStatus> = new Set(['connecting', 'live', 'reconnecting']);
const FINISHED: ReadonlySet<WhipStatus> = new Set(['ended', 'failed']);

export const cameraAndMicrophone = () => getUserMedia({ video: true, audio: true });

/**
 * A WHIP session that takes the camera and microphone itself when it is not handed a stream, shows
 * `connecting` / `failed` while doing so (the session has not started yet), and releases the tracks it
 * took once the broadcast stops, ends or fails (no camera light left on). Tracks it was given stay the
 * caller's. `start` is idempotent: a call while starting or live does nothing.
 */
export class CameraPublisher {
  private readonly listeners = new Set<() => void>();
  private unsubscribeSession: (() => void) | null = null;
  /** Replaces the session's snapshot while media is being acquired, or after acquiring it failed. */
  private local: WhipSnapshot | null = null;
  private owned: MediaStream | null = null;
  private starting: AbortController | null = null;

  constructor(readonly session: PublishSession) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) this.unsubscribeSession = this.session.subscribe(this.onSessionChange);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unsubscribeSession?.();
      this.unsubscribeSession = null;
    };
  };

  readonly getSnapshot = (): WhipSnapshot => this.local ?? this.session.getSnapshot();

  /** Publishes `media`: a stream (stays the caller's), or a function that gets one (released when done). */
  readonly start = async (media: MediaStream | (() => Promise<MediaStream>) = cameraAndMicrophone): Promise<void> => {
    if (this.starting || ACTIVE.has(this.getSnapshot().status)) return;
    const starting = (this.starting = new AbortController());
    try {
      if (typeof media === 'function') {
        this.setLocal({ ...IDLE_WHIP, status: 'connecting' });
        const acquired = await media();
        // stop() came first: these tracks were never handed to anyone.
        if (starting.signal.aborted) return stopTracks(acquired);
        media = this.owned = acquired;
      }
      const started = this.session.start(media, { signal: starting.signal });
      // The session is `connecting` now: handing over after start() avoids a flash of `idle`.
      this.setLocal(null);
      await started;
    } catch (error) {
      this.release();
      const failure = asOnairError(error);
      // The session shows its own failures; one before it started (no media, an unusable stream) is ours to show.
      if (failure.kind !== 'aborted' && this.session.getSnapshot().status !== 'failed') {
        this.setLocal({ ...IDLE_WHIP, status: 'failed', error: failure });
      }
    } finally {
      if (this.starting === starting) this.starting = null;
    }
  };

  /** Ends the broadcast; does nothing (and keeps a failure on show) when nothing is running. */
  readonly stop = async (): Promise<void> => {
    if (!this.starting && !ACTIVE.has(this.session.getSnapshot().status)) return;
    this.starting?.abort();
    this.starting = null;
    this.setLocal(null);
    await this.session.stop();
    this.release();
  };

  private readonly onSessionChange = (): void => {
    if (FINISHED.has(this.session.getSnapshot().status)) this.release();
    this.emit();
  };

  private setLocal(next: WhipSnapshot | null): void {
    if (this.local === next) return;
    this.local = next && Object.freeze(next);
    this.emit();
  }

  private release(): void {
    if (this.owned) stopTracks(this.owned);
    this.owned = null;
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function asOnairError(error: unknown): OnairError {
  if (error instanceof OnairError) return error;
  return new OnairError('unsupported', `Could not get a stream to publish: ${String(error)}`, { cause: error });
}
