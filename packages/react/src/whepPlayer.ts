import { Subscribable, type WhepSession, type WhepSnapshot } from '@onair/core';
import { IDLE_PLAYER } from './idleSnapshots';

/** What the React layer needs from a WHEP session: a core WhepSession, or a simulated one in stories and tests. */
export type PlaybackSession = Pick<WhepSession, 'start' | 'stop' | 'subscribe' | 'getSnapshot' | 'getStats'> &
  Partial<Pick<WhepSession, 'getReceivers'>>;

export interface PlayerSnapshot extends WhepSnapshot {
  /** The element plays without sound: asked for, or forced by the browser's autoplay policy. */
  readonly muted: boolean;
  /** 0–1. */
  readonly volume: number;
  /** The stream has a track of this kind that receives media (a remote track unmutes on its first packet). */
  readonly hasAudio: boolean;
  readonly hasVideo: boolean;
}

export interface PlayerSettings {
  muted?: boolean;
  volume?: number;
}

const receiving = (tracks: MediaStreamTrack[]) => tracks.some((t) => t.readyState === 'live' && !t.muted);
const STARTABLE: ReadonlySet<string> = new Set(['idle', 'ended', 'failed']);

/**
 * A WHEP session bound to a media element: attaches the stream, keeps `muted` and `volume` (also
 * when native controls change them), falls back to muted playback when the browser blocks sound
 * without a user gesture, and tells whether audio and video actually arrive. The element is driven
 * here, imperatively, so a component showing it never has to re-render.
 */
export class WhepPlayer extends Subscribable<PlayerSnapshot> {
  #element: HTMLMediaElement | null = null;
  #unsubscribe: (() => void) | null = null;
  #observed = false;
  /** Removes the listeners on the current tracks and element. */
  #tracks = new AbortController();
  #elementEvents = new AbortController();
  #sinkId: string | undefined;
  #starting: Promise<void> | null = null;

  constructor(
    readonly session: PlaybackSession,
    { muted = true, volume = 1 }: PlayerSettings = {},
  ) {
    super({ ...IDLE_PLAYER, muted, volume });
  }

  /**
   * Idempotent: a call while the session is starting or running does nothing, so StrictMode's double
   * effects and double clicks make one server session. Failures are in the snapshot, never thrown.
   */
  readonly start = (): Promise<void> => {
    if (!this.#starting && STARTABLE.has(this.session.getSnapshot().status)) {
      this.#starting = this.session
        .start()
        .catch(() => {})
        .finally(() => (this.#starting = null));
    }
    return this.#starting ?? Promise.resolve();
  };
  readonly stop = (): Promise<void> => this.session.stop();
  readonly dispose = this.stop;
  readonly getStats = (): Promise<RTCStatsReport | null> => this.session.getStats();
  /** Where `useStats` reads `latencyMs` (none for a session without receivers). */
  readonly getReceivers = (): readonly RTCRtpReceiver[] => this.session.getReceivers?.() ?? [];

  /** The element that shows the stream (picture-in-picture asks it). */
  get element(): HTMLMediaElement | null {
    return this.#element;
  }

  /** A ref callback for the `<video>` (or `<audio>`) that shows the stream. */
  readonly attach = (element: HTMLMediaElement | null): void => {
    if (element === this.#element) return;
    this.#elementEvents.abort();
    this.#element = element;
    this.#link();
    if (!element) return;
    this.#elementEvents = new AbortController();
    // Native controls (or anything else) changed the sound: the snapshot follows.
    element.addEventListener('volumechange', () => this.update({ muted: element.muted, volume: element.volume }), {
      signal: this.#elementEvents.signal,
    });
    element.muted = this.getSnapshot().muted;
    element.volume = this.getSnapshot().volume;
    this.#applySink();
    this.#show();
  };

  /** Unmuting from a click counts as the user gesture browsers want for sound. */
  readonly setMuted = (muted: boolean): void => {
    this.update({ muted });
    if (!this.#element) return;
    this.#element.muted = muted;
    if (!muted && this.#element.srcObject) this.#play();
  };

  readonly unmute = (): void => this.setMuted(false);

  readonly setVolume = (volume: number): void => {
    this.update({ volume: Math.min(1, Math.max(0, volume)) });
    if (this.#element) this.#element.volume = this.getSnapshot().volume;
  };

  /** Plays through this speaker (`setSinkId`, where the browser has it); undefined: the default one. */
  readonly setSinkId = (sinkId: string | undefined): void => {
    this.#sinkId = sinkId;
    this.#applySink();
  };

  protected override onObserved(observed: boolean): void {
    this.#observed = observed;
    this.#link();
  }

  /** Follows the session while anyone watches the snapshot or an element shows it. */
  #link(): void {
    const linked = this.#observed || this.#element !== null;
    if (linked === (this.#unsubscribe !== null)) return;
    this.#unsubscribe?.();
    this.#unsubscribe = linked ? this.session.subscribe(this.#sync) : null;
    if (linked) this.#sync();
  }

  readonly #sync = (): void => {
    const session = this.session.getSnapshot();
    const streamChanged = session.stream !== this.getSnapshot().stream;
    // Tracks join the stream after it is first shown: listen to whatever it holds now.
    this.#tracks.abort();
    this.#tracks = new AbortController();
    for (const track of session.stream?.getTracks() ?? []) {
      for (const type of ['mute', 'unmute', 'ended']) track.addEventListener(type, this.#sync, { signal: this.#tracks.signal });
    }
    this.update({
      ...session,
      hasAudio: receiving(session.stream?.getAudioTracks() ?? []),
      hasVideo: receiving(session.stream?.getVideoTracks() ?? []),
    });
    if (streamChanged) this.#show();
  };

  #applySink(): void {
    const element = this.#element as (HTMLMediaElement & { setSinkId?(id: string): Promise<void> }) | null;
    // A speaker that is gone keeps the current one.
    if (element?.setSinkId && this.#sinkId !== undefined) void element.setSinkId(this.#sinkId).catch(() => {});
  }

  #show(): void {
    const element = this.#element;
    const { stream } = this.session.getSnapshot();
    if (!element || element.srcObject === stream) return;
    element.srcObject = stream;
    if (stream) this.#play();
  }

  #play(): void {
    const element = this.#element;
    element?.play().catch((error: unknown) => {
      // Sound without a user gesture is refused: play muted and let an Unmute button ask.
      if ((error as Error).name !== 'NotAllowedError' || element.muted) return;
      element.muted = true;
      this.update({ muted: true });
      void element.play().catch(() => {});
    });
  }
}
