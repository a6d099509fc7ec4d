// Bundled as a classic script that each page loads before its module (both Chromium and Firefox): wraps
// RTCPeerConnection and fetch so every client is timed the same way, without relying on the
// client's own events. Listens with addEventListener so clients that assign pc.on* handlers neither
// see nor disturb it.
{
  const Native = window.RTCPeerConnection;
  const peers: { createdAt: number; connectedAt: number | null }[] = [];
  /** WHIP/WHEP offers: the first POST with an SDP body tells how long a client waited before sending. */
  const posts: { sentAt: number; answeredAt: number | null }[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };

  class RecordedPeerConnection extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      const entry = { createdAt: performance.now(), connectedAt: null as number | null };
      peers.push(entry);
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected' && entry.connectedAt === null) {
          entry.connectedAt = performance.now();
          wake();
        }
      });
    }
  }
  Object.defineProperty(RecordedPeerConnection, 'name', { value: 'RTCPeerConnection' });
  window.RTCPeerConnection = RecordedPeerConnection;

  const nativeFetch = window.fetch;
  window.fetch = function recordedFetch(input: RequestInfo | URL, init?: RequestInit) {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const promise = nativeFetch.call(this, input, init);
    if (method === 'POST') {
      const entry = { sentAt: performance.now(), answeredAt: null as number | null };
      posts.push(entry);
      promise.then(
        () => (entry.answeredAt = performance.now()),
        () => {},
      );
    }
    return promise;
  };

  (window as unknown as { __benchRecorder: unknown }).__benchRecorder = {
    /** Resolves with the time the first peer connection created at/after `since` reached 'connected'. */
    connectedAfter(since: number): Promise<number> {
      return new Promise((resolve) => {
        const check = () => {
          const hit = peers.find((p) => p.createdAt >= since && p.connectedAt !== null);
          if (!hit) return;
          waiters.delete(check);
          resolve(hit.connectedAt!);
        };
        waiters.add(check);
        check();
      });
    },
    /** The first POST sent at/after `since`: when it left and when its answer arrived. */
    firstPostAfter(since: number): { sentAt: number; answeredAt: number | null } | undefined {
      return posts.find((p) => p.sentAt >= since);
    },
  };
}

export {};
