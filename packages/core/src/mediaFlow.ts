import { onAbort } from './abortable';

/**
 * Reads what arrives on `pc` every `ms` until `signal` aborts: video frames decoded, RTP packets
 * received (all kinds) and bytes of anything from the peer (RTCP too: all a sender gets), handed to
 * `onRead` as running totals.
 */
export function watchMedia(pc: RTCPeerConnection, ms: number, signal: AbortSignal, onRead: (frames: number, packets: number, bytes: number) => void): void {
  const timer = setInterval(async () => {
    const report = await pc.getStats().catch(() => null);
    let frames = 0;
    let packets = 0;
    let bytes = 0;
    report?.forEach((s: { type: string; framesDecoded?: number; packetsReceived?: number; bytesReceived?: number }) => {
      if (s.type === 'candidate-pair') bytes += s.bytesReceived ?? 0;
      if (s.type !== 'inbound-rtp') return;
      frames += s.framesDecoded ?? 0;
      packets += s.packetsReceived ?? 0;
    });
    onRead(frames, packets, bytes);
  }, ms);
  onAbort(signal, () => clearInterval(timer));
}
