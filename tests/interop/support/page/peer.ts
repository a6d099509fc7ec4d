// The browser side of the interop tests: publishes (fake camera + mic) and plays with our WhipSession /
// WhepSession or with a WHIP/WHEP client from npm, answers a server's offer, and reports what the peer
// connections sent and decoded. Driven from Node through `window.onairInterop`.
import { WhepSession, WhipSession, createStatsReader, getUserMedia, type GatheringMode, type MediaStats, type WhepOptions } from '@onair/core';
import type { NpmClient } from './npmClient';

/** Whose WHIP/WHEP client does the work: ours (@onair/core) or one from npm. */
export type ClientName = 'onair' | 'whip-whep' | 'eyevinn';

export interface SessionOptions {
  client?: ClientName;
  /** Our sessions' ICE gathering mode (default: theirs). */
  gathering?: GatheringMode;
  /** Our WhepSession's mode (default: client offer). */
  mode?: WhepOptions['mode'];
  /** Our sessions' codec preferences. */
  videoCodecs?: string[];
  /** Our WhepSession's frozen-video re-subscribe delay (0 = never). */
  frozenVideoMs?: number;
}

/** One of our sessions as a test sees it. */
export interface SessionView {
  status: string;
  sessionUrl: string | null;
  error: string | null;
}

export interface VideoCounters {
  /** Each session's status (and error kind), for failure messages. */
  sessions: string[];
  /** "connectionState/iceConnectionState" of each peer connection, for failure messages. */
  peerStates: string[];
  packetsSent: number;
  packetsReceived: number;
  framesDecoded: number;
  /** Frames the page's <video> presented (requestVideoFrameCallback): decoded and on screen. */
  framesPresented: number;
}

const peers: RTCPeerConnection[] = [];
const sessions: Array<WhipSession | WhepSession> = [];
const npmStops: Array<() => unknown> = [];
const streams: MediaStream[] = [];
const statsReaders = new Map<WhipSession | WhepSession, () => Promise<MediaStats | null>>();

// Clients create their peer connections themselves: recording them lets the tests read getStats. Ours
// get it through their `RTCPeerConnection` option; npm clients construct the global, so it is replaced.
class RecordedPeerConnection extends RTCPeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    peers.push(this);
  }
}
globalThis.RTCPeerConnection = RecordedPeerConnection;

// Loaded only by the tests that use them.
async function npmClient(name: Exclude<ClientName, 'onair'>): Promise<NpmClient> {
  return name === 'whip-whep' ? (await import('./whipWhepClient')).whipWhepClient : (await import('./eyevinnClient')).eyevinnClient;
}

function remoteVideo(): HTMLVideoElement {
  return document.querySelector('video')!;
}

let framesPresented = 0;
const countFrame = () => {
  framesPresented++;
  remoteVideo().requestVideoFrameCallback(countFrame);
};
remoteVideo().requestVideoFrameCallback(countFrame);

async function publish(url: string, { client = 'onair', gathering, videoCodecs }: SessionOptions = {}) {
  const stream = await getUserMedia({ video: { width: 640, height: 360 }, audio: true });
  streams.push(stream);
  if (client !== 'onair') {
    npmStops.push(await (await npmClient(client)).publish(url, stream));
    return;
  }
  const session = new WhipSession({ url, gathering, videoCodecs, RTCPeerConnection: RecordedPeerConnection });
  sessions.push(session);
  await session.start(stream);
}

async function play(url: string, { client = 'onair', gathering, mode, videoCodecs, frozenVideoMs }: SessionOptions = {}) {
  const video = remoteVideo();
  if (client !== 'onair') {
    npmStops.push(await (await npmClient(client)).play(url, video));
    return;
  }
  const session = new WhepSession({ url, gathering, mode, videoCodecs, frozenVideoMs, RTCPeerConnection: RecordedPeerConnection });
  sessions.push(session);
  session.subscribe(() => {
    const { stream } = session.getSnapshot();
    if (video.srcObject !== stream) video.srcObject = stream;
  });
  await session.start();
}

