import { backoff, childController, noop, sleep } from './abortable';
import type { Attempt } from './attempt';
import { withCaptureTime } from './captureTime';
import { preferCodecs } from './codecPreferences';
import { OnairError } from './errors';
import { httpError } from './httpClient';
import { parseLinkHeader, type Link } from './linkHeader';
import { parseRetryAfter } from './retryAfter';
import { PeerSession, type SessionOptions, type SessionSnapshot } from './peerSession';
import { parseIce } from './sdpfrag';
import { subscribeEvents } from './whepEvents';

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
  /**
   * A 404 (no such live input): 'wait' for it like for a creator not live yet (default: Cloudflare's
   * answer before a creator is live is undocumented), or 'fail' with kind 'not-found'.
   */
  notFound?: 'wait' | 'fail';
}

// Waiting for a creator to go live: poll at most this often / this rarely without a Retry-After.
const WAIT_BASE_MS = 1_000;
const WAIT_CAP_MS = 5_000;
// With the events extension the creator's `active` ends the wait; POST again anyway after this long.
const EVENTS_WAIT_MS = 30_000;
const FROZEN_VIDEO_MS = 4_000;

/** Plays a WHEP endpoint; `waiting` until the creator is live, re-subscribing on its own. */
export class WhepSession extends PeerSession<WhepStatus, WhepExtras> {
  constructor(options: WhepOptions) {
    super({ ...options }, 'playing', true, { viewerCount: null, streamEnded: false });
  }

  declare protected readonly options: WhepOptions;

  /** Starts playback; resolves once media flows (after any `waiting`), rejects with an OnairError. */
  start(options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.begin(options.signal);
  }

  /** `streamEnded` holds only while waiting. */
  protected override transition(status: WhepStatus, patch: Partial<WhepSnapshot> = {}): void {
    super.transition(status, { ...patch, streamEnded: status === 'waiting' && (patch.streamEnded ?? this.getSnapshot().streamEnded) });
  }

  protected prepare(attempt: Attempt): void {
    const { pc } = attempt;
    for (const kind of ['audio', 'video'] as const) {
      if (this.options[kind] === false) continue;
      preferCodecs(withCaptureTime(pc.addTransceiver(kind, { direction: 'recvonly' })), kind, this.options);
    }
    pc.addEventListener('track', ({ track }) => {
      // One stream of our own: servers' msids vary (none, or one per track).
      (attempt.stream ??= new MediaStream()).addTrack(track);
      // At once, unless another connection still plays: then when this one takes over.
      if ((this.current ?? attempt) === attempt) this.update({ stream: attempt.stream });
    });
  }

