import type { MediaStreamTrack, RTCRtpCodecParameters, RTCRtpReceiver, RTCRtpSender, RtcpPacket, RtpPacket } from 'werift';
import { ABS_CAPTURE_TIME_URI, sameBitstream } from './codecs.js';
import { isRtx } from './rtx.js';
import { FrameDropper } from './frameDropper.js';
import { fullIntraRequest } from './fullIntraRequest.js';
import { KeyframeCache } from './keyframeCache.js';
import { startsKeyframe } from './keyframeDetector.js';
import { KeyframeRequester } from './keyframeRequester.js';
import { startHeartbeat } from './publisherHeartbeat.js';
import { copyRtpPacket } from './rtpPacketCopy.js';
import { RtpForwarder } from './rtpForwarder.js';
import { SequenceTracker } from './sequenceTracker.js';
import { SlicedQueue } from './slicedQueue.js';
import type { WebRtcSession } from './webrtcSession.js';

type Kind = 'audio' | 'video';

// RTCP payload-specific feedback (RFC 4585/5104): PLI is FMT 1, FIR is FMT 4.
const RTCP_PSFB = 206;
const FMT_PLI = 1;
const FMT_FIR = 4;
// Sender and receiver reports (RFC 3550) carry report blocks with the fraction lost.
const RTCP_SR = 200;
const RTCP_RR = 201;

/**
 * A cached group of pictures older than this is not replayed: the burst of old frames grows the
 * viewer's jitter buffer (measured in Chromium: 50–450 ms with groups seconds old, ~4 ms with fresh
 * ones). The keyframe asked for when the viewer POSTs is usually cached before its transport is up.
 */
export const KEYFRAME_CACHE_MAX_AGE_MS = 500;
/** How often a viewer waiting for its first keyframe asks again (through the shared rate limit). */
export const KEYFRAME_RETRY_MS = 150;
/** After this, a viewer that saw no keyframe gets video anyway and its own PLIs take over. */
export const KEYFRAME_WAIT_MAX_MS = 2000;
/**
 * Fan-out work per event-loop turn, as timed by our loop. A packet costs ~12–15 µs per viewer
 * (SRTP, UDP send; RtpForwarder) and the creator's packets arrive in bursts read in one turn:
 * sending each to every viewer at once blocked the loop for 100–200 ms at 100–150 viewers
 * (bench/fanout). With 2 ms slices the loop was still 20–30 ms late at p99 (100–150 viewers, when
 * werift's promise tails ran after each slice), with 1 ms 5–12 ms.
 */
export const FANOUT_SLICE_MS = 1;
/**
 * How far behind (the oldest packet's wait) the fan-out may fall before it drops video, whole
 * frames until a keyframe, for every viewer: past it the server cannot keep up, and the backlog
 * would only add delay and memory while the loop stopped reading the creator's packets (which
 * every viewer would then lose at random, audio too). It resumes at a keyframe once the backlog
 * is under half of this.
 */
export const FANOUT_MAX_DELAY_MS = 300;
/**
 * The last resort, for memory: a backlog this old is beyond what even audio alone can be fanned
 * out at, so audio is dropped too (the overload guard should refuse viewers long before).
 */
export const FANOUT_MAX_AUDIO_DELAY_MS = 2000;
/**
 * A viewer whose receiver reports this fraction lost (of 256) cannot keep up with the stream: its
 * video is dropped, whole frames until the next keyframe, instead of arriving broken.
 */
export const VIEWER_MAX_FRACTION_LOST = 64;
/** Viewers sent to between two looks at the clock. */
const VIEWERS_PER_CLOCK_CHECK = 8;

/**
 * A viewer's video: `connecting` until its DTLS/SRTP transport is up (werift drops what is sent
 * before), `awaiting-keyframe` while live video is held back until one starts, then `playing`.
 */
type VideoState = 'connecting' | 'awaiting-keyframe' | 'playing';

interface Viewer {
  session: WebRtcSession;
  senders: Partial<Record<Kind, RTCRtpSender>>;
  forwarders: Partial<Record<Kind, RtpForwarder>>;
  /** Whole video frames left out for this viewer alone while it cannot keep up. */
  frames: FrameDropper;
  video: VideoState;
  retry: NodeJS.Timeout | null;
  /** Packets queued before the viewer left still list it. */
  closed: boolean;
}

export interface RelayOptions {
  /** Replay the creator's packets since its last keyframe to each joining viewer (default true). */
  keyframeCache?: boolean;
  /** Where failures of the relay's own work go (default: stderr). */
  log?: (message: string) => void;
}

