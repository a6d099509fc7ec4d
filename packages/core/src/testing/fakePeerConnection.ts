// A scripted RTCPeerConnection for logic tests only (real media is tested in Chromium).
// It gathers candidates on a timer, "connects" after an answer, and records what was called.

export interface FakeScript {
  /** Delays (ms after setLocalDescription) at which host candidates appear; gathering ends after the last. */
  candidateDelays?: number[];
  /** Reach 'connected' this many ms after setRemoteDescription(answer), or never when null. */
  connectAfterMs?: number | null;
  /** inbound/outbound RTP stats served by getStats() (of that connection). */
  stats?: (pc: FakePeerConnection) => Record<string, unknown>[];
  /** Remote tracks start muted (no RTP yet) until `unmuteRemote()`. Default false: media at once. */
  mutedRemote?: boolean;
}

let sequence = 0;

/** The connection's DTLS transport: `connected` with the connection, `closed` when the server says so. */
export class FakeDtlsTransport extends EventTarget {
  state: RTCDtlsTransportState = 'new';
  setState(state: RTCDtlsTransportState) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

export class FakeTransceiver {
  mid: string | null = null;
  codecs: unknown[] | null = null;
  /** The remote track, muted until its first RTP "arrives" (see FakeScript.mutedRemote). */
  readonly receiver: { track: EventTarget & { kind: string; muted: boolean } };
  readonly sender: {
    track: { kind: string } | null;
    /** Set once negotiated, shared by every transceiver (max-bundle). */
    transport: FakeDtlsTransport | null;
    replaceTrack: (t: { kind: string }) => Promise<void>;
    getParameters: () => { encodings: Record<string, unknown>[] };
    setParameters: (p: { encodings: Record<string, unknown>[] }) => Promise<void>;
  };
  constructor(
    public kind: string,
    public direction: string,
    track: { kind: string } | null,
    public init: Record<string, unknown>,
  ) {
    this.receiver = { track: Object.assign(new EventTarget(), { kind, muted: !!FakePeerConnection.script.mutedRemote }) };
    let encodings: Record<string, unknown>[] = [{}];
    this.sender = {
      track,
      transport: null,
      replaceTrack: async (t) => void (this.sender.track = t),
      getParameters: () => ({ encodings: encodings.map((e) => ({ ...e })) }),
      setParameters: async (p) => void (encodings = p.encodings),
    };
  }
  setCodecPreferences(codecs: unknown[]) {
    this.codecs = codecs;
  }
}

export class FakePeerConnection extends EventTarget {
  static instances: FakePeerConnection[] = [];
  static script: FakeScript = {};

  readonly id = ++sequence;
  config: RTCConfiguration;
  transceivers: FakeTransceiver[] = [];
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  signalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  iceGatheringState: RTCIceGatheringState = 'new';
  calls: string[] = [];
  /** The one DTLS transport (max-bundle); a server's close_notify: `transport.setState('closed')`. */
  readonly transport = new FakeDtlsTransport();
  private generation = 0;
  private timers: ReturnType<typeof setTimeout>[] = [];

  constructor(config: RTCConfiguration = {}) {
    super();
    this.config = config;
    FakePeerConnection.instances.push(this);
  }

  static reset(script: FakeScript = {}) {
    FakePeerConnection.instances = [];
    FakePeerConnection.script = script;
  }

  static get last(): FakePeerConnection {
    return FakePeerConnection.instances.at(-1)!;
  }

  addTrack(): never {
    throw new Error('addTrack must never be used');
  }

  // The app owns pc.on* handlers: the sessions must only add listeners.
  set onicecandidate(_: unknown) {
    throw new Error('pc.onicecandidate must never be set');
  }
  set onconnectionstatechange(_: unknown) {
    throw new Error('pc.onconnectionstatechange must never be set');
  }
  set ontrack(_: unknown) {
    throw new Error('pc.ontrack must never be set');
  }
  set onicegatheringstatechange(_: unknown) {
    throw new Error('pc.onicegatheringstatechange must never be set');
  }

  addTransceiver(trackOrKind: string | { kind: string }, init: Record<string, unknown> = {}) {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const t = new FakeTransceiver(track?.kind ?? (trackOrKind as string), String(init.direction), track, init);
    this.transceivers.push(t);
    return t;
  }

  getTransceivers() {
    return this.transceivers;
  }

  getSenders() {
    return this.transceivers.map((t) => t.sender);
  }

  getReceivers() {
    return this.transceivers.map((t) => t.receiver);
  }

