import type { RelayOptions } from './relay.js';
import { InputRelay } from './relay.js';
import type { SessionKind } from './sdpOffer.js';
import type { WebRtcSession } from './webrtcSession.js';

export interface SessionListing {
  whip: { inputUid: string; sessionId: string }[];
  whep: { inputUid: string; sessionId: string }[];
}

/** Every open session by id and one relay per live input; closing a session removes it. */
export class SessionRegistry {
  private readonly sessions = new Map<string, WebRtcSession>();
  private readonly relays = new Map<string, InputRelay>();

  constructor(
    private readonly setupRelay: (relay: InputRelay) => void,
    private readonly relayOptions: RelayOptions = {},
  ) {}

  relay(uid: string): InputRelay {
    let relay = this.relays.get(uid);
    if (!relay) {
      relay = new InputRelay(uid, this.relayOptions);
      this.setupRelay(relay);
      this.relays.set(uid, relay);
    }
    return relay;
  }

  existingRelay(uid: string): InputRelay | undefined {
    return this.relays.get(uid);
  }

  get size(): number {
    return this.sessions.size;
  }

  add(session: WebRtcSession): void {
    this.sessions.set(session.id, session);
    session.onClose(() => this.sessions.delete(session.id));
  }

  get(id: string, kind: SessionKind): WebRtcSession | undefined {
    const session = this.sessions.get(id);
    return session?.kind === kind ? session : undefined;
  }

  list(): SessionListing {
    const listing: SessionListing = { whip: [], whep: [] };
    for (const s of this.sessions.values()) listing[s.kind].push({ inputUid: s.inputUid, sessionId: s.id });
    return listing;
  }

  /** Ends every session of one input (the input was deleted). */
  async closeInput(uid: string): Promise<void> {
    await Promise.all([...this.sessions.values()].filter((s) => s.inputUid === uid).map((s) => s.close()));
    this.relays.get(uid)?.close();
    this.relays.delete(uid);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.close()));
    for (const relay of this.relays.values()) relay.close();
    this.relays.clear();
  }
}
