import { backoff, sleep } from './abortable';
import { preferCodecs } from './codecPreferences';
import { watchFrozenVideo } from './frozenVideo';
import { httpError } from './httpClient';
import { parseRetryAfter } from './retryAfter';
import { PeerSession, type SessionOptions, type SessionSnapshot } from './peerSession';
import { parseIce } from './sdpfrag';

export type WhepStatus = 'idle' | 'connecting' | 'waiting' | 'playing' | 'reconnecting' | 'ended' | 'failed';
/** What a player knows beyond its connection: from the WHEP server-sent-events extension when the server offers it. */
export interface WhepExtras {
  /** Viewers of this stream as the server counts them (`viewercount` event); null when the server does not say. */
  readonly viewerCount: number | null;
  /**
   * The creator ended the stream this player was playing (as opposed to `reconnecting`: our link broke).
   * Status is `waiting` for it to come back; false again once media plays.
   */
  readonly streamEnded: boolean;
}
export type WhepSnapshot = SessionSnapshot<WhepStatus> & WhepExtras;

export interface WhepOptions extends SessionOptions {
  /** Receive audio. Default true. */
  audio?: boolean;
  /** Receive video. Default true. */
  video?: boolean;
  /**
   * 'client-offer' (default): we POST an offer (201), or answer a WHEP-03 406 counter-offer.
   * 'server-offer': empty POST, the 201 carries the server's offer (Cloudflare, draft-murillo-whep-01).
   */
  mode?: 'client-offer' | 'server-offer';
  /** Re-subscribe when decoded video frames stay flat this long while connected (ms). Default 4 000; 0 = never. */
  frozenVideoMs?: number;
}

// Waiting for a creator to go live: poll at most this often / this rarely without a Retry-After.
const WAIT_BASE_MS = 1_000;
const WAIT_CAP_MS = 5_000;
const FROZEN_VIDEO_MS = 4_000;

/** Plays a WHEP endpoint; `waiting` until the creator is live, re-subscribing on its own. */
export class WhepSession extends PeerSession<WhepStatus, WhepExtras> {
  #unwatch: (() => void) | null = null;

  constructor(options: WhepOptions) {
    super({ ...options }, 'playing', true, { viewerCount: null, streamEnded: false });
  }

  declare protected readonly options: WhepOptions;

  /** Starts playback; resolves once media flows (after any `waiting`), rejects with an OnairError. */
  start(options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.begin(options.signal);
  }

  protected prepare(pc: RTCPeerConnection): void {
    for (const kind of ['audio', 'video'] as const) {
      if (this.options[kind] === false) continue;
      preferCodecs(pc.addTransceiver(kind, { direction: 'recvonly' }), kind, this.options);
    }
    let stream: MediaStream | null = null;
    pc.addEventListener('track', ({ track }) => {
      if (pc !== this.pc) return;
      // One stream of our own: servers' msids vary (none, or one per track).
      if (!stream) this.update({ stream: (stream = new MediaStream()) });
      stream.addTrack(track);
    });
  }

  protected override async negotiate(pc: RTCPeerConnection, signal: AbortSignal): Promise<void> {
    const serverOffer = this.options.mode === 'server-offer';
    const post = () =>
      serverOffer ? this.http('POST', this.options.url, { headers: { Accept: 'application/sdp' }, signal }) : this.post(signal);
    let response = await (serverOffer ? post() : this.offer(pc, signal));
    // 409 (WHEP-03 §4.2.8) or 404: nothing published yet. Poll until the creator is live.
    for (let attempt = 0; response.status === 409 || response.status === 404; attempt++) {
      this.transition('waiting');
      await sleep(parseRetryAfter(response.headers.get('retry-after')) ?? backoff(attempt, WAIT_BASE_MS, WAIT_CAP_MS), signal);
      response = await post();
    }
    if (this.getSnapshot().status === 'waiting') this.transition('connecting');
    const counterOffer = response.status === 406 && /sdp/.test(response.headers.get('content-type') ?? '');
    if (response.status !== 201 && !counterOffer) throw await httpError(response, 'POST');
    const sdp = await this.accept(pc, response);
    if (!serverOffer && !counterOffer) return this.answer(pc, sdp);
    await this.#answerServerOffer(pc, sdp, signal);
  }

  /** The server offers (406 counter-offer or server-offer mode): answer recvonly and PATCH the answer. */
  async #answerServerOffer(pc: RTCPeerConnection, offer: string, signal: AbortSignal): Promise<void> {
    this.offerer = false;
    if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    for (const t of pc.getTransceivers()) if (t.mid !== null) t.direction = 'recvonly';
    await this.describe(pc, () => pc.createAnswer(), signal);
    const answer = pc.localDescription?.sdp ?? '';
    this.trickler?.sent();
    const response = await this.patch(answer, 'application/sdp', signal, null);
    if (!response.ok) throw await httpError(response, 'PATCH answer');
    this.trickler?.begin(parseIce(answer));
  }

  protected override onStatus(status: WhepStatus): void {
    this.#unwatch?.();
    this.#unwatch = null;
    const ms = this.options.frozenVideoMs ?? FROZEN_VIDEO_MS;
    if (status === 'playing' && this.pc && ms > 0 && this.options.video !== false) {
      this.#unwatch = watchFrozenVideo(this.pc, ms, () => void this.heal(false));
    }
  }
}
