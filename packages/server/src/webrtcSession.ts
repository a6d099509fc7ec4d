import type { RTCDtlsTransport, RTCPeerConnection, RTCSessionDescription } from 'werift';
import { acceptBundleOnly } from './bundleOnly.js';
import { offerAesCmSrtp, skipStunFallback } from './peerConnection.js';
import { sendCloseNotify } from './closeNotify.js';
import { HttpError } from './httpError.js';
import { randomId } from './liveInputStore.js';
import { withoutOrphanRtx } from './rtx.js';
import type { SdpFragment } from './sdpfrag.js';
import { applyIceRestart, buildSdpFragment } from './sdpfrag.js';
import type { SessionKind } from './sdpOffer.js';
import { mediaSections, offeredDtlsSetup } from './sdpOffer.js';
import { SessionTiming } from './sessionTiming.js';

/** A peer that has not connected by then never will (ICE/DTLS take well under a second here). */
export const CONNECT_TIMEOUT_MS = 30_000;

/** Negotiation (with candidate gathering) takes milliseconds; past this the peer is stuck. */
export const NEGOTIATION_TIMEOUT_MS = 10_000;

const newEtag = () => `"${randomId()}"`;

const endedError = () => new HttpError(409, 'This session ended while it was being negotiated (a newer offer replaced it, or its live input was deleted)');

