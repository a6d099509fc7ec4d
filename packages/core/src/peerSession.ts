import { abortable, aborted, backoff, childController, noop, onAbort, sleep } from './abortable';
import { deleteSession, type Attempt } from './attempt';
import type { CodecPreferences } from './codecPreferences';
import { connected } from './connectionState';
import { OnairError, toOnairError } from './errors';
import { createHttp, httpError, retryable, type HttpSend, type TokenSource } from './httpClient';
import { describeAndGather, type GatheringMode } from './iceGathering';
import { restartIce } from './iceRestart';
import { iceServersFromLinks, parseLinkHeader, type Link } from './linkHeader';
import { watchMedia } from './mediaFlow';
import { parseIce } from './sdpfrag';
import { Subscribable } from './subscribable';
import { createTrickler, TRICKLE_TYPE } from './trickle';

export interface SessionOptions extends CodecPreferences {
  /** The WHIP or WHEP endpoint URL. */
  url: string;
  /** Bearer token (or a function returning one, asked again once after a 401). No header without one. */
  token?: TokenSource;
  /** Your ICE servers, used together with the server's `Link: rel="ice-server"` ones. */
  iceServers?: RTCIceServer[];
  /** Use only `iceServers`, never the server's. Default false. */
  replaceIceServers?: boolean;
  /** Another WebRTC implementation (react-native-webrtc, Node). Default: globalThis.RTCPeerConnection. */
  RTCPeerConnection?: typeof RTCPeerConnection;
  fetch?: typeof fetch;
  /** When to POST relative to ICE gathering. Default 'trickle'. */
  gathering?: GatheringMode;
  /** Timeout of each HTTP request (ms). Default 10 000. */
  timeoutMs?: number;
  /** Time allowed for the media connection to come up (ms). Default 15 000. */
  connectTimeoutMs?: number;
  /** How long `disconnected` may last before an ICE restart (ms). Default 2 000. */
  disconnectedGraceMs?: number;
  /** Fresh sessions tried to start or heal before giving up. Default 8. */
  maxReconnectAttempts?: number;
}

export interface SessionSnapshot<S extends string> {
  readonly status: S;
  readonly error: OnairError | null;
  /** The session (resource) URL from `Location`, resolved; null when there is no session. */
  readonly sessionUrl: string | null;
  readonly stream: MediaStream | null;
  /** `Link` headers of the session's 201 (ice-server ones are applied; extensions are listed here). */
  readonly links: readonly Link[];
}

type CommonStatus = 'idle' | 'connecting' | 'reconnecting' | 'ended' | 'failed';

// 'full' mode and ICE restarts wait for every candidate, but not forever (an unreachable TURN).
const FULL_GATHER_CAP_MS = 5_000;
const CONNECT_TIMEOUT_MS = 15_000;
const DISCONNECTED_GRACE_MS = 2_000;
const MAX_RECONNECT_ATTEMPTS = 8;
const RECONNECT_BASE_MS = 500;
// Also caps a server's Retry-After.
const RECONNECT_CAP_MS = 15_000;
/** Live this long and the reconnect budget is whole again; until then it spans heals. */
const STABLE_LIVE_MS = 10_000;
/**
 * An HTTP probe slower than this means the server (or the network) stalled rather than our path
 * broke; the old path then gets RECOVER_MS to come back by itself before ICE is restarted.
 */
const STALLED_MS = 250;
const RECOVER_MS = 1_000;
/** A replacement connection takes over only if the old one is not back within this (WHEP checks its media every 200 ms). */
const TAKEOVER_GRACE_MS = 250;
/** How often what arrives on a connection is read (silence, and WHEP's frozen video or media back). */
const MEDIA_POLL_MS = 200;
/**
 * Nothing at all from the server this long (no RTP, no RTCP: our server sends a publisher RTCP
 * every 200 ms) and we ask it about our session. A false alarm costs one OPTIONS.
 */
const SILENT_MS = 500;
/**
 * A server that refuses connections (its process restarting) is asked again: every 100 ms for the
 * first ten, then every 500 ms, about 11 s in all; then ICE-level healing is left to it.
 */