  /** First RTP on every remote track. */
  unmuteRemote() {
    for (const { track } of this.getReceivers()) {
      track.muted = false;
      track.dispatchEvent(new Event('unmute'));
    }
  }

  getConfiguration() {
    return this.config;
  }

  setConfiguration(config: RTCConfiguration) {
    this.calls.push('setConfiguration');
    this.config = config;
  }

  restartIce() {
    this.calls.push('restartIce');
    this.generation++;
  }

  private sdp(type: string) {
    const ufrag = `u${this.id}g${this.generation}`;
    const media = this.transceivers.length ? this.transceivers : [new FakeTransceiver('audio', 'recvonly', null, {})];
    return [
      'v=0',
      'o=- 1 2 IN IP4 127.0.0.1',
      's=-',
      't=0 0',
      `a=group:BUNDLE ${media.map((_, i) => i).join(' ')}`,
      ...media.flatMap((t, i) => [
        `m=${t.kind} 9 UDP/TLS/RTP/SAVPF 96`,
        `a=mid:${i}`,
        `a=ice-ufrag:${ufrag}`,
        `a=ice-pwd:pwd${this.id}g${this.generation}`,
        `a=${type === 'answer' ? 'recvonly' : t.direction}`,
      ]),
      '',
    ].join('\r\n');
  }

  async createOffer() {
    this.calls.push('createOffer');
    return { type: 'offer', sdp: this.sdp('offer') };
  }

  async createAnswer() {
    this.calls.push('createAnswer');
    return { type: 'answer', sdp: this.sdp('answer') };
  }

  async setLocalDescription(description: { type: string; sdp?: string }) {
    this.calls.push(`setLocalDescription:${description.type}`);
    if (description.type === 'rollback') {
      this.signalingState = 'stable';
      this.localDescription = null;
      return;
    }
    this.localDescription = { type: description.type, sdp: description.sdp ?? '' };
    this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
    this.gather();
    if (description.type === 'answer') this.connectSoon();
  }

  async setRemoteDescription(description: { type: string; sdp: string }) {
    this.calls.push(`setRemoteDescription:${description.type}`);
    if (!description.sdp.startsWith('v=0')) throw new DOMException('Invalid SDP', 'InvalidAccessError');
    this.remoteDescription = description;
    // Like browsers: a transceiver has a transport once it has a mid (a remote offer makes new ones).
    if (description.type === 'offer') {
      this.signalingState = 'have-remote-offer';
      const kinds = [...description.sdp.matchAll(/^m=(\w+)/gm)].map((m) => m[1]!);
      kinds.forEach((kind, i) => {
        const t = this.addTransceiver(kind, { direction: 'sendrecv' });
        t.mid = String(i);
        t.sender.transport = this.transport;
      });
      return;
    }
    this.signalingState = 'stable';
    this.transceivers.forEach((t, i) => {
      t.mid ??= String(i);
      t.sender.transport = this.transport;
    });
    this.connectSoon();
  }

  private connectSoon() {
    const after = FakePeerConnection.script.connectAfterMs;
    if (after === null) return;
    this.later(after ?? 5, () => {
      if (this.transport.state === 'new') this.transport.setState('connected');
      this.setState('connected');
    });
  }

  setState(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }

  emitTrack(kind: string) {
    this.dispatchEvent(Object.assign(new Event('track'), { track: { kind }, streams: [] }));
  }

  private gather() {
    const generation = this.generation;
    const delays = FakePeerConnection.script.candidateDelays ?? [0];
    this.iceGatheringState = 'gathering';
    delays.forEach((delay, i) => {
      this.later(delay, () => {
        const candidate = `candidate:${i} 1 udp 2122260223 127.0.0.1 ${50000 + i} typ host generation ${generation}`;
        // Like browsers: the candidate joins the local description before the event fires.
        this.localDescription!.sdp = this.localDescription!.sdp.replace(/(a=mid:0\r\n)/, `$1a=${candidate}\r\n`);
        this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } }));
        if (i === delays.length - 1) {
          this.iceGatheringState = 'complete';
          this.dispatchEvent(new Event('icegatheringstatechange'));
          this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: null }));
        }
      });
    });
  }

  private later(ms: number, fn: () => void) {
    this.timers.push(
      setTimeout(() => {
        if (this.connectionState !== 'closed') fn();
      }, ms),
    );
  }

  async getStats() {
    const stats = FakePeerConnection.script.stats?.(this) ?? [];
    return new Map(stats.map((s, i) => [String(s.id ?? i), s]));
  }

  close() {
    this.calls.push('close');
    this.connectionState = 'closed';
    this.timers.forEach(clearTimeout);
  }
}
