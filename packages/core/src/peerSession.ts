import { aborted, backoff, sleep } from './abortable';
import type { CodecPreferences } from './codecPreferences';
import { connected } from './connectionState';
import { OnairError, toOnairError } from './errors';
import { createHttp, httpError, type HttpSend, type TokenSource } from './httpClient';
import { describeAndGather, type GatheringMode } from './iceGathering';
import { restartIce } from './iceRestart';
import { iceServersFromLinks, parseLinkHeader, type Link } from './linkHeader';
import { parseIce } from './sdpfrag';
import { Subscribable } from './subscribable';
import { createTrickler, TRICKLE_TYPE, type Trickler } from './trickle';

export interface SessionOptions extends CodecPreferences {
  /** The WHIP or WHEP endpoint URL. */
  url: string;
  /** Bearer token (or a function returning one, asked again once after a 401). No header without one. */
  token?: TokenSource;
  /** Your ICE servers; when set they win over the server's `Link: rel="ice-server"` ones. */
  iceServers?: RTCIceServer[];
  /** Another WebRTC implementation (react-native-webrtc, Node). Default: globalThis.RTCPeerConnection. */
  RTCPeerConnection?: typeof RTCPeerConnection;
  fetch?: typeof fetch;
  /** When to POST relative to ICE gathering. Default 'fast'. */
  gathering?: GatheringMode;
  /** 'fast' gathering budget before the POST goes out (ms). Default 150. */
  gatherBudgetMs?: number;
  /** Timeout of each HTTP request (ms). Default 10 000. */
  timeoutMs?: number;
  /** Time allowed for the media connection to come up (ms). Default 15 000. */
  connectTimeoutMs?: number;
  /** How long `disconnected` may last before an ICE restart (ms). Default 2 000. */
  disconnectedGraceMs?: number;
  /** Fresh sessions tried after the connection is lost and ICE restart did not help. Default 8. */
  maxReconnectAttempts?: number;
}

export interface SessionSnapshot<S extends string> {
  readonly status: S;
  readonly error: OnairError | null;
  /** The session (resource) URL from `Location`, resolved; null when there is no session. */
  readonly sessionUrl: string | null;
  readonly stream: MediaStream | null;
  /** `Link` headers of the last 201 (ice-server ones are applied; extensions are listed here). */
  readonly links: readonly Link[];
}

type CommonStatus = 'idle' | 'connecting' | 'reconnecting' | 'ended' | 'failed';

// A fast start needs only host candidates on most networks; srflx/relay follow by trickle.
const GATHER_BUDGET_MS = 150;
// 'fast' also POSTs once candidates pause this long (host candidates come in one burst).
const GATHER_SETTLE_MS = 25;
// 'full' mode and ICE restarts wait for every candidate, but not forever (an unreachable TURN).
const FULL_GATHER_CAP_MS = 5_000;
const CONNECT_TIMEOUT_MS = 15_000;
const DISCONNECTED_GRACE_MS = 2_000;
const MAX_RECONNECT_ATTEMPTS = 8;
const RECONNECT_BASE_MS = 500;
const RECONNECT_CAP_MS = 15_000;
/** Live this long and the reconnect budget is whole again; until then it spans heals. */
const STABLE_LIVE_MS = 10_000;

/** Errors a fresh session might get past; anything else (4xx, CORS, bad SDP) will not change by retrying. */
const retryable = (e: OnairError) =>
  e.kind === 'network' || e.kind === 'timeout' || (e.kind === 'http' && (e.status! >= 500 || e.status === 408 || e.status === 429));

/**
 * The connection's DTLS transport (one, max-bundle) once negotiated. A server that closes it (DTLS
 * close_notify: it ended the session, shut down, or the input went away) cannot be ICE-restarted.
 */
const dtlsTransportOf = (pc: RTCPeerConnection) => pc.getTransceivers().find((t) => t.sender.transport)?.sender.transport ?? null;

/** A header a cross-origin page cannot read because the server did not expose it. */
const unexposed = (header: string, list = header) =>
  new OnairError('cors', `${header} unreadable: the server must send Access-Control-Expose-Headers: ${list}`);

/**
 * The life of one WHIP/WHEP session: POST, trickle, watch the connection, ICE restart, fresh
 * session with backoff, DELETE. Subclasses add their transceivers and (WHEP) their POST variants.
 */
