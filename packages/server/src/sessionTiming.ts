import type { RTCPeerConnection } from 'werift';

/** `ONAIR_DEBUG=timing` (comma-separated list) turns the per-stage handshake log on. */
export const timingEnabled = (process.env.ONAIR_DEBUG ?? '').split(',').some((flag) => flag.trim() === 'timing');

/**
 * Per-stage timestamps of one session's handshake on stderr, relative to the session's creation
 * (its POST's body read): where a WHIP POST → connected or a WHEP POST → first packet spends its time. A no-op
 * unless `ONAIR_DEBUG=timing`.
 */
export class SessionTiming {
  private readonly start = performance.now();
  private readonly seen = new Set<string>();

  constructor(private readonly label: string) {}

  /** Logs `stage` once (later calls with the same stage are ignored). */
  mark(stage: string): void {
    if (!timingEnabled || this.seen.has(stage)) return;
    this.seen.add(stage);
    console.error(`onair timing ${this.label} +${(performance.now() - this.start).toFixed(1)} ms ${stage}`);
  }

  /** Marks the transport stages werift reports: ICE checks and states, DTLS, the peer's state. */
  watch(pc: RTCPeerConnection): void {
    if (!timingEnabled) return;
    pc.iceConnectionStateChange.subscribe((state) => this.mark(`ice ${state}`));
    pc.connectionStateChange.subscribe((state) => this.mark(`peer ${state}`));
    for (const [index, dtls] of pc.dtlsTransports.entries()) {
      const connection = dtls.iceTransport.connection;
      // werift's IceConnection interface leaves out the sockets its Connection class holds.
      const { protocols } = connection as unknown as { protocols: { onRequestReceived: { subscribe(f: () => void): void } }[] };
      for (const protocol of protocols) {
        protocol.onRequestReceived.subscribe(() => this.mark(`transport ${index}: first STUN request`));
      }
      connection.onData.subscribe(() => this.mark(`transport ${index}: first DTLS/media datagram`));
      dtls.onStateChange.subscribe((state) => this.mark(`transport ${index}: dtls ${state} (${dtls.role})`));
    }
  }
}