const REFUSED_FAST_PROBES = 10;
const REFUSED_PROBES = 30;

/** A header a cross-origin page cannot read because the server did not expose it. */
const unexposed = (header: string) => new OnairError('cors', `${header} not in Access-Control-Expose-Headers`);

/** Resolves true when `back` does, false when `other` settles first. */
const first = (back: Promise<true>, other: Promise<unknown>) => Promise.race([back, other.then(() => false)]);

/**
 * The life of one WHIP/WHEP session: attempts (POST, trickle, connect), healing (`tryIceRestart`,
 * then `reconnect`: fresh attempts beside the old one, which keeps playing if it comes back), and
 * DELETE before close. Subclasses add their transceivers and (WHEP) their POST variants.
 */
export abstract class PeerSession<S extends string, X extends object = object> extends Subscribable<SessionSnapshot<S | CommonStatus> & X> {
  // `declare`: set in the constructor only, no class-field initialisers in the bundle.
  declare protected readonly http: HttpSend;
  declare protected readonly options: SessionOptions;
  /** The attempt whose connection is in use; a replacement takes over only once it works. */
  #current: Attempt | null = null;
  #run: AbortController | null = null;
  #starting: Promise<void> | null = null;
  #healing = false;
  /** A probe is running: the events' error and silence may both call for one. */
  #probing = false;
  #grace: ReturnType<typeof setTimeout> | undefined;
  /**
   * Fresh sessions started since the session was last live for STABLE_LIVE_MS: a server that ends
   * every session soon after it starts cannot keep us reconnecting forever.
   */
  #fresh = 0;
  #stable: ReturnType<typeof setTimeout> | undefined;
  /** Starts the session again after a back/forward-cache restore. */
  #resume = noop;
  readonly #liveStatus: S;
  /** Live only once a remote track has media (WHEP), not on connection alone. */
  readonly #media: boolean;

  protected constructor(
    options: SessionOptions,
    liveStatus: S,
    media = false,
    extra = {} as X,
  ) {
    super({ status: 'idle', error: null, sessionUrl: null, stream: null, links: [], ...extra } as SessionSnapshot<S | CommonStatus> & X);
    this.options = options;
    this.http = createHttp(options);
    this.#liveStatus = liveStatus;
    this.#media = media;
  }

  /** Ends the session: DELETEs the session URL, then closes the connection. Idempotent. */
  async stop(): Promise<void> {
    const { status } = this.getSnapshot();
    if (status === 'idle' || status === 'ended') return;
    await this.#finish('ended', null, (error) => this.update({ error }));
  }

  /** Restarts ICE now (e.g. after a network change); falls back to a fresh session like automatic healing. */
  restartIce(): Promise<void> {
    return this.heal(true);
  }