export abstract class PeerSession<S extends string, X extends object = object> extends Subscribable<SessionSnapshot<S | CommonStatus> & X> {
  protected pc: RTCPeerConnection | null = null;
  protected readonly http: HttpSend;
  protected trickler: Trickler | null = null;
  /** False when the server made the offer: we cannot restart ICE as answerer. */
  protected offerer = true;
  #resource: { url: string; etag: string | null; cors: boolean } | null = null;
  #run: AbortController | null = null;
  #starting: Promise<void> | null = null;
  #grace: ReturnType<typeof setTimeout> | undefined;
  /**
   * Fresh sessions started since the session was last live for STABLE_LIVE_MS: a server that ends
   * every session soon after it starts cannot keep us reconnecting forever.
   */
  #freshSessions = 0;
  #stable: ReturnType<typeof setTimeout> | undefined;
  readonly #liveStatus: S;
  /** Live only once a remote track has media (WHEP), not on connection alone. */
  readonly #media: boolean;

  protected constructor(
    protected readonly options: SessionOptions,
    liveStatus: S,
    media = false,
    extra = {} as X,
  ) {
    super({ status: 'idle', error: null, sessionUrl: null, stream: null, links: [], ...extra } as SessionSnapshot<S | CommonStatus> & X);
    this.http = createHttp(options);
    this.#liveStatus = liveStatus;
    this.#media = media;
  }

  /** Ends the session: closes the connection and DELETEs the session URL. Idempotent. */
  async stop(): Promise<void> {
    const { status } = this.getSnapshot();
    if (status === 'idle' || status === 'ended') return;
    const url = this.#finish('ended');
    if (url) await this.#deleteSession(url).catch((error: OnairError) => this.update({ error }));
  }

  /** Restarts ICE now (e.g. after a network change); falls back to a fresh session like automatic healing. */
  restartIce(): Promise<void> {
    return this.heal(true);
  }

  /** The connection's raw stats, or null without a connection (normalised: `createStatsReader`). */
  async getStats(): Promise<RTCStatsReport | null> {
    return (await this.pc?.getStats()) ?? null;
  }

  /** Adds this side's transceivers to a new connection. */
  protected abstract prepare(pc: RTCPeerConnection): void;

  /** Snapshot changes: the common fields, or a subclass's own (X). */
  protected override update(patch: Partial<SessionSnapshot<S | CommonStatus>> | Partial<X>): void {
    super.update(patch as Partial<SessionSnapshot<S | CommonStatus> & X>);
  }

  /** The one place the status changes. */
  protected transition(status: S | CommonStatus, patch: Partial<SessionSnapshot<S | CommonStatus>> | Partial<X> = {}): void {
    this.update({ ...patch, status });
    this.onStatus(status);
  }

  /** Hook for subclasses that act on status changes. */
  protected onStatus(_status: S | CommonStatus): void {}

