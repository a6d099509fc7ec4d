// Browser side of the glass-to-glass and recovery benches, one bundle for both roles (each role in
// its own page or browser). Creator: a canvas that paints the wall-clock time every animation
// frame, published with our WhipSession or a plain RTCPeerConnection (the direct peer and Janus).
// Viewer: our WhepSession or a plain answerer into a <video>; every presented frame is read back
// (requestVideoFrameCallback) into a latency sample and a timeline entry. Driven through `window.live`.
import { createStatsReader, normalizeStats, WhepSession, WhipSession, type MediaStats } from '@onair/core';
import { CANVAS, cellOrigin, CELL, encodeStamp, GRID, readStamp, stampAge, wallClockMs } from './stamp.ts';

type Status = { status: string; at: number; streamEnded?: boolean; error?: string };

let canvasStream: MediaStream | null = null;
let whip: WhipSession | null = null;
let whep: WhepSession | null = null;
const peers: RTCPeerConnection[] = [];
/** Wall-clock times of every status change of our session (creator or viewer), and streamEnded flips. */
const statuses: Status[] = [];
/** Wall-clock display times of every frame the viewer presented. */
const frameTimes: number[] = [];
let samples: number[] = [];
let unreadable = 0;
let coreLatency: number[] = [];
let readStats: (() => Promise<MediaStats | null>) | null = null;

// Our sessions' peer connections, for connection state and getStats.
class RecordedPeerConnection extends RTCPeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    peers.push(this);
  }
}

/** A canvas painting the time on every animation frame, captured on every paint. */
function source(): MediaStream {
  if (canvasStream) return canvasStream;
  const canvas = document.createElement('canvas');
  canvas.width = CANVAS.width;
  canvas.height = CANVAS.height;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d')!;
  const paint = () => {
    ctx.fillStyle = '#404040';
    ctx.fillRect(0, 0, CANVAS.width, CANVAS.height);
    encodeStamp(wallClockMs()).forEach((white, i) => {
      const { x, y } = cellOrigin(i);
      ctx.fillStyle = white ? '#ffffff' : '#000000';
      ctx.fillRect(x, y, CELL, CELL);
    });
    requestAnimationFrame(paint);
  };
  paint();
  return (canvasStream = canvas.captureStream());
}

function watch(session: WhipSession | WhepSession): void {
  let last = '';
  session.subscribe(() => {
    const snapshot = session.getSnapshot();
    const streamEnded = 'streamEnded' in snapshot ? snapshot.streamEnded : undefined;
    const key = `${snapshot.status}/${streamEnded}`;
    if (key === last) return;
    last = key;
    statuses.push({ status: snapshot.status, at: wallClockMs(), streamEnded, error: snapshot.error?.message });
  });
}

function video(): HTMLVideoElement {
  const existing = document.querySelector('video');
  if (existing) return existing;
  const element = document.createElement('video');
  element.muted = true;
  element.autoplay = true;
  element.playsInline = true;
  document.body.append(element);
  const reader = document.createElement('canvas');
  reader.width = GRID.width;
  reader.height = GRID.height;
  const ctx = reader.getContext('2d', { willReadFrequently: true })!;
  const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
    const shownAt = performance.timeOrigin + (meta.expectedDisplayTime || now);
    frameTimes.push(shownAt);
    // The decoded frame may be scaled (the encoder adapts): map it back onto the canvas' size.
    const sx = element.videoWidth / CANVAS.width;
    const sy = element.videoHeight / CANVAS.height;
    ctx.drawImage(element, 0, 0, GRID.width * sx, GRID.height * sy, 0, 0, GRID.width, GRID.height);
    const stamp = readStamp(ctx.getImageData(0, 0, GRID.width, GRID.height).data);
    if (stamp === null) unreadable++;
    else samples.push(stampAge(shownAt, stamp));
    element.requestVideoFrameCallback(onFrame);
  };
  element.requestVideoFrameCallback(onFrame);
  return element;
}

/** Resolves once ICE gathering is complete: the plain peers send one offer/answer with every candidate. */
function gathered(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  });
}