/** Rejects with 503 when a werift negotiation step hangs, so no request waits forever. */
async function bounded<T>(step: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpError(503, `${what} timed out; try again`, undefined, { 'Retry-After': '1' })), NEGOTIATION_TIMEOUT_MS);
  });
  try {
    return await Promise.race([step, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One WHIP or WHEP session resource: the werift peer behind a `Location` URL. It closes itself
 * when the peer fails, closes, or never connects, so a client that vanishes leaks nothing.
 */
export class WebRtcSession {
  readonly id = randomId();
  readonly path: string;
  /** Handshake stages for `ONAIR_DEBUG=timing`. */
  readonly timing: SessionTiming;
  etag = newEtag();
  private remoteOffer: string | null = null;
  /** Shapes the answer after each offer is applied: the first, and the ones ICE restarts re-apply. */
  private prepareAnswer: () => void = () => {};
  private closing: Promise<void> | null = null;
  private connectTimer: NodeJS.Timeout | null;
  private readonly closeListeners = new Set<() => void>();
  /**
   * The transports of our own offer: werift makes one per m-line and, once the answer bundles
   * them, forgets all but the first, whose sockets then outlive `pc.close()`.
   */
  private offeredTransports: RTCDtlsTransport[] = [];
  /** Rejects once the session is closed, so a negotiation step in flight (werift may never settle on a closed peer) ends. */
  private readonly ended: Promise<never>;

  constructor(
    readonly kind: SessionKind,
    readonly inputUid: string,
    readonly pc: RTCPeerConnection,
    /** The endpoint path; the session resource (the `Location`) is `${endpointPath}/${id}`. */
    endpointPath: string,
  ) {
    this.path = `${endpointPath}/${this.id}`;
    this.timing = new SessionTiming(`${kind} ${this.id}`);
    this.ended = new Promise<never>((_, reject) => this.onClose(() => reject(endedError())));
    this.ended.catch(() => undefined);
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected' && this.connectTimer) {
        clearTimeout(this.connectTimer);
        this.connectTimer = null;
      }
      if (state === 'failed' || state === 'closed') void this.close();
    });
    this.connectTimer = setTimeout(() => void this.close(), CONNECT_TIMEOUT_MS);
    this.connectTimer.unref();
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  /**
   * Client-offer mode: applies the offer, lets `prepare` shape the answer (werift negotiates anew
   * on every offer applied, so it runs again on ICE restarts), returns the answer with all candidates.
   */
  async answer(offer: string, prepare: () => void = () => {}): Promise<string> {
    offer = this.negotiable(offer);
    await this.step(
      this.pc.setRemoteDescription({ type: 'offer', sdp: offer }).catch((error: Error) => {
        // validateOffer checks the codecs of active sections only, but werift also negotiates the
        // disabled (port 0) ones: a valid offer, still one we cannot serve (RFC 9725 §4.4).
        if (error.message.startsWith('negotiate codecs failed')) {
          throw new HttpError(422, 'SDP offer rejected: a media section (possibly a disabled one) has no codec this server relays');
        }
        throw new HttpError(400, `SDP offer rejected: ${error.message}`);
      }),
      'Applying the offer',
    );
    this.timing.mark('offer applied');
    // werift answers a setup:active offer with setup:active too, and DTLS never connects: take the
    // DTLS server role so the answer says passive (RFC 9725 §4.4.4).
    if (mediaSections(offer, 'offer').some((section) => offeredDtlsSetup(section, offer) === 'active')) {
      for (const transport of this.pc.dtlsTransports) transport.role = 'server';
    }
    this.prepareAnswer = prepare;
    prepare();
    await this.step(this.pc.createAnswer().then((answer) => this.setLocal(answer)), 'Creating the answer');
    this.timing.mark('answer set (candidates gathered)');
    this.remoteOffer = offer;
    this.watchDtls();
    return this.pc.localDescription!.sdp;
  }

  /** Server-offer mode: our offer, with all candidates. */
  async offer(): Promise<string> {
    await this.step(this.pc.createOffer().then((offer) => this.setLocal(offer)), 'Creating the offer');
    this.timing.mark('offer set (candidates gathered)');
    this.offeredTransports = this.pc.dtlsTransports;
    this.watchDtls();
    return this.pc.localDescription!.sdp;
  }

  /** Server-offer mode: the client's answer. */
  async acceptAnswer(answer: string): Promise<void> {
    if (this.pc.signalingState !== 'have-local-offer') throw new HttpError(409, 'This session is not waiting for an SDP answer');
    mediaSections(answer, 'answer');
    await this.step(
      this.pc.setRemoteDescription({ type: 'answer', sdp: this.negotiable(answer) }).catch((error: Error) => {
        throw new HttpError(400, `SDP answer rejected: ${error.message}`);
      }),
      'Applying the answer',
    );
  }

  /** Trickled remote candidates. Unusable ones are dropped silently (RFC 9725 §4.3.2). */
  async addCandidates(fragment: SdpFragment): Promise<void> {
    const mid = this.pc.getTransceivers()[0]?.mid ?? '0';
    for (const { candidate, sdpMid } of fragment.candidates) {
      await this.pc.addIceCandidate({ candidate, sdpMid: sdpMid ?? mid }).catch(() => undefined);
    }
  }

  /** ICE restart by fragment (RFC 9725 §4.3.3): returns our new fragment; the ETag changes. */
  async restartIce(fragment: SdpFragment): Promise<string> {
    if (!this.remoteOffer) throw new HttpError(422, 'ICE restart is only supported for sessions created from a client offer');
    if (!fragment.ufrag || !fragment.pwd) throw new HttpError(400, 'ICE restart fragment needs a=ice-ufrag and a=ice-pwd');
    const offer = applyIceRestart(this.remoteOffer, fragment);
    try {
      await this.step(
        this.pc
          .setRemoteDescription({ type: 'offer', sdp: offer })
          .then(() => this.prepareAnswer())
          .then(() => this.pc.createAnswer())
          .then((answer) => this.setLocal(answer)),
        'ICE restart',
      );
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, `ICE restart failed: ${(error as Error).message}`);
    }
    // werift does not start connectivity checks again by itself after a restart.
    for (const transport of this.pc.iceTransports) {
      if (transport.state === 'new') void transport.start().catch(() => undefined);
    }
    this.remoteOffer = offer;
    this.etag = newEtag();
    return buildSdpFragment(this.pc.localDescription!.sdp);
  }

  /**
   * The remote description as werift can take it: bundle-only sections as the BUNDLE members they
   * are (bundleOnly.ts), no rtx repairing codecs it drops (rtx.ts).
   */
  private negotiable(sdp: string): string {
    return withoutOrphanRtx(acceptBundleOnly(sdp), this.pc.config.codecs.video ?? []);
  }

  /**
   * One werift negotiation step, bounded in time and ended by the session closing (a newer creator
   * replaced it, its input was deleted): the request then gets a clear 409 instead of werift's
   * errors on a closed peer, or no answer at all.
   */
  private async step<T>(work: Promise<T>, what: string): Promise<T> {
    try {
      return await Promise.race([bounded(work, what), this.ended]);
    } catch (error) {
      if (this.closed) throw endedError();
      throw error;
    }
  }

  private setLocal(description: RTCSessionDescription) {
    skipStunFallback(this.pc);
    if (this.kind === 'whep') offerAesCmSrtp(this.pc);
    return this.pc.setLocalDescription(description);
  }

  /**
   * A peer that closes its connection sends a DTLS close_notify: end the session at once instead
   * of waiting ~30 s for ICE consent to expire.
   */
  private watchDtls(): void {
    this.timing.watch(this.pc);
    for (const transport of this.pc.dtlsTransports) {
      transport.onStateChange.subscribe((state) => {
        if (state === 'closed' || state === 'failed') void this.close();
      });
    }
  }

  /** Ends the session: peer closed, listeners told once. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.connectTimer) clearTimeout(this.connectTimer);
      this.connectTimer = null;
      for (const listener of this.closeListeners) listener();
      this.closeListeners.clear();
      await sendCloseNotify(this.pc);
      await this.pc.close().catch(() => undefined);
      await Promise.allSettled(this.offeredTransports.map((transport) => transport.stop()));
    })();
    return this.closing;
  }
}
