import {
  OnairError,
  Subscribable,
  getDisplayMedia,
  getUserMedia,
  type WhipSession,
  type WhipSnapshot,
  type WhipStatus,
} from '@onair/core';
import { IDLE_PUBLISHER } from './idleSnapshots';
import { pageDevices, type MediaDeviceList } from './mediaDeviceList';

/** What the React layer needs from a WHIP session: a core WhipSession, or a simulated one in stories and tests. */
export type PublishSession = Pick<
  WhipSession,
  'start' | 'stop' | 'subscribe' | 'getSnapshot' | 'replaceTrack' | 'setVideoEncoding' | 'restartIce' | 'getStats'
>;

export type MediaKind = 'audio' | 'video';
/** The input devices a publisher can switch between. */
export type InputKind = 'audioinput' | 'videoinput';

export interface PublisherSnapshot extends WhipSnapshot {
  /** Kinds switched off with `setMuted` (`track.enabled = false`: the track stays, it sends silence / black). */
  readonly muted: Readonly<Record<MediaKind, boolean>>;
  /** The video is a shared screen, not the camera. */
  readonly screenSharing: boolean;
}

type LocalState = Pick<WhipSnapshot, 'status' | 'error'> | null;

const ACTIVE: ReadonlySet<WhipStatus> = new Set(['connecting', 'live', 'reconnecting']);
const FINISHED: ReadonlySet<WhipStatus> = new Set(['ended', 'failed']);
/** The kind of track a device gives (a speaker's is audio). */
export const mediaKindOf = (device: MediaDeviceKind): MediaKind => (device === 'videoinput' ? 'video' : 'audio');

function asOnairError(error: unknown): OnairError {
  if (error instanceof OnairError) return error;
  return new OnairError('unsupported', `No stream to publish: ${String(error)}`, { cause: error });
}

/**
 * A WHIP session plus the media it publishes: takes the camera and microphone (the devices chosen
 * in `devices`) when not handed a stream, shows `connecting` / `failed` while doing so, switches
 * devices and shares the screen live by `replaceTrack`, mutes by `track.enabled`, and releases the
 * tracks it took once the broadcast stops, ends or fails (no camera light left on) unless a preview
 * keeps them. Tracks it was given stay the caller's. `start` is idempotent.
 */
export class CameraPublisher extends Subscribable<PublisherSnapshot> {
  /** Replaces the session's status/error while media is being acquired, or after acquiring it failed. */
  #local: LocalState = null;
  /** What is published, or previewed before going live. */
  #media: MediaStream | null = null;
  readonly #owned = new Set<MediaStreamTrack>();
  /** While sharing the screen: the camera track to return to (null if there was none). */
  #sharing: { camera: MediaStreamTrack | null } | null = null;
  #muted: Record<MediaKind, boolean> = { audio: false, video: false };
  #starting: AbortController | null = null;
  #opening: Promise<MediaStream | null> | null = null;
  #preview = false;
  #unsubscribe: (() => void) | null = null;

  constructor(
    readonly session: PublishSession,
    readonly devices: MediaDeviceList = pageDevices,
    /** Where media comes from when `start()` gets no stream (its tracks are released when done); default: the chosen camera and microphone. */
    private getStream?: () => Promise<MediaStream>,
  ) {
    super(IDLE_PUBLISHER);
  }

  protected override onObserved(observed: boolean): void {
    this.#unsubscribe?.();
    this.#unsubscribe = observed ? this.session.subscribe(this.#onSessionChange) : null;
    if (observed) this.#sync();
  }

