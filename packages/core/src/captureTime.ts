/**
 * Glass-to-glass latency without a timestamp in the picture: with the `abs-capture-time` RTP header
 * extension the creator's browser stamps frames with their capture time (NTP), relays carry it, and
 * the player's receivers report it per synchronization source. Chromium offers it only when asked.
 */
const ABS_CAPTURE_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time';
/** ms from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_UNIX_MS = 2_208_988_800_000;

// Not in TypeScript's DOM types yet (W3C WebRTC extensions).
type Extension = { uri: string; direction: RTCRtpTransceiverDirection | 'stopped' };
type Negotiable = { getHeaderExtensionsToNegotiate(): Extension[]; setHeaderExtensionsToNegotiate?(extensions: Extension[]): void };
type CaptureSource = RTCRtpSynchronizationSource & { captureTimestamp?: number; senderCaptureTimeOffset?: number };

/** Offers abs-capture-time where the platform can negotiate it (a no-op elsewhere); returns `transceiver`. */
export function withCaptureTime(transceiver: RTCRtpTransceiver): RTCRtpTransceiver {
  const t = transceiver as RTCRtpTransceiver & Negotiable;
  t.setHeaderExtensionsToNegotiate?.(t.getHeaderExtensionsToNegotiate().map((e) => (e.uri === ABS_CAPTURE_TIME ? { ...e, direction: 'sendrecv' } : e)));
  return transceiver;
}

/**
 * Capture to playout of the last `kind` frame played, in ms, or undefined where no capture time
 * arrived. The capture time is on the creator's clock (moved to the sender's by
 * `senderCaptureTimeOffset`: capture clock = sender clock + offset), playout on this machine's:
 * right when the clocks agree (NTP-synced machines, or the same one).
 */
export function captureLatency(receivers: readonly RTCRtpReceiver[], kind: string): number | undefined {
  for (const receiver of receivers) {
    if (receiver.track.kind !== kind) continue;
    for (const { timestamp, captureTimestamp, senderCaptureTimeOffset = 0 } of receiver.getSynchronizationSources() as CaptureSource[]) {
      if (captureTimestamp !== undefined) return timestamp - (captureTimestamp - NTP_UNIX_MS - senderCaptureTimeOffset);
    }
  }
  return undefined;
}
