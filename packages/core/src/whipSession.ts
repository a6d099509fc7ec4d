import { preferCodecs } from './codecPreferences';
import type { Attempt } from './attempt';
import { OnairError } from './errors';
import { PeerSession, type SessionOptions, type SessionSnapshot } from './peerSession';

export type WhipStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';
export type WhipSnapshot = SessionSnapshot<WhipStatus>;

export interface VideoEncoding {
  /** bits per second */
  maxBitrate?: number;
  maxFramerate?: number;
}

export interface WhipOptions extends SessionOptions, VideoEncoding {}

/** Publishes one MediaStream (≤ 1 audio + ≤ 1 video track) to a WHIP endpoint. */
export class WhipSession extends PeerSession<WhipStatus> {
  #stream: MediaStream | null = null;
  #tracks: MediaStreamTrack[] = [];

  constructor(options: WhipOptions) {
    super({ ...options }, 'live');
  }

  declare protected readonly options: WhipOptions;

  /** Goes live with `stream`; resolves once media flows, rejects with an OnairError. */
  start(stream: MediaStream, options: { signal?: AbortSignal } = {}): Promise<void> {
    const tracks = [stream.getAudioTracks()[0], stream.getVideoTracks()[0]].filter((t) => t !== undefined);
    const { status } = this.getSnapshot();
    // A second start() while running is the same session (StrictMode); keep its stream.
    if (status === 'idle' || status === 'ended' || status === 'failed') {
      this.#stream = stream;
      this.#tracks = tracks;
    }
    return this.begin(options.signal, { stream: this.#stream });
  }

  /** Switches camera, microphone or to a screen without renegotiating (same kind as the track it replaces). */
  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    const sender = this.#sender(track.kind);
    if (!sender && this.current) throw new OnairError('unsupported', `No ${track.kind} track to replace`);
    await sender?.replaceTrack(track);
    this.#tracks = this.#tracks.map((t) => (t.kind === track.kind ? track : t));
    this.update({ stream: new MediaStream(this.#tracks) });
  }

  /** Caps the video encoding now (and for reconnections). */
  async setVideoEncoding(encoding: VideoEncoding): Promise<void> {
    Object.assign(this.options, encoding);
    const sender = this.#sender('video');
    if (!sender) return;
    const parameters = sender.getParameters();
    // Chromium reports no encodings before negotiation completes; nothing to change yet then.
    for (const e of parameters.encodings ?? []) Object.assign(e, encoding);
    await sender.setParameters(parameters);
  }

  #sender(kind: string): RTCRtpSender | undefined {
    return this.current?.pc.getSenders().find((s) => s.track?.kind === kind);
  }

  protected prepare({ pc }: Attempt): void {
    // Thrown here, inside start(), so that the session fails with it like any other start error.
    if (!this.#tracks.length) throw new OnairError('unsupported', 'No track to publish');
    const { maxBitrate, maxFramerate } = this.options;
    for (const track of this.#tracks) {
      const video = track.kind === 'video';
      const encoding = video && (maxBitrate || maxFramerate) ? { sendEncodings: [{ maxBitrate, maxFramerate }] } : {};
      // Never addTrack: Safari would offer sendrecv, which Cloudflare rejects.
      const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [this.#stream!], ...encoding });
      preferCodecs(transceiver, video ? 'video' : 'audio', this.options);
    }
  }
}