  /** Goes live with `stream` (it stays the caller's), with the previewed stream, or with `getStream`'s. */
  readonly start = async (stream?: MediaStream): Promise<void> => {
    if (this.#starting || ACTIVE.has(this.session.getSnapshot().status)) return;
    const starting = (this.#starting = new AbortController());
    try {
      if (stream && stream !== this.#media) this.#setMedia(stream, false);
      if (!this.#media) {
        this.#setLocal({ status: 'connecting', error: null });
        await this.#open();
      }
      if (starting.signal.aborted) {
        // stop() came first: these tracks were never handed to anyone.
        if (!this.#preview) this.#release();
        return;
      }
      if (!this.#media) return;
      const started = this.session.start(this.#media, { signal: starting.signal });
      // The session is `connecting` now: handing over after start() avoids a flash of `idle`.
      this.#setLocal(null);
      await started;
    } catch (error) {
      if (!this.#preview) this.#release();
      const failure = asOnairError(error);
      // The session shows its own failures; one before it started (no media, an unusable stream) is ours to show.
      if (failure.kind !== 'aborted' && this.session.getSnapshot().status !== 'failed') this.#setLocal({ status: 'failed', error: failure });
    } finally {
      if (this.#starting === starting) this.#starting = null;
    }
  };

  /** Ends the broadcast; does nothing (and keeps a failure on show) when nothing is running. */
  readonly stop = async (): Promise<void> => {
    if (!this.#starting && !ACTIVE.has(this.session.getSnapshot().status)) return;
    this.#starting?.abort();
    this.#starting = null;
    this.#setLocal(null);
    await this.session.stop();
    if (!this.#preview) this.#release();
  };

  /** Another source for the next time media is opened (say, another camera was picked). */
  readonly setGetStream = (getStream: (() => Promise<MediaStream>) | undefined): void => {
    this.getStream = getStream;
  };

  /** Opens the camera and microphone before going live (a preview); `start` then publishes that same stream. */
  readonly openPreview = async (): Promise<void> => {
    this.#preview = true;
    if (this.#media) return;
    try {
      await this.#open();
      if (this.#local?.status === 'failed') this.#setLocal(null);
    } catch (error) {
      this.#setLocal({ status: 'failed', error: asOnairError(error) });
    }
  };

  /** Lets the preview go: its tracks are released unless a broadcast is using them. */
  readonly closePreview = (): void => {
    this.#preview = false;
    if (!this.#starting && !ACTIVE.has(this.session.getSnapshot().status)) this.#release();
  };

  /** Ends everything: the broadcast and the preview (the component using it unmounted). */
  readonly dispose = async (): Promise<void> => {
    this.#preview = false;
    await this.stop();
    this.#release();
  };

  /**
   * Switches to another camera or microphone (live: by `replaceTrack`, no renegotiation) and
   * remembers the choice. Rejects with an OnairError (say, `device-in-use`); the old device stays on.
   */
  readonly switchDevice = async (kind: InputKind, deviceId: string): Promise<void> => {
    this.devices.choose(kind, deviceId);
    const media = mediaKindOf(kind);
    if (!this.#media?.getTracks().some((t) => t.kind === media) && !(media === 'video' && this.#sharing)) return;
    const [track] = (await this.#acquire({ [media]: { deviceId: { exact: deviceId } } })).getTracks();
    if (!track) return;
    if (media === 'video' && this.#sharing) {
      // Sharing the screen: this camera is the one to come back to.
      if (this.#sharing.camera) this.#drop(this.#sharing.camera);
      this.#sharing.camera = track;
      return;
    }
    await this.#replace(track);
  };

  /**
   * Shares a screen in place of the camera (live: by `replaceTrack`). The camera comes back with
   * `stopSharing()` or when the browser's own "Stop sharing" ends the screen track.
   */
  readonly shareScreen = async (): Promise<void> => {
    if (this.#sharing) return;
    const [screen] = (await getDisplayMedia({ video: true })).getVideoTracks();
    if (!screen) return;
    this.#owned.add(screen);
    screen.addEventListener('ended', () => void this.stopSharing(), { once: true });
    this.#sharing = { camera: this.#media?.getVideoTracks()[0] ?? null };
    await this.#replace(screen, false);
  };

  readonly stopSharing = async (): Promise<void> => {
    const sharing = this.#sharing;
    if (!sharing) return;
    this.#sharing = null;
    const camera =
      sharing.camera?.readyState === 'live'
        ? sharing.camera
        : (await this.#acquire({ video: this.#constraint('videoinput') })).getVideoTracks()[0];
    if (camera) await this.#replace(camera);
  };

  /** Mutes or unmutes a kind by `track.enabled`: the connection stays, the viewer gets silence or black. */
  readonly setMuted = (kind: MediaKind, muted: boolean): void => {
    this.#muted = { ...this.#muted, [kind]: muted };
    for (const track of this.#media?.getTracks() ?? []) if (track.kind === kind) track.enabled = !muted;
    this.#sync();
  };

  readonly setVideoEncoding: PublishSession['setVideoEncoding'] = (encoding) => this.session.setVideoEncoding(encoding);
  readonly restartIce = (): Promise<void> => this.session.restartIce();
  readonly getStats = (): Promise<RTCStatsReport | null> => this.session.getStats();

  readonly #onSessionChange = (): void => {
    if (FINISHED.has(this.session.getSnapshot().status) && !this.#preview && !this.#starting) this.#release();
    this.#sync();
  };

  #constraint(kind: InputKind): MediaTrackConstraints | boolean {
    const chosen = this.devices.chosen(kind);
    // `ideal`, not `exact`: a remembered device that is gone falls back to another one.
    return chosen ? { deviceId: { ideal: chosen } } : true;
  }

  /** getUserMedia for the tracks it returns, which are ours to stop. */
  async #acquire(constraints: MediaStreamConstraints): Promise<MediaStream> {
    const stream = await getUserMedia(constraints);
    for (const track of stream.getTracks()) this.#owned.add(track);
    return stream;
  }

  /** Opens media once (concurrent callers share the one getUserMedia). */
  #open(): Promise<MediaStream | null> {
    this.#opening ??= (async () => {
      try {
        const stream = this.getStream
          ? await this.getStream()
          : await this.#acquire({ audio: this.#constraint('audioinput'), video: this.#constraint('videoinput') });
        this.#setMedia(stream, true);
        return stream;
      } finally {
        this.#opening = null;
      }
    })();
    return this.#opening;
  }

  #setMedia(stream: MediaStream, owned: boolean): void {
    // What was open before goes, except tracks the new stream carries on.
    const kept = new Set(stream.getTracks());
    for (const track of this.#owned) if (!kept.has(track)) this.#drop(track);
    this.#sharing = null;
    for (const track of stream.getTracks()) {
      if (owned) this.#owned.add(track);
      track.enabled = !this.#muted[track.kind as MediaKind];
    }
    this.#media = stream;
    this.#sync();
  }

  /** Puts `track` in place of the one of its kind, live too; the old one is stopped if ours (and `drop`). */
  async #replace(track: MediaStreamTrack, drop = true): Promise<void> {
    track.enabled = !this.#muted[track.kind as MediaKind];
    if (ACTIVE.has(this.session.getSnapshot().status)) await this.session.replaceTrack(track);
    const tracks = this.#media?.getTracks() ?? [];
    const old = tracks.find((t) => t.kind === track.kind);
    this.#media = new MediaStream([...tracks.filter((t) => t !== old), track]);
    if (old && drop) this.#drop(old);
    this.#sync();
  }

  #drop(track: MediaStreamTrack): void {
    if (this.#owned.delete(track)) track.stop();
  }

  #release(): void {
    for (const track of this.#owned) track.stop();
    this.#owned.clear();
    this.#sharing = null;
    this.#media = null;
    this.#sync();
  }

  #setLocal(next: LocalState): void {
    this.#local = next;
    this.#sync();
  }

  #sync(): void {
    const session = this.session.getSnapshot();
    this.update({
      ...session,
      ...this.#local,
      stream: this.#media ?? session.stream,
      muted: this.#muted,
      screenSharing: this.#sharing !== null,
    });
  }
}
