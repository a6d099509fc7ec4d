import { captureLatency } from './captureTime';

/** One normalised reading of a session's main RTP stream (video, else audio). Units: bits/s, seconds. */
export interface MediaStats {
  timestamp: number;
  kind: 'audio' | 'video';
  /** Bytes sent (WHIP) or received (WHEP) so far. */
  bytes: number;
  /** Since the previous reading; undefined on the first. */
  bitrate?: number;
  fps?: number;
  width?: number;
  height?: number;
  framesDecoded?: number;
  packetsLost?: number;
  /** Fraction of packets lost (0–1) over the session. */
  packetLoss?: number;
  jitter?: number;
  rtt?: number;
  /** e.g. 'VP8', 'H264', 'opus'. */
  codec?: string;
  /** Local/remote candidate types of the selected pair, e.g. 'host/host', 'relay/host'. */
  candidatePairType?: string;
  /** Average jitter buffer delay (inbound only). */
  jitterBufferDelay?: number;
  /**
   * Glass-to-glass estimate in ms (WHEP): capture on the creator's machine to playout here, from the
   * `abs-capture-time` RTP header extension where the publisher, server and browser carry it.
   */
  latencyMs?: number;
}

type Stat = Record<string, number | string | boolean | undefined> & { id: string; type: string };

/** Picks the session's main stream from a getStats() report and normalises it; `latencyMs` from `receivers`. */
export function normalizeStats(report: RTCStatsReport, previous?: MediaStats | null, receivers: readonly RTCRtpReceiver[] = []): MediaStats | null {
  const all: Stat[] = [];
  report.forEach((s: Stat) => all.push(s));
  const byId = (id: unknown) => all.find((s) => s.id === id);
  const rtp = ['video', 'audio']
    .map((kind) => all.find((s) => (s.type === 'inbound-rtp' || s.type === 'outbound-rtp') && s.kind === kind))
    .find(Boolean);
  if (!rtp) return null;
  const inbound = rtp.type === 'inbound-rtp';
  const num = (s: Stat | undefined, key: string) => (typeof s?.[key] === 'number' ? (s[key] as number) : undefined);
  // Outbound loss, jitter and RTT come back from the receiver in RTCP (remote-inbound-rtp).
  const loss = inbound ? rtp : all.find((s) => s.type === 'remote-inbound-rtp' && s.localId === rtp.id);
  const transport = all.find((s) => s.type === 'transport');
  const pair =
    byId(transport?.selectedCandidatePairId) ?? all.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
  const timestamp = num(rtp, 'timestamp') ?? Date.now();
  const bytes = num(rtp, inbound ? 'bytesReceived' : 'bytesSent') ?? 0;
  const lost = num(loss, 'packetsLost');
  const received = num(rtp, inbound ? 'packetsReceived' : 'packetsSent');
  const emitted = num(rtp, 'jitterBufferEmittedCount');
  const codec = byId(rtp.codecId)?.mimeType;
  const local = byId(pair?.localCandidateId)?.candidateType;
  const remote = byId(pair?.remoteCandidateId)?.candidateType;
  const elapsed = previous ? (timestamp - previous.timestamp) / 1000 : 0;
  return {
    timestamp,
    kind: rtp.kind as 'audio' | 'video',
    bytes,
    // A reconnection restarts the byte counters: no bitrate across it.
    bitrate: elapsed > 0 && previous && bytes >= previous.bytes ? ((bytes - previous.bytes) * 8) / elapsed : undefined,
    fps: num(rtp, 'framesPerSecond'),
    width: num(rtp, 'frameWidth'),
    height: num(rtp, 'frameHeight'),
    framesDecoded: num(rtp, 'framesDecoded'),
    packetsLost: lost,
    packetLoss: lost !== undefined && received ? lost / (lost + received) : undefined,
    jitter: num(loss, 'jitter'),
    rtt: num(loss, 'roundTripTime') ?? num(pair, 'currentRoundTripTime'),
    codec: typeof codec === 'string' ? codec.slice(codec.indexOf('/') + 1) : undefined,
    candidatePairType: local && remote ? `${local}/${remote}` : undefined,
    jitterBufferDelay: emitted ? (num(rtp, 'jitterBufferDelay') ?? 0) / emitted : undefined,
    latencyMs: captureLatency(receivers, rtp.kind as string),
  };
}

/**
 * A function returning a normalised reading of `session`'s main stream on each call (bitrate is
 * measured between calls), or null while there is no connection. Separate from the sessions so
 * apps that show no stats do not ship this code.
 */
export function createStatsReader(session: {
  getStats(): Promise<RTCStatsReport | null>;
  /** Where `latencyMs` comes from (sessions have it); without it there is no `latencyMs`. */
  getReceivers?(): readonly RTCRtpReceiver[];
}): () => Promise<MediaStats | null> {
  let previous: MediaStats | null = null;
  return async () => {
    const report = await session.getStats();
    return (previous = report && normalizeStats(report, previous, session.getReceivers?.()));
  };
}