function waitForGatheringComplete(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (pc.iceGatheringState === 'complete') resolve();
    };
    pc.addEventListener('icegatheringstatechange', check);
    check();
  });
}

/** Answers a server's offer (Janus VideoRoom subscriber) with every candidate in the answer; plays what arrives. */
async function answerOffer(offerSdp: string): Promise<string> {
  const pc = new RecordedPeerConnection({ iceServers: [] });
  const video = remoteVideo();
  pc.addEventListener('track', (event) => {
    if (event.track.kind === 'video') video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
  });
  await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await waitForGatheringComplete(pc);
  return pc.localDescription!.sdp;
}

async function videoCounters(): Promise<VideoCounters> {
  const counters: VideoCounters = {
    sessions: sessions.map((s) => {
      const { status, error } = s.getSnapshot();
      return error ? `${status} (${error.kind}: ${error.message})` : status;
    }),
    peerStates: [],
    packetsSent: 0,
    packetsReceived: 0,
    framesDecoded: 0,
    framesPresented,
  };
  for (const pc of peers) {
    counters.peerStates.push(`${pc.connectionState}/${pc.iceConnectionState}`);
    if (pc.connectionState === 'closed') continue;
    const report = await pc.getStats();
    report.forEach((stat: { type: string; kind?: string; packetsSent?: number; packetsReceived?: number; framesDecoded?: number }) => {
      if (stat.kind !== 'video') return;
      if (stat.type === 'outbound-rtp') counters.packetsSent += stat.packetsSent ?? 0;
      if (stat.type === 'inbound-rtp') {
        counters.packetsReceived += stat.packetsReceived ?? 0;
        counters.framesDecoded += stat.framesDecoded ?? 0;
      }
    });
  }
  return counters;
}

function views(): SessionView[] {
  return sessions.map((session) => {
    const { status, sessionUrl, error } = session.getSnapshot();
    return { status, sessionUrl, error: error && `${error.kind}: ${error.message}` };
  });
}

/** Restarts ICE on each of our sessions (RFC 9725 §4.3.3); resolves when all are back. */
async function restartIce(): Promise<SessionView[]> {
  await Promise.all(sessions.map((session) => session.restartIce()));
  return views();
}

/** Each of our sessions' normalised stats (`createStatsReader`: bitrate is measured between calls). */
async function mediaStats(): Promise<(MediaStats | null)[]> {
  return Promise.all(
    sessions.map((session) => {
      let read = statsReaders.get(session);
      if (!read) statsReaders.set(session, (read = createStatsReader(session)));
      return read();
    }),
  );
}

/** The session descriptions of each recorded peer connection. */
function descriptions(): { local: RTCSessionDescriptionInit | null; remote: RTCSessionDescriptionInit | null }[] {
  return peers.map((pc) => ({ local: pc.localDescription?.toJSON() ?? null, remote: pc.remoteDescription?.toJSON() ?? null }));
}

/** Stops every session (each DELETEs its session URL), closes the other peer connections, releases the fake devices. */
async function stop() {
  await Promise.allSettled([...sessions.splice(0).map((session) => session.stop()), ...npmStops.splice(0).map(async (stopIt) => stopIt())]);
  statsReaders.clear();
  for (const pc of peers.splice(0)) pc.close();
  for (const stream of streams.splice(0)) for (const track of stream.getTracks()) track.stop();
  remoteVideo().srcObject = null;
  framesPresented = 0;
}

const onairInterop = { publish, play, answerOffer, videoCounters, views, restartIce, mediaStats, descriptions, stop };
export type OnairInterop = typeof onairInterop;
declare global {
  interface Window {
    onairInterop?: OnairInterop;
  }
}
window.onairInterop = onairInterop;