  /** Starts the session (idempotent while running); resolves when media flows. */
  protected begin(signal?: AbortSignal, patch: Partial<SessionSnapshot<S | CommonStatus>> = {}): Promise<void> {
    if (this.#starting) return this.#starting;
    if (signal?.aborted) return Promise.reject(aborted());
    const run = (this.#run = new AbortController());
    const onAbort = () => void this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    this.transition('connecting', { error: null, ...patch });
    this.#starting = this.#connect(run.signal).then(
      () => {
        signal?.removeEventListener('abort', onAbort);
        // stop() may have won the race with the last await.
        if (run.signal.aborted) throw aborted();
        this.transition(this.#liveStatus);
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        const e = toOnairError(error, run.signal);
        if (!run.signal.aborted) this.#fail(e);
        throw e;
      },
    );
    return this.#starting;
  }

  /** Client-offer negotiation; WHEP overrides it for waiting, counter-offers and server offers. */
  protected async negotiate(pc: RTCPeerConnection, signal: AbortSignal): Promise<void> {
    const response = await this.offer(pc, signal);
    if (response.status !== 201) throw await httpError(response, 'POST');
    await this.answer(pc, await this.accept(pc, response));
  }

  /** Creates the offer, gathers per the gathering mode and POSTs it. Returns the response, whatever its status. */
  protected async offer(pc: RTCPeerConnection, signal: AbortSignal): Promise<Response> {
    await this.describe(pc, () => pc.createOffer(), signal);
    return this.post(signal);
  }

  /** POSTs the current local description (re-read, so it carries every candidate gathered so far). */
  protected post(signal: AbortSignal): Promise<Response> {
    const body = this.pc?.localDescription?.sdp ?? '';
    this.trickler?.sent();
    return this.http('POST', this.options.url, { body, type: 'application/sdp', signal });
  }

  /** Sets the local description from `create`, then waits for candidates as the gathering mode says. */
  protected async describe(
    pc: RTCPeerConnection,
    create: () => Promise<RTCSessionDescriptionInit>,
    signal: AbortSignal,
  ): Promise<void> {
    const mode = this.options.gathering ?? 'fast';
    const ms = mode === 'full' ? FULL_GATHER_CAP_MS : mode === 'fast' ? (this.options.gatherBudgetMs ?? GATHER_BUDGET_MS) : 0;
    await describeAndGather(pc, create, ms, signal, mode === 'fast' ? GATHER_SETTLE_MS : 0);
  }

  /** Applies the server's SDP answer and starts trickling. */
  protected async answer(pc: RTCPeerConnection, sdp: string): Promise<void> {
    await pc.setRemoteDescription({ type: 'answer', sdp });
    this.trickler?.begin(parseIce(pc.localDescription?.sdp ?? ''));
  }

  /** A response that created a session (201, or WHEP's 406): keeps Location, ETag and Link; returns the body. */
  protected accept(pc: RTCPeerConnection, response: Response): Promise<string> {
    const location = response.headers.get('location');
    if (!location) {
      throw response.type === 'cors'
        ? unexposed('Location', 'Location, ETag, Link')
        : new OnairError('protocol', `${response.status} without Location`);
    }
    const base = response.url || this.options.url;
    const url = new URL(location, base).href;
    this.#resource = { url, etag: response.headers.get('etag'), cors: response.type === 'cors' };
    const links = parseLinkHeader(response.headers.get('link'), base);
    const iceServers = iceServersFromLinks(links);
    if (iceServers.length && !this.options.iceServers) pc.setConfiguration({ ...pc.getConfiguration(), iceServers });
    this.update({ sessionUrl: url, links });
    return response.text();
  }

  /** PATCHes the session; `If-Match` carries the ETag unless told otherwise. */
  protected patch(body: string, type: string, signal: AbortSignal, ifMatch = this.#resource?.etag): Promise<Response> {
    const headers: Record<string, string> = ifMatch ? { 'If-Match': ifMatch } : {};
    return this.http('PATCH', this.#resource?.url ?? '', { body, type, signal, headers });
  }

  /** Brings the connection back: ICE restart first (when asked and possible), then fresh sessions with backoff. */
  protected async heal(restartFirst: boolean): Promise<void> {
    const run = this.#run;
    // Only a live session heals (and only once at a time: healing leaves the live status).
    if (!run || this.getSnapshot().status !== this.#liveStatus) return;
    const { signal } = run;
    clearTimeout(this.#stable);
    this.transition('reconnecting');
    const max = this.options.maxReconnectAttempts ?? MAX_RECONNECT_ATTEMPTS;
    // Attempt -1 is the ICE restart of the same session; then fresh sessions.
    for (let attempt = restartFirst && this.offerer && this.pc && this.#resource ? -1 : 0; ; attempt++) {
      try {
        if (attempt < 0) await this.#restart(this.pc!, signal);
        else {
          if (this.#freshSessions >= max) {
            return this.#fail(new OnairError('network', `The session ended ${max} times, each time within ${STABLE_LIVE_MS / 1000} s of reconnecting`));
          }
          const url = this.#teardown();
          if (url) {
            this.update({ sessionUrl: null });
            // Best effort: the old session's server may be gone, which is why we are here.
            await this.#deleteSession(url).catch(() => {});
          }
          await sleep(backoff(this.#freshSessions++, RECONNECT_BASE_MS, RECONNECT_CAP_MS), signal);
          await this.#connect(signal);
        }
        if (signal.aborted) return;
        this.transition(this.#liveStatus, { error: null });
        this.#stable = setTimeout(() => (this.#freshSessions = 0), STABLE_LIVE_MS);
        return;
      } catch (error) {
        const e = toOnairError(error, signal);
        if (signal.aborted) return;
        // A failed ICE restart (server lost the session or cannot restart) just moves on to a fresh session.
        if (attempt < 0) continue;
        if (!retryable(e) || this.#freshSessions >= max) return this.#fail(e);
        this.update({ error: e });
      }
    }
  }

  async #connect(signal: AbortSignal): Promise<void> {
    const PeerConnection = this.options.RTCPeerConnection ?? globalThis.RTCPeerConnection;
    if (!PeerConnection) throw new OnairError('unsupported', 'No WebRTC here: pass options.RTCPeerConnection');
    const pc = (this.pc = new PeerConnection({ iceServers: this.options.iceServers ?? [], bundlePolicy: 'max-bundle' }));
    const trickler = (this.trickler = createTrickler(
      (fragment) => this.patch(fragment, TRICKLE_TYPE, signal),
      // Not fatal: the candidates in the offer may be enough; if not, the connection watch heals.
      (error) =>
        error.kind !== 'aborted' &&
        this.update({
          // 428: the server wants If-Match, but a cross-origin page could not read the ETag.
          error: error.status === 428 && this.#resource?.cors && !this.#resource.etag ? unexposed('ETag') : error,
        }),
    ));
    this.offerer = true;
    pc.addEventListener('icecandidate', (event) => trickler.add(event.candidate));
    pc.addEventListener('connectionstatechange', () => this.#watch(pc));
    this.prepare(pc);
    await this.negotiate(pc, signal);
    const transport = dtlsTransportOf(pc);
    transport?.addEventListener('statechange', () => {
      if (transport.state === 'closed' && pc === this.pc && this.getSnapshot().status === this.#liveStatus) void this.heal(false);
    });
    await this.#connected(pc, signal);
    // Closed while connecting: ICE still reads 'connected', the session is gone all the same.
    if (transport?.state === 'closed') throw new OnairError('network', 'The server closed the connection');
  }

  #connected(pc: RTCPeerConnection, signal: AbortSignal): Promise<void> {
    return connected(pc, this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, signal, this.#media);
  }

  async #restart(pc: RTCPeerConnection, signal: AbortSignal): Promise<void> {
    this.trickler?.stop();
    // RFC 9725 §4.3.3: a restart matches any ETag; the 200 brings the new one.
    const etag = await restartIce(pc, (fragment) => this.patch(fragment, TRICKLE_TYPE, signal, '*'), FULL_GATHER_CAP_MS, signal);
    if (this.#resource && etag) this.#resource.etag = etag;
    await this.#connected(pc, signal);
  }

  #watch(pc: RTCPeerConnection): void {
    if (pc !== this.pc || this.getSnapshot().status !== this.#liveStatus) return;
    clearTimeout(this.#grace);
    if (pc.connectionState === 'failed') void this.heal(true);
    else if (pc.connectionState === 'disconnected') {
      this.#grace = setTimeout(() => void this.heal(true), this.options.disconnectedGraceMs ?? DISCONNECTED_GRACE_MS);
    }
  }

  #fail(error: OnairError): void {
    const url = this.#finish('failed', error);
    // Already failing: a DELETE error would only hide the real one.
    if (url) void this.#deleteSession(url).catch(() => {});
  }

  /** Stops everything running; returns the session URL still to DELETE. */
  #finish(status: 'ended' | 'failed', error: OnairError | null = null): string | null {
    this.#run?.abort();
    this.#run = null;
    this.#starting = null;
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    const url = this.#teardown();
    this.#freshSessions = 0;
    this.transition(status, { error, sessionUrl: null });
    return url;
  }

  /** Closes the connection; returns the session URL still to DELETE. */
  #teardown(): string | null {
    clearTimeout(this.#grace);
    clearTimeout(this.#stable);
    this.trickler?.stop();
    this.trickler = null;
    this.pc?.close();
    this.pc = null;
    const url = this.#resource?.url ?? null;
    this.#resource = null;
    return url;
  }

  async #deleteSession(url: string): Promise<void> {
    // keepalive: the DELETE must outlive a closing page.
    const response = await this.http('DELETE', url, { keepalive: true });
    if (!response.ok && response.status !== 404) throw await httpError(response, 'DELETE');
  }

  // pagehide, not unload: it fires on mobile and with the back/forward cache too.
  readonly #onPageHide = () => void this.stop();
}