  protected override async negotiate(attempt: Attempt): Promise<void> {
    const { url, mode, notFound } = this.options;
    const serverOffer = mode === 'server-offer';
    // No body at all: a string body, even '', gets `Content-Type: text/plain` (415 from servers).
    const post = () => (serverOffer ? this.http('POST', url, { headers: { Accept: 'application/sdp' } }) : this.post(attempt));
    let response = await (serverOffer ? post() : this.offer(attempt));
    let wake = noop;
    // True while the events extension tells when the creator goes live (until `waited` aborts).
    let events: boolean | undefined;
    const waited = childController(attempt.controller.signal);
    // 409 (WHEP-03 §4.2.8) or 404: nothing published yet. Wait for the creator to go live.
    for (let n = 0; response.status === 409 || response.status === 404; n++) {
      if (response.status === 404 && notFound === 'fail') {
        throw new OnairError('not-found', 'No live input at this URL', { status: 404 });
      }
      this.transition('waiting');
      // Where the 409 links the events extension (@onair/server), the creator's `active` ends the
      // wait: no red 409 in the console every few seconds.
      events ??=
        await this.#events(parseLinkHeader(response.headers.get('link'), response.url || url), null, waited.signal, (event) => {
          // `active`, or the stream broke (then polling takes over).
          if (event === 'error') events = false;
          wake();
        });
      const delay = events ? EVENTS_WAIT_MS : (parseRetryAfter(response.headers.get('retry-after')) ?? backoff(n, WAIT_BASE_MS, WAIT_CAP_MS));
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), sleep(delay, attempt.controller.signal)]);
      response = await post();
    }
    waited.abort();
    if (this.getSnapshot().status === 'waiting') this.transition('connecting');
    const counterOffer = response.status === 406 && /sdp/.test(response.headers.get('content-type') ?? '');
    if (response.status !== 201 && !counterOffer) throw await httpError(response, 'POST');
    const sdp = await this.accept(attempt, response);
    if (!serverOffer && !counterOffer) return this.answer(attempt, sdp);
    await this.#answerServerOffer(attempt, sdp);
  }

  /** The server offers (406 counter-offer or server-offer mode): answer recvonly and PATCH the answer. */
  async #answerServerOffer(attempt: Attempt, offer: string): Promise<void> {
    const { pc } = attempt;
    attempt.offerer = false;
    if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    for (const t of pc.getTransceivers()) {
      if (t.mid === null) continue;
      t.direction = 'recvonly';
      // The server offers what it can send: preferences made for our own offer would only refuse it.
      t.setCodecPreferences?.([]);
    }
    await this.describe(pc, await pc.createAnswer(), attempt.controller.signal);
    const answer = pc.localDescription?.sdp ?? '';
    attempt.trickler.sent();
    const response = await this.patch(attempt, answer, 'application/sdp', null);
    if (!response.ok) throw await httpError(response, 'PATCH answer');
    attempt.trickler.begin(parseIce(answer));
  }

  /**
   * Follows the events extension where `links` offer it: the viewer count (whichever session tells
   * it: a new one may still be connecting), `inactive` from the session in use while playing (the
   * creator ended the stream), other events (`active`, `error`) to `wake`.
   */
  #events(links: readonly Link[], attempt: Attempt | null, signal: AbortSignal, wake: (event: string) => void = noop) {
    return subscribeEvents(this.http, links, signal, (event, data) => {
      const ours = attempt !== null && attempt === this.current;
      if (event === 'viewercount') this.update({ viewerCount: data.viewercount });
      else if (event === 'inactive') {
        if (ours && this.getSnapshot().status === 'playing') this.transition('waiting', { streamEnded: true });
      } else {
        // The creator is back: media on this connection may end the wait again.
        if (event === 'active' && ours && this.getSnapshot().streamEnded) this.update({ streamEnded: false });
        wake(event);
      }
    });
  }

  /**
   * Follows what arrives on `attempt` and what the server says about the stream: frozen video
   * re-subscribes, media ends a wait or a heal, the creator's `inactive` means waiting for them,
   * a broken event stream (the server's process died?) probes the session at once.
   */
  protected override follow(attempt: Attempt): void {
    const { pc, controller } = attempt;
    const frozenMs = this.options.video === false ? 0 : (this.options.frozenVideoMs ?? FROZEN_VIDEO_MS);
    let [frames, packets, since, following] = [0, 0, Date.now(), false];
    super.follow(attempt, (nowFrames, nowPackets) => {
      // The events once connected: nothing extra on the way to the first frame.
      if (!following && pc.connectionState === 'connected') {
        following = true;
        void this.#events(attempt.links!, attempt, controller.signal, (event) => event === 'error' && void this.probe(attempt));
      }
      // Video frames decoded, or packets where no frame ever was (audio only): what frozen video lacks.
      const flowing = nowFrames > frames || (!nowFrames && nowPackets > packets);
      // Only after a first frame: an audio-only creator must not cause endless re-subscribing.
      if (nowFrames !== frames || !nowFrames || pc.connectionState !== 'connected') since = Date.now();
      [frames, packets] = [nowFrames, nowPackets];
      if (flowing) attempt.up?.();
      if (attempt !== this.current) return;
      const { status } = this.getSnapshot();
      // Not the last frames still decoding after the creator's `inactive`: only their `active` ends that wait.
      if (status === 'waiting' && flowing && !this.getSnapshot().streamEnded) this.transition('playing');
      else if (status === 'playing' && frozenMs && Date.now() - since >= frozenMs) void this.heal(false);
    });
  }
}
