import { onAbort } from './abortable';

/**
 * Reads what arrives on `pc` every `ms` until `signal` aborts: video frames decoded and packets
 * received (all kinds), handed to `onRead` as running totals.
 */
export function watchMedia(pc: RTCPeerConnection, ms: number, signal: AbortSignal, onRead: (frames: number, packets: number) => void): void {
  const timer = setInterval(async () => {
    const report = await pc.getStats().catch(() => null);
    let frames = 0;
    let packets = 0;
    report?.forEach((s: { type: string; framesDecoded?: number; packetsReceived?: number }) => {
      if (s.type !== 'inbound-rtp') return;
      frames += s.framesDecoded ?? 0;
      packets += s.packetsReceived ?? 0;
    });
    onRead(frames, packets);
  }, ms);
  onAbort(signal, () => clearInterval(timer));
}
