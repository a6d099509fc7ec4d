import { Subscribable, type VideoEncoding, type WhepSnapshot } from '@onair/core';
import { IDLE_WHEP } from './idleSnapshots';

/** A session's snapshot with any status: a WHIP or WHEP one (viewerCount/streamEnded unused for WHIP). */
export type SimulatedSnapshot<Status extends string> = Omit<WhepSnapshot, 'status'> & { readonly status: Status };
type Step<Status extends string> = Partial<SimulatedSnapshot<Status>> & { status: Status };

/** Numbers the simulated `getStats()` reports (through the real `normalizeStats`). */
export interface SimulatedStats {
  kind?: 'audio' | 'video';
  /** bits/s, integrated over time into a growing byte count. */
  bitrate?: number;
  fps?: number;
  width?: number;
  height?: number;
  codec?: string;
  packetsLost?: number;
  jitter?: number;
  rtt?: number;
  candidatePairType?: `${RTCIceCandidateType}/${RTCIceCandidateType}`;
}

export interface SimulatedScript<Status extends string> {
  /** Where the session starts (default: idle). */
  initial?: Step<Status>;
  /** What `start()` goes through, one step every `stepMs`; a last step with an `error` makes `start()` reject. */
  onStart?: Step<Status>[];
  stepMs?: number;
  /** What `getStats()` reports while the session has a stream; default: no stats (null). */
  stats?: SimulatedStats;
}

const SIMULATED_SESSION_URL = 'https://simulated.invalid/session/1';

/**
 * A session with the shape of @onair/core's WhipSession / WhepSession that plays a script instead of
 * talking to a server: stories, unit tests and apps' own UI tests render every state through it. It
 * counts its starts and stops, records replaced tracks and encodings, and `set()` moves it to any
 * state from the outside (say, `set({ status: 'waiting', streamEnded: true })` for a creator who ended).
 */
export class SimulatedSession<Status extends string> extends Subscribable<SimulatedSnapshot<Status>> {
  starts = 0;
  stops = 0;
  iceRestarts = 0;
  readonly replacedTracks: MediaStreamTrack[] = [];
  readonly encodings: VideoEncoding[] = [];
  readonly #script: SimulatedScript<Status>;
  #bytes = 0;
  #statsAt = 0;

  constructor(script: SimulatedScript<Status> = {}) {
    super({ ...(IDLE_WHEP as unknown as SimulatedSnapshot<Status>), ...script.initial });
    this.#script = script;
  }

  /** Plays the script; a WHIP-style call passes the stream to publish, which the snapshot then shows. */
  readonly start = async (stream?: MediaStream | { signal?: AbortSignal }): Promise<void> => {
    this.starts += 1;
    if (stream && 'getTracks' in stream) this.set({ stream });
    for (const step of this.#script.onStart ?? []) {
      this.set({ sessionUrl: SIMULATED_SESSION_URL, ...step });
      if (step.error) throw step.error;
      await new Promise((resolve) => setTimeout(resolve, this.#script.stepMs ?? 50));
    }
  };

  readonly stop = async (): Promise<void> => {
    if (this.getSnapshot().status === 'idle' || this.getSnapshot().status === 'ended') return;
    this.stops += 1;
    this.set({ status: 'ended' as Status, error: null, sessionUrl: null, stream: null });
  };

  readonly replaceTrack = async (track: MediaStreamTrack): Promise<void> => {
    this.replacedTracks.push(track);
    const others = this.getSnapshot().stream?.getTracks().filter((t) => t.kind !== track.kind) ?? [];
    this.set({ stream: new MediaStream([...others, track]) });
  };

  readonly setVideoEncoding = async (encoding: VideoEncoding): Promise<void> => {
    this.encodings.push(encoding);
  };

  readonly restartIce = async (): Promise<void> => {
    this.iceRestarts += 1;
  };

  /** A stats report shaped like Chromium's (inbound for a player, outbound for a publisher). */
  readonly getStats = async (): Promise<RTCStatsReport | null> => {
    const stats = this.#script.stats;
    const { status } = this.getSnapshot();
    if (!stats || status === 'idle' || status === 'ended' || status === 'failed') return null;
    const now = performance.now();
    if (this.#statsAt) this.#bytes += ((stats.bitrate ?? 0) / 8) * ((now - this.#statsAt) / 1000);
    this.#statsAt = now;
    const [local, remote] = (stats.candidatePairType ?? 'host/host').split('/');
    const outbound = status === 'live';
    const rtp = {
      id: 'rtp',
      type: outbound ? 'outbound-rtp' : 'inbound-rtp',
      kind: stats.kind ?? 'video',
      timestamp: now,
      [outbound ? 'bytesSent' : 'bytesReceived']: Math.round(this.#bytes),
      [outbound ? 'packetsSent' : 'packetsReceived']: 1000,
      packetsLost: stats.packetsLost ?? 0,
      jitter: stats.jitter,
      framesPerSecond: stats.fps,
      frameWidth: stats.width,
      frameHeight: stats.height,
      codecId: 'codec',
    };
    const report: Array<Record<string, unknown> & { id: string }> = [
      rtp,
      { id: 'codec', type: 'codec', mimeType: `${stats.kind ?? 'video'}/${stats.codec ?? 'VP8'}` },
      { id: 'transport', type: 'transport', selectedCandidatePairId: 'pair' },
      { id: 'pair', type: 'candidate-pair', localCandidateId: 'local', remoteCandidateId: 'remote', currentRoundTripTime: stats.rtt },
      { id: 'local', type: 'local-candidate', candidateType: local },
      { id: 'remote', type: 'remote-candidate', candidateType: remote },
    ];
    return new Map(report.map((s) => [s.id, s])) as unknown as RTCStatsReport;
  };

  set(patch: Partial<SimulatedSnapshot<Status>>): void {
    this.update(patch);
  }
}