  /** The connection's raw stats, or null without a connection (normalised: `createStatsReader`). */
  async getStats(): Promise<RTCStatsReport | null> {
    return (await this.#current?.pc.getStats()) ?? null;
  }

  /** The connection's receivers (`createStatsReader` reads `latencyMs` from them); none without a connection. */
  getReceivers(): RTCRtpReceiver[] {
    return this.#current?.pc.getReceivers() ?? [];
  }

  /** The attempt in use, or null. */
  protected get current(): Attempt | null {
    return this.#current;
  }

  /** Adds this side's transceivers to a new attempt's connection. */
  protected abstract prepare(attempt: Attempt): void;

  /** Snapshot changes: the common fields, or a subclass's own (X). */
  protected override update(patch: Partial<SessionSnapshot<S | CommonStatus>> | Partial<X>): void {
    super.update(patch as Partial<SessionSnapshot<S | CommonStatus> & X>);
  }

  /** The one place the status changes. */
  protected transition(status: S | CommonStatus, patch: Partial<SessionSnapshot<S | CommonStatus>> | Partial<X> = {}): void {
    this.update({ ...patch, status });
  }

  /** Starts the session (idempotent while running); resolves when media flows. */
  protected begin(signal?: AbortSignal, patch: Partial<SessionSnapshot<S | CommonStatus>> = {}): Promise<void> {
    if (this.#starting) return this.#starting;
    if (signal?.aborted) return Promise.reject(aborted());
    const run = (this.#run = new AbortController());
    const stopOnAbort = () => void this.stop();
    signal?.addEventListener('abort', stopOnAbort);
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    this.#resume = () => void this.begin(undefined, patch).catch(noop);
    this.transition('connecting', { error: null, ...patch });
    return (this.#starting = this.#establish(run.signal)
      .then(
        () => {
          // stop() may have won the race with the last await.
          if (run.signal.aborted) throw aborted();
          this.transition(this.#liveStatus, { error: null });
        },
        (error: unknown) => {
          const e = toOnairError(error, run.signal);
          if (!run.signal.aborted) void this.#finish('failed', e);
          throw e;
        },
      )
      .finally(() => signal?.removeEventListener('abort', stopOnAbort)));
  }

  /** Client-offer negotiation; WHEP overrides it for waiting, counter-offers and server offers. */
  protected async negotiate(attempt: Attempt): Promise<void> {
    const response = await this.offer(attempt);
    if (response.status !== 201) throw await httpError(response, 'POST');
    await this.answer(attempt, await this.accept(attempt, response));
  }

  /**
   * Creates the offer and POSTs it. Chromium gathers only from the ICE servers set at
   * setLocalDescription: a TURN server named in the 201's `Link` would count only from the next
   * gathering. So the offer goes out unset, at once, and is set once the 201 is in (gathering from
   * the server's ICE servers too, every candidate trickled), as medooze does. 'full' mode gathers
   * first: a server without trickle needs every candidate in the offer.
   */
  protected async offer(attempt: Attempt): Promise<Response> {
    const { pc } = attempt;
    const offer = await pc.createOffer();
    if (this.options.gathering === 'full') await this.describe(pc, offer, attempt.controller.signal);
    else attempt.offer = offer;
    return this.post(attempt);
  }

  /** POSTs the offer (the local description is re-read: it carries every candidate gathered so far). */
  protected post({ pc, offer, trickler }: Attempt): Promise<Response> {
    trickler.sent();
    return this.http('POST', this.options.url, { body: pc.localDescription?.sdp ?? offer?.sdp, type: 'application/sdp' });
  }

  /** Sets the local description; in 'full' mode, also waits for every candidate. */
  protected describe(pc: RTCPeerConnection, description: RTCSessionDescriptionInit, signal: AbortSignal): Promise<void> {
    return this.options.gathering === 'full' ? describeAndGather(pc, description, FULL_GATHER_CAP_MS, signal) : pc.setLocalDescription(description);
  }

  /** Applies the server's SDP answer (after the offer, when it was held back) and starts trickling. */
  protected async answer({ pc, offer, trickler }: Attempt, sdp: string): Promise<void> {
    if (offer) await pc.setLocalDescription(offer);
    await pc.setRemoteDescription({ type: 'answer', sdp });
    trickler.begin(parseIce(pc.localDescription!.sdp));
  }

  /**
   * A response that created a session (201, or WHEP's 406): keeps Location, ETag and Link, adds the
   * server's ICE servers to the app's; returns the body.
   */
  protected accept(attempt: Attempt, response: Response): Promise<string> {
    const { url, iceServers = [], replaceIceServers } = this.options;
    const { headers, type } = response;
    const location = headers.get('location');
    if (!location) throw type === 'cors' ? unexposed('Location') : new OnairError('protocol', `${response.status} without Location`);
    const base = response.url || url;
    attempt.resource = { url: new URL(location, base).href, etag: headers.get('etag'), cors: type === 'cors' };
    const servers = iceServersFromLinks((attempt.links = parseLinkHeader(headers.get('link'), base)));
    const { pc } = attempt;
    if (servers.length && !replaceIceServers) pc.setConfiguration({ ...pc.getConfiguration(), iceServers: [...iceServers, ...servers] });
    return response.text();
  }

  /** PATCHes the session; `If-Match` carries the ETag unless told otherwise. */
  protected patch({ resource }: Attempt, body: string, type: string, ifMatch = resource?.etag): Promise<Response> {
    return this.http('PATCH', resource!.url, { body, type, headers: ifMatch ? { 'If-Match': ifMatch } : {} });
  }

  /**
   * Brings the session back: `tryIceRestart` (when asked and possible), else `reconnect`. The old
   * connection stays open throughout, and media coming back on it ends the healing at once.
   */
  protected async heal(restart: boolean): Promise<void> {
    const run = this.#run;
    const old = this.#current;
    const { status } = this.getSnapshot();
    if (!run || !old || this.#healing || (status !== this.#liveStatus && status !== 'waiting')) return;
    this.#healing = true;
    clearTimeout(this.#stable);
    const back = new Promise<true>((resolve) => (old.up = () => resolve(true)));
    // Waiting for a creator is still waiting while the link is mended.
    if (status !== 'waiting') this.transition('reconnecting');
    try {
      const oldCameBack =
        (restart && (await this.#tryIceRestart(old, back))) ||
        // Fresh sessions beside the old one (make-before-break). One that failed or that the server
        // closed will not come back: it goes now.
        (await this.#establish(run.signal, old.gone || old.pc.connectionState === 'failed' ? this.#drop(old) : old, back));
      if (run.signal.aborted) return;
      this.transition(oldCameBack ? status : this.#liveStatus, { error: null });
      this.#stable = setTimeout(() => (this.#fresh = 0), STABLE_LIVE_MS);
    } catch (error) {
      if (!run.signal.aborted) void this.#finish('failed', toOnairError(error));
    } finally {
      this.#healing = false;
    }
  }

  /**
   * ICE restart of the same session. First a probe that changes nothing: a server that stalled
   * (or a network that dropped out) answers it only once it is back, and then the old path usually
   * comes back too, which restarting ICE would break on the server. Returns whether the old session
   * works again.
   */
  async #tryIceRestart(attempt: Attempt, back: Promise<true>): Promise<boolean> {
    const { pc, resource, controller } = attempt;
    if (!attempt.offerer || !resource || attempt.gone) return false;
    try {
      const started = Date.now();
      if (await first(back, this.http('OPTIONS', resource.url))) return true;
      if (Date.now() - started > STALLED_MS && (await first(back, sleep(RECOVER_MS, controller.signal)))) return true;
      attempt.trickler.stop();
      // RFC 9725 §4.3.3: a restart matches any ETag; the 200 brings the new one.
      resource.etag = await restartIce(pc, (fragment) => this.patch(attempt, fragment, TRICKLE_TYPE, '*'), FULL_GATHER_CAP_MS, controller.signal);
      await this.#connected(pc, controller.signal);
      return true;
    } catch {
      // The server lost the session or cannot restart: fresh sessions then.
      return false;
    }
  }

  /**
   * Attempts until one works (first start, or reconnecting beside `old`), with backoff and the
   * fresh-session budget. Resolves true when `back` (the old connection working again) came first.
   */
  async #establish(signal: AbortSignal, old?: Attempt | null, back: Promise<true> = new Promise(noop)): Promise<boolean> {
    const max = this.options.maxReconnectAttempts ?? MAX_RECONNECT_ATTEMPTS;
    let error: OnairError | undefined;
    for (let n = 0; ; n++) {
      if (old !== undefined || n) {
        if (this.#fresh >= max) throw error ?? new OnairError('network', `Session ended ${max} times soon after starting`);
        // The old session is over (dropped): its replacement is tried at once.
        const delay = old === null && !n ? 0 : Math.min(error?.retryAfterMs ?? backoff(this.#fresh, RECONNECT_BASE_MS, RECONNECT_CAP_MS), RECONNECT_CAP_MS);
        this.#fresh++;
        if (await first(back, sleep(delay, signal))) return true;
        // A server with one session per endpoint (WHIP) keeps answering 409 while the old one lives.
        if (error?.status === 409 && old) old = this.#drop(old);
      }
      const controller = childController(signal);
      void back.then(() => controller.abort());
      try {
        const attempt = await this.#connect(controller.signal);
        // The old connection may be back without our having noticed yet: it stays, this one goes.
        const oldCameBack = !!old && (await first(back, sleep(TAKEOVER_GRACE_MS, signal).catch(noop)));
        if (oldCameBack || signal.aborted) {
          void this.#retire(attempt);
          if (oldCameBack) return true;
          throw aborted();
        }
        // In use now; the one before it is retired.
        const before = this.#current;
        this.#current = attempt;
        this.update({ sessionUrl: attempt.resource!.url, links: attempt.links, ...(attempt.stream && { stream: attempt.stream }) });
        if (before) void this.#retire(before);
        return false;
      } catch (e) {
        error = toOnairError(e, signal);
        if (signal.aborted) throw error;
        if (controller.signal.aborted) return true;
        if (!retryable(error) && !(old !== undefined && error.status === 409)) throw error;
        this.update({ error });
      }
    }
  }

  /** One attempt: a new connection, negotiated and connected; retired (DELETE, close) if it fails. */
  async #connect(signal: AbortSignal): Promise<Attempt> {
    const PeerConnection = this.options.RTCPeerConnection ?? globalThis.RTCPeerConnection;
    if (!PeerConnection) throw new OnairError('unsupported', 'No RTCPeerConnection here');
    const pc = new PeerConnection({ iceServers: this.options.iceServers ?? [], bundlePolicy: 'max-bundle' });
    const attempt: Attempt = {
      pc,
      controller: childController(signal),
      offerer: true,
      trickler: createTrickler(
        (fragment) => this.patch(attempt, fragment, TRICKLE_TYPE),
        // Not fatal: the candidates in the offer may be enough; if not, the connection watch heals.
        // 428: the server wants If-Match, but a cross-origin page could not read the ETag.
        (error) => this.update({ error: error.status === 428 && attempt.resource?.cors && !attempt.resource.etag ? unexposed('ETag') : error }),
      ),
    };
    const { controller } = attempt;
    onAbort(controller.signal, attempt.trickler.stop);
    pc.addEventListener('icecandidate', (event) => attempt.trickler.add(event.candidate));
    pc.addEventListener('connectionstatechange', () => this.#watch(attempt));
    let negotiated: Promise<void> = Promise.resolve();
    try {
      this.prepare(attempt);
      // Not abandoned half-way: a POST that reached the server may have made a session to DELETE.
      await abortable((negotiated = this.negotiate(attempt)), controller.signal);
      this.follow(attempt);
      // The DTLS transport (one, max-bundle). A server that closes it (DTLS close_notify: it ended
      // the session, shut down, or the input went away) cannot be ICE-restarted.
      const transport = pc.getSenders().find((sender) => sender.transport)?.transport;
      transport?.addEventListener('statechange', () => {
        // Closed by the server (ours closes the connection first): its session is over.
        if (transport.state !== 'closed' || pc.signalingState === 'closed') return;
        attempt.gone = true;
        if (attempt === this.#current) void this.heal(false);
      });
      await this.#connected(pc, controller.signal);
      // Closed while connecting: ICE still reads 'connected', the session is gone all the same.
      if (attempt.gone) throw new OnairError('network', 'Server closed the connection');
      return attempt;
    } catch (error) {
      void negotiated.catch(noop).then(() => this.#retire(attempt));
      throw error;
    }
  }

  /**
   * Reads what arrives on `attempt` until it is retired: a live one from which nothing at all
   * arrives for SILENT_MS is probed, once per silence. A server that answers is one that just
   * talks rarely: the silence allowed doubles, so it is not asked every few seconds. Players add
   * their own checks in `onRead`.
   */
  protected follow(attempt: Attempt, onRead: (frames: number, packets: number) => void = noop): void {
    const { pc, controller } = attempt;
    let [bytes, quiet, silentMs] = [0, Date.now(), SILENT_MS];
    watchMedia(pc, MEDIA_POLL_MS, controller.signal, (frames, packets, received) => {
      // Not without the reading (an implementation without candidate-pair stats), nor while a
      // player waits for its creator.
      if (received !== bytes || !received || this.getSnapshot().status !== this.#liveStatus) [bytes, quiet] = [received, Date.now()];
      else if (Date.now() - quiet >= silentMs) {
        quiet = Infinity;
        void this.probe(attempt).then((alive) => alive && (silentMs *= 2));
      }
      onRead(frames, packets);
    });
  }

  /**
   * Asks the server about `attempt`'s session when media went silent or its event stream broke. A
   * 404 means it lost the session (it restarted): reconnect now. A refused connection (its process
   * died, or this device went offline) is asked again until it answers, and that answer decides:
   * "refused" alone is no proof, and dropping a session that lives costs a 409 and a wait. Any other
   * answer: the session lives, today's healing covers the rest; none (a stalled server or network):
   * the old session is kept, it usually comes back with the server. Resolves whether it answered
   * that the session lives.
   */
  protected async probe(attempt: Attempt): Promise<boolean | void> {
    if (this.#probing) return;
    this.#probing = true;
    try {
      for (let n = 0; attempt === this.#current && !this.#healing; n++) {
        const status = await this.http('OPTIONS', attempt.resource!.url).then(
          (response) => response.status,
          (error: OnairError) => error.kind,
        );
        if (status === 'network' && n < REFUSED_PROBES) {
          await sleep(n < REFUSED_FAST_PROBES ? 100 : 500);
          continue;
        }
        if (status !== 404) return typeof status === 'number';
        // Nothing left to DELETE: healing drops it and POSTs at once.
        attempt.gone = true;
        void this.heal(false);
        return;
      }
    } finally {
      this.#probing = false;
    }
  }

  #connected(pc: RTCPeerConnection, signal: AbortSignal): Promise<void> {
    return connected(pc, this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, signal, this.#media);
  }

  /** Retires `attempt` now; returns null (no old attempt any more). */
  #drop(attempt: Attempt): null {
    if (this.#current === attempt) {
      this.#current = null;
      this.update({ sessionUrl: null });
    }
    void this.#retire(attempt);
    return null;
  }

  #watch(attempt: Attempt): void {
    if (attempt !== this.#current) return;
    clearTimeout(this.#grace);
    const state = attempt.pc.connectionState;
    if (state === 'connected') {
      if (!this.#media) attempt.up?.();
    } else if (state === 'failed') void this.heal(true);
    else if (state === 'disconnected') {
      this.#grace = setTimeout(() => void this.heal(true), this.options.disconnectedGraceMs ?? DISCONNECTED_GRACE_MS);
    }
  }

  /**
   * Stops everything running and retires the attempt in use. A DELETE that fails goes to
   * `onError` (none when failing already: it would only hide the real error).
   */
  #finish(status: 'ended' | 'failed', error: OnairError | null, onError?: (error: OnairError) => void): Promise<void> {
    this.#run?.abort();
    this.#run = this.#starting = null;
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    clearTimeout(this.#grace);
    clearTimeout(this.#stable);
    this.#fresh = 0;
    const attempt = this.#current;
    this.#current = null;
    this.transition(status, { error, sessionUrl: null });
    return attempt ? this.#retire(attempt, onError) : Promise.resolve();
  }

  /**
   * Ends an attempt: DELETE first, then close. Closing first would send the server a DTLS
   * close_notify, on which it ends the session at once: the DELETE would then meet a 404. Never
   * rejects: a DELETE that fails goes to `onError`.
   */
  async #retire({ controller, resource, gone, pc }: Attempt, onError: (error: OnairError) => void = noop): Promise<void> {
    // Stops what belongs to the attempt (trickle, media watch, events: they listen to its signal).
    controller.abort();
    if (resource && !gone) await deleteSession(this.http, resource.url).catch(onError);
    pc.close();
  }

  // pagehide, not unload: it fires on mobile and with the back/forward cache too, after which
  // pageshow (persisted) starts the session again.
  readonly #onPageHide = (event: PageTransitionEvent) => {
    if (event.persisted) globalThis.addEventListener('pageshow', (shown) => shown.persisted && this.#resume(), { once: true });
    void this.stop();
  };
}