/** What a relay tells its listeners: the creator went live or stopped, the viewer count changed. */
export type RelayEvent = { type: 'live'; live: boolean } | { type: 'viewers'; count: number };

export interface RelayStats {
  live: boolean;
  viewers: number;
  packetsIn: number;
  bytesIn: number;
  packetsRelayed: number;
  /** Gaps in the publisher's RTP sequence numbers. */
  packetsLost: number;
  /** The creator's packets that arrived before (retransmissions, RTX probes): relayed once. */
  packetsRepeated: number;
  /**
   * The creator's packets not relayed to anyone: the fan-out fell behind (FANOUT_MAX_DELAY_MS) and
   * dropped whole video frames until a keyframe, or, far behind, audio too.
   */
  packetsDropped: number;
  /** Whole video frames dropped for every viewer because the fan-out fell behind. */
  framesDropped: number;
  /** Whole video frames dropped for single viewers that could not keep up (summed over viewers). */
  viewerFramesDropped: number;
  /** Keyframes the creator sent (VP8/VP9/H.264/AV1 payload headers). */
  keyframesIn: number;
  keyframeRequests: number;
  keyframeRequestsSent: number;
  /** Bits per second received from the creator over the last second. */
  bitrateIn: number;
}

/**
 * Fans one creator's RTP out to every viewer of a live input, through one RtpForwarder per viewer
 * sender: the creator's packet (copied once on arrival, since video is renumbered) is shared by
 * all of them. Packets are fanned out in arrival order, about a millisecond of sends per event-loop
 * turn (SlicedQueue), so a burst of them does not stall the server; when the fan-out falls behind,
 * or a viewer cannot keep up, video is thinned by whole frames (FrameDropper), audio never.
 */
export class InputRelay {
  private publisher: WebRtcSession | null = null;
  private readonly tracks = new Map<Kind, { track: MediaStreamTrack; receiver: RTCRtpReceiver }>();
  /** The creator's abs-capture-time extension id per kind, where it negotiated it. */
  private readonly captureTimeIds = new Map<Kind, number>();
  private readonly viewers = new Map<WebRtcSession, Viewer>();
  /** The viewers as an array, replaced (never changed) on joins and leaves: queued packets keep theirs. */
  private viewerList: readonly Viewer[] = [];
  /** Packets and viewer starts, in arrival order, fanned out a slice per turn. */
  private readonly fanout = new SlicedQueue(FANOUT_SLICE_MS, (error) => this.fail(error));
  private readonly sequences = new Map<number, SequenceTracker>();
  /** Video frames dropped for the whole fan-out while it is behind. */
  private readonly frames = new FrameDropper();
  /** Frames dropped for viewers that have left. */
  private viewerFramesDroppedBefore = 0;
  private readonly keyframes = new KeyframeRequester(() => this.sendKeyframeRequest());
  private firSequence = 0;
  private bitrateWindow = { start: Date.now(), bytes: 0, rate: 0, complete: false };
  private readonly counters = { packetsIn: 0, bytesIn: 0, packetsRelayed: 0, packetsLost: 0, packetsRepeated: 0, audioDropped: 0, keyframesIn: 0 };
  private lastKeyframeTimestamp: number | undefined;
  private readonly listeners = new Set<(event: RelayEvent) => void>();
  private announcedLive = false;

  private readonly cache: KeyframeCache | null;
  private videoMimeType: string | undefined;
  private readonly log: (message: string) => void;

  constructor(
    readonly uid: string,
    options: RelayOptions = {},
  ) {
    this.cache = options.keyframeCache === false ? null : new KeyframeCache();
    this.log = options.log ?? ((message) => console.error(message));
  }

  get publisherSession(): WebRtcSession | null {
    return this.publisher;
  }

