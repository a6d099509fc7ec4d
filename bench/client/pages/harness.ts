// Page side of the client bench: the same measurement around every client's adapter.
// Time to live = start → the publisher's RTCPeerConnection 'connected' (from the injected recorder).
// Time to first frame = start → first requestVideoFrameCallback on the viewer's <video>.
import type { ClientAdapter, Started } from './client-adapter.ts';

interface Recorder {
  connectedAfter(since: number): Promise<number>;
  firstPostAfter(since: number): { sentAt: number; answeredAt: number | null } | undefined;
}

export interface RunResult {
  ok: boolean;
  ms?: number;
  /** Viewer runs: start → viewer's peer connection 'connected'. */
  connectedMs?: number;
  /** start → the offer's POST left (time spent creating the offer and gathering candidates). */
  postMs?: number;
  /** start → the POST's answer arrived. */
  answerMs?: number;
  error?: string;
}

/** When the run's offer POST left and was answered, relative to t0. */
function postTimes(t0: number): Pick<RunResult, 'postMs' | 'answerMs'> {
  const post = recorder().firstPostAfter(t0);
  return { postMs: post && post.sentAt - t0, answerMs: post?.answeredAt != null ? post.answeredAt - t0 : undefined };
}

const recorder = () => (window as unknown as { __benchRecorder: Recorder }).__benchRecorder;

let current: Started | null = null;

function deadline(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms));
}

// Each run has a fresh page, so a fresh camera (some clients stop the tracks they were given).
const camera = () => navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function installBench(client: ClientAdapter): void {
  const bench = {
    /** Camera is opened before the clock starts: device start-up is not the client's cost. */
    async runPublish(url: string, timeoutMs: number): Promise<RunResult> {
      const stream = await camera();
      const t0 = performance.now();
      const started = client.publish(url, stream).then((s) => (current = s));
      try {
        const connectedAt = await Promise.race([
          recorder().connectedAfter(t0),
          started.then(() => new Promise<never>(() => {})),
          deadline(timeoutMs, 'publish'),
        ]);
        return { ok: true, ms: connectedAt - t0, ...postTimes(t0) };
      } catch (error) {
        return { ok: false, error: describe(error), ...postTimes(t0) };
      }
    },
    async runPlay(url: string, timeoutMs: number): Promise<RunResult> {
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      document.body.append(video);
      const firstFrame = new Promise<number>((resolve) => video.requestVideoFrameCallback((now) => resolve(now)));
      const t0 = performance.now();
      let connectedMs: number | undefined;
      void recorder()
        .connectedAfter(t0)
        .then((at) => (connectedMs = at - t0));
      const started = client.play(url, video).then((s) => (current = s));
      try {
        const frameAt = await Promise.race([
          firstFrame,
          started.then(() => new Promise<never>(() => {})),
          deadline(timeoutMs, 'play'),
        ]);
        return { ok: true, ms: frameAt - t0, connectedMs, ...postTimes(t0) };
      } catch (error) {
        return { ok: false, error: describe(error), connectedMs, ...postTimes(t0) };
      }
    },
    /** Stops the last publisher/viewer (each client's own stop: DELETE of the session where it does one). */
    async stop(): Promise<void> {
      await Promise.race([Promise.resolve(current?.stop()), deadline(3000, 'stop')]).catch(() => {});
      current = null;
    },
  };
  (window as unknown as { bench: typeof bench }).bench = bench;
}