const live = {
  /**
   * Chromium hides host candidates behind mDNS names until the page has media permission: a
   * (fake, auto-granted) microphone lifts it so two pages can connect directly on loopback.
   */
  async unlockHostCandidates(): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) track.stop();
  },
  /** Creator: publish the canvas with our WhipSession; resolves when live. */
  async publish(url: string): Promise<void> {
    whip = new WhipSession({ url, iceServers: [], RTCPeerConnection: RecordedPeerConnection });
    watch(whip);
    await whip.start(source());
  },
  /** Creator: End stream (our stop(): close and DELETE); returns the wall-clock time it was called. */
  async endStream(): Promise<number> {
    const at = wallClockMs();
    await whip?.stop();
    whip = null;
    return at;
  },
  /** Creator, plain: an offer with every candidate (direct peer). */
  async offer(): Promise<string> {
    const pc = new RTCPeerConnection({ iceServers: [] });
    peers.push(pc);
    pc.addTransceiver(source().getVideoTracks()[0]!, { direction: 'sendonly' });
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    return pc.localDescription!.sdp;
  },
  async accept(answer: string): Promise<void> {
    await peers.at(-1)!.setRemoteDescription({ type: 'answer', sdp: answer });
  },
  /** Viewer: play with our WhepSession; returns at once (the viewer may come before the creator). */
  play(url: string): void {
    whep = new WhepSession({ url, iceServers: [], RTCPeerConnection: RecordedPeerConnection });
    watch(whep);
    readStats = createStatsReader(whep);
    const element = video();
    whep.subscribe(() => {
      const { stream } = whep!.getSnapshot();
      if (stream && element.srcObject !== stream) element.srcObject = stream;
    });
    whep.start().catch(() => undefined);
  },
  /** Viewer, plain: answer a peer's or a server's offer (direct peer, Janus subscriber). */
  async answer(offer: string): Promise<string> {
    const pc = new RTCPeerConnection({ iceServers: [] });
    peers.push(pc);
    const element = video();
    pc.addEventListener('track', ({ track }) => {
      if (track.kind === 'video') element.srcObject = new MediaStream([track]);
    });
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    return pc.localDescription!.sdp;
  },
  /** The latest peer connection's state (e.g. to publish only once the viewer is connected). */
  connectionState(): string {
    return peers.at(-1)?.connectionState ?? 'none';
  },
  /** Frames presented so far, and how many of them carried a readable stamp. */
  counts(): { frames: number; stamped: number; unreadable: number } {
    return { frames: frameTimes.length, stamped: samples.length, unreadable };
  },
  /**
   * Samples for `ms`: each presented frame's age (display time − the time painted on it), and our
   * WhepSession's own MediaStats.latencyMs twice a second where the build reports it.
   */
  async collect(ms: number): Promise<{ latencies: number[]; unreadable: number; frames: number; coreLatency: number[]; video: string }> {
    samples = [];
    unreadable = 0;
    coreLatency = [];
    const framesBefore = frameTimes.length;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const stats = await readStats?.().catch(() => null);
      if (typeof stats?.latencyMs === 'number') coreLatency.push(stats.latencyMs);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const pc = peers.at(-1);
    const stats = pc && normalizeStats(await pc.getStats());
    const video = stats ? `${stats.codec ?? '?'} ${stats.width ?? '?'}×${stats.height ?? '?'}` : '?';
    return { latencies: samples, unreadable, frames: frameTimes.length - framesBefore, coreLatency, video };
  },
  /** Frame display times (wall clock) after `since`. */
  framesAfter(since: number): number[] {
    return frameTimes.filter((t) => t > since);
  },
  /** Status changes (wall clock) after `since`. */
  statusesAfter(since: number): Status[] {
    return statuses.filter((s) => s.at > since);
  },
  status(): Status | null {
    return statuses.at(-1) ?? null;
  },
  async stop(): Promise<void> {
    await Promise.all([whip?.stop(), whep?.stop()]);
    for (const pc of peers) pc.close();
  },
};

export type LivePage = typeof live;
declare global {
  interface Window {
    live: LivePage;
  }
}
window.live = live;