  get live(): boolean {
    return this.publisher?.connected ?? false;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** The codec the creator sends per kind: the first one negotiated (JSEP: the sender's choice). */
  publisherCodec(kind: Kind): RTCRtpCodecParameters | undefined {
    const transceiver = this.publisher?.pc.getTransceivers().find((t) => t.kind === kind);
    return transceiver?.codecs.find((c) => !isRtx(c));
  }

  subscribe(listener: (event: RelayEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call before the publisher's offer is applied, so no track is missed. */
  attachPublisher(session: WebRtcSession): void {
    this.publisher = session;
    this.tracks.clear();
    this.captureTimeIds.clear();
    this.cache?.clear();
    this.sequences.clear();
    this.videoMimeType = undefined;
    this.lastKeyframeTimestamp = undefined;
    const { pc } = session;
    pc.onTrack.subscribe((track) => {
      const receiver = pc.getReceivers().find((r) => r.tracks.includes(track));
      if (!receiver || (track.kind !== 'audio' && track.kind !== 'video')) return;
      this.tracks.set(track.kind, { track, receiver });
      const captureTimeId = pc.getTransceivers().find((t) => t.receiver === receiver)?.headerExtensions.find((e) => e.uri === ABS_CAPTURE_TIME_URI)?.id;
      if (captureTimeId !== undefined) this.captureTimeIds.set(track.kind, captureTimeId);
      track.onReceiveRtp.subscribe((rtp) => {
        session.timing.mark(`first ${track.kind} packet from the creator`);
        this.forward(track.kind as Kind, rtp);
      });
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected' && this.publisher === session && !this.announcedLive) {
        this.announcedLive = true;
        this.dropIncompatibleViewers();
        this.emit({ type: 'live', live: true });
        this.keyframes.request();
      }
    });
    session.onClose(startHeartbeat(pc));
    session.onClose(() => this.detachPublisher(session));
  }

  addViewer(session: WebRtcSession): void {
    const viewer: Viewer = { session, senders: {}, forwarders: {}, frames: new FrameDropper(), video: 'connecting', retry: null, closed: false };
    for (const transceiver of session.pc.getTransceivers()) {
      if (transceiver.kind !== 'audio' && transceiver.kind !== 'video') continue;
      viewer.senders[transceiver.kind] = transceiver.sender;
      viewer.forwarders[transceiver.kind] = new RtpForwarder(transceiver.sender);
    }
    // Listen on the transport, not the sender: werift routes feedback by the sender SSRC of the
    // viewer's RTCP, which can be a receiver the viewer's offer announced, not our sender.
    // A viewer receives one video stream, so any PLI/FIR it sends asks for a keyframe.
    viewer.senders.video?.dtlsTransport.onRtcp.subscribe((packet: RtcpPacket) => {
      const feedback = (packet as { feedback?: { count?: number } }).feedback;
      if (packet.type === RTCP_PSFB && (feedback?.count === FMT_PLI || feedback?.count === FMT_FIR)) this.keyframes.request();
      if (packet.type === RTCP_RR || packet.type === RTCP_SR) this.receiverReport(viewer, packet as RtcpPacket & { reports: { ssrc: number; fractionLost: number }[] });
    });
    // The media path is up when the video sender's DTLS transport is (SRTP keys are set by then);
    // the peer's connection state is a fallback in case werift swapped the transport for BUNDLE.
    // In the fan-out's order: the packets queued before it are in the cached group it replays.
    const mediaUp = () => {
      if (viewer.senders.video?.dtlsTransport.state !== 'connected' || viewer.video !== 'connecting') return;
      this.fanout.run(() => {
        this.startVideo(viewer);
        return true;
      });
    };
    viewer.senders.video?.dtlsTransport.onStateChange.subscribe(mediaUp);
    session.pc.connectionStateChange.subscribe(mediaUp);
    this.viewers.set(session, viewer);
    this.viewerList = [...this.viewers.values()];
    session.onClose(() => {
      viewer.closed = true;
      if (viewer.retry) clearInterval(viewer.retry);
      for (const forwarder of Object.values(viewer.forwarders)) forwarder.close();
      this.viewerFramesDroppedBefore += viewer.frames.framesDropped;
      this.viewers.delete(session);
      this.viewerList = [...this.viewers.values()];
      this.emit({ type: 'viewers', count: this.viewers.size });
    });
    this.emit({ type: 'viewers', count: this.viewers.size });
    // Asked now, the keyframe is usually cached by the time the viewer's transport is up.
    this.keyframes.request();
  }

  /**
   * The viewer's media path just came up: replay a fresh cached group of pictures, or hold live
   * video back until a keyframe starts and ask for one until then (rate-limited, shared).
   */
  private startVideo(viewer: Viewer): void {
    const forwarder = viewer.forwarders.video;
    if (viewer.video !== 'connecting' || !forwarder || viewer.closed) return;
    const cached = this.cache?.snapshot();
    if (cached && cached.ageMs <= KEYFRAME_CACHE_MAX_AGE_MS) {
      viewer.video = 'playing';
      for (const packet of cached.packets) forwarder.send(packet, packet.header.sequenceNumber, this.captureTime('video', packet));
      this.counters.packetsRelayed += cached.packets.length;
      viewer.session.timing.mark(`cached group of pictures sent (${cached.packets.length} packets, ${cached.ageMs} ms old)`);
      return;
    }
    viewer.video = 'awaiting-keyframe';
    const since = Date.now();
    const ask = () => {
      if (viewer.video !== 'awaiting-keyframe') return;
      if (Date.now() - since < KEYFRAME_WAIT_MAX_MS) return this.keyframes.request();
      // No keyframe recognised: better undecodable video than none, the viewer's PLIs follow.
      this.playing(viewer);
    };
    ask();
    viewer.retry = setInterval(ask, KEYFRAME_RETRY_MS);
    viewer.retry.unref();
  }

  private playing(viewer: Viewer): void {
    viewer.session.timing.mark('live video from a keyframe on');
    viewer.video = 'playing';
    if (viewer.retry) clearInterval(viewer.retry);
    viewer.retry = null;
  }

  /**
   * Viewers stay through a creator's reconnect, but only if they can decode the new creator's
   * codec; the others are ended so their players subscribe again.
   */
  private dropIncompatibleViewers(): void {
    for (const viewer of this.viewers.values()) {
      for (const kind of ['audio', 'video'] as const) {
        const published = this.publisherCodec(kind);
        const negotiated = viewer.senders[kind]?.codec;
        if (published && negotiated && !sameBitstream(published, negotiated)) void viewer.session.close();
      }
    }
  }

  stats(): RelayStats {
    this.rollBitrate(0);
    const { audioDropped, ...counters } = this.counters;
    let viewerFramesDropped = this.viewerFramesDroppedBefore;
    for (const viewer of this.viewers.values()) viewerFramesDropped += viewer.frames.framesDropped;
    return {
      live: this.live,
      viewers: this.viewers.size,
      ...counters,
      packetsDropped: this.frames.packetsDropped + audioDropped,
      framesDropped: this.frames.framesDropped,
      viewerFramesDropped,
      keyframeRequests: this.keyframes.requests,
      keyframeRequestsSent: this.keyframes.sent,
      bitrateIn: this.bitrateWindow.rate,
    };
  }

  close(): void {
    this.keyframes.close();
    this.fanout.clear();
    this.listeners.clear();
  }

  /** Listeners run inside werift's callbacks: one that throws (a full disk under the store) is logged. */
  private emit(event: RelayEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.fail(error);
      }
    }
  }

  private fail(error: unknown): void {
    this.log(`relay ${this.uid}: ${(error as Error)?.stack ?? String(error)}`);
  }

  private detachPublisher(session: WebRtcSession): void {
    if (this.publisher !== session) return;
    this.publisher = null;
    this.tracks.clear();
    this.cache?.clear();
    if (this.announcedLive) {
      this.announcedLive = false;
      this.emit({ type: 'live', live: false });
    }
  }

  private forward(kind: Kind, rtp: RtpPacket): void {
    const { ssrc, sequenceNumber } = rtp.header;
    this.counters.packetsIn++;
    this.counters.bytesIn += rtp.payload.length;
    this.rollBitrate(rtp.payload.length + rtp.header.serializeSize);
    let sequence = this.sequences.get(ssrc);
    if (!sequence) this.sequences.set(ssrc, (sequence = new SequenceTracker()));
    const arrival = sequence.push(sequenceNumber);
    if (!arrival.fresh) {
      this.counters.packetsRepeated++;
      return;
    }
    this.counters.packetsLost += arrival.lost;

    // Copied now: the fan-out may run turns later, and video is renumbered below.
    const packet = copyRtpPacket(rtp);
    const delay = this.fanout.delayMs;
    let keyframe = false;
    if (kind === 'video') {
      keyframe = this.startsKeyframe(packet);
      if (delay > FANOUT_MAX_DELAY_MS && !this.frames.dropping) {
        this.frames.drop();
        // The encoder's next keyframe ends the dropping.
        this.keyframes.request();
      }
      const numbered = this.frames.pass(ssrc, sequenceNumber, packet.header.timestamp, keyframe, delay < FANOUT_MAX_DELAY_MS / 2);
      if (numbered === null) {
        // A keyframe that came while still behind: the one after it may end the dropping.
        if (keyframe) this.keyframes.request();
        return;
      }
      packet.header.sequenceNumber = numbered;
    } else if (delay > FANOUT_MAX_AUDIO_DELAY_MS) {
      this.counters.audioDropped++;
      return;
    }
    const captureTime = this.captureTime(kind, packet);
    const viewers = this.viewerList;
    let cached = false;
    let next = 0;
    this.fanout.run((deadline) => {
      // In fan-out order: a viewer starting from the cache gets what was fanned out before it.
      if (!cached && kind === 'video') this.cache?.add(packet, keyframe);
      cached = true;
      while (next < viewers.length) {
        this.sendTo(viewers[next++]!, kind, packet, keyframe, captureTime);
        if (next % VIEWERS_PER_CLOCK_CHECK === 0 && next < viewers.length && performance.now() >= deadline) return false;
      }
      return true;
    });
  }

  /** Whether a video packet starts a keyframe (VP8/VP9/H.264/AV1 payload headers); counts keyframes. */
  private startsKeyframe(packet: RtpPacket): boolean {
    this.videoMimeType ??= this.publisherCodec('video')?.mimeType;
    const keyframe = this.videoMimeType !== undefined && startsKeyframe(this.videoMimeType, packet.payload);
    if (keyframe && packet.header.timestamp !== this.lastKeyframeTimestamp) {
      this.lastKeyframeTimestamp = packet.header.timestamp;
      this.counters.keyframesIn++;
    }
    return keyframe;
  }

  /**
   * The creator's capture time on this packet (abs-capture-time payload), if it negotiated and sent
   * one of the extension's two sizes (any other would not fit a one-byte header element).
   */
  private captureTime(kind: Kind, packet: RtpPacket): Buffer | undefined {
    const id = this.captureTimeIds.get(kind);
    const payload = id === undefined ? undefined : packet.header.extensions.find((e) => e.id === id)?.payload;
    return payload?.length === 8 || payload?.length === 16 ? payload : undefined;
  }

  private sendTo(viewer: Viewer, kind: Kind, packet: RtpPacket, keyframe: boolean, captureTime: Buffer | undefined): void {
    const forwarder = viewer.forwarders[kind];
    if (!forwarder || viewer.closed) return;
    let sequenceNumber = packet.header.sequenceNumber;
    if (kind === 'video') {
      if (viewer.video !== 'playing') {
        if (viewer.video === 'connecting' || !keyframe) return;
        this.playing(viewer);
      }
      const numbered = viewer.frames.pass(packet.header.ssrc, sequenceNumber, packet.header.timestamp, keyframe);
      if (numbered === null) return;
      sequenceNumber = numbered;
    }
    // A viewer whose transport just died is skipped; its session is closing anyway.
    if (forwarder.send(packet, sequenceNumber, captureTime)) this.counters.packetsRelayed++;
  }

  /** A viewer losing a large share of its video cannot keep up: whole frames are dropped for it until a keyframe. */
  private receiverReport(viewer: Viewer, report: { reports: { ssrc: number; fractionLost: number }[] }): void {
    const ssrc = viewer.senders.video?.ssrc;
    const lossy = report.reports.some((block) => block.ssrc === ssrc && block.fractionLost >= VIEWER_MAX_FRACTION_LOST);
    if (!lossy || viewer.video !== 'playing' || viewer.frames.dropping) return;
    viewer.frames.drop();
    this.keyframes.request();
  }

  /** PLI, plus a FIR when the creator negotiated `ccm fir` (encoders may honour only one). */
  private sendKeyframeRequest(): void {
    const video = this.tracks.get('video');
    const ssrc = video?.track.ssrc;
    if (!video || ssrc === undefined) return;
    video.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
    const fir = this.publisherCodec('video')?.rtcpFeedback.some((f) => f.type === 'ccm' && f.parameter === 'fir');
    if (!fir) return;
    this.firSequence = (this.firSequence + 1) & 0xff;
    video.receiver.dtlsTransport.sendRtcp([fullIntraRequest(video.receiver.rtcpSsrc, ssrc, this.firSequence)]).catch(() => undefined);
  }

  /** Bits per second over the last full second; the first second is extrapolated. */
  private rollBitrate(bytes: number): void {
    const now = Date.now();
    const window = this.bitrateWindow;
    const elapsed = now - window.start;
    if (elapsed >= 1000) {
      const rate = elapsed < 2000 ? Math.round((window.bytes * 8 * 1000) / elapsed) : 0;
      this.bitrateWindow = { start: now, bytes: 0, rate, complete: true };
    } else if (!window.complete && elapsed > 0) {
      window.rate = Math.round((window.bytes * 8 * 1000) / elapsed);
    }
    this.bitrateWindow.bytes += bytes;
  }
}
