/**
 * Calls `onFrozen` once when the first inbound video stream's `framesDecoded` stays flat for `ms`
 * while the connection is up (a stalled publisher, a relay that dropped us). Only after a first
 * frame: an audio-only creator must not cause endless re-subscribing. Returns a stop function.
 */
export function watchFrozenVideo(pc: RTCPeerConnection, ms: number, onFrozen: () => void): () => void {
  let last = -1;
  let since = Date.now();
  const timer = setInterval(
    async () => {
      const report = await pc.getStats().catch(() => null);
      let frames = 0;
      report?.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') frames = s.framesDecoded ?? 0;
      });
      const now = Date.now();
      if (frames !== last || !frames || pc.connectionState !== 'connected') {
        last = frames;
        since = now;
      } else if (now - since >= ms) {
        clearInterval(timer);
        onFrozen();
      }
    },
    Math.min(1000, ms / 2),
  );
  return () => clearInterval(timer);
}
