// The React bench page: mounts one player on a live WHEP URL and reports the renders from mount to
// the first decoded frame, then over a window of playback. Written with createElement (no JSX) so
// it bundles with the bench's plain esbuild setup.
import { createElement as h, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { LivePlayer, useStats, useWhep } from '@onair/react';
import type { RenderCounter } from './renderCounter.ts';

export type PlayerKind = 'LivePlayer' | 'LivePlayer stats' | 'one component';

export interface PlayerRun {
  ok: boolean;
  error?: string;
  /** Mount → first frame (requestVideoFrameCallback). */
  firstFrameMs?: number;
  /** Renders per component from mount to the first frame. */
  toFirstFrame?: Record<string, number>;
  /** Renders per component per second while playing. */
  perSecond?: Record<string, number>;
}

/**
 * The peer: a player an app writes with the hooks alone, state and stats in the one component that
 * holds the `<video>` (so the element re-renders with them).
 */
function OneComponentPlayer({ url }: { url: string }) {
  const whep = useWhep({ url });
  const stats = useStats(whep);
  return h(
    'div',
    null,
    h('video', { ref: whep.videoRef, autoPlay: true, muted: true, playsInline: true }),
    whep.status === 'playing' ? null : h('p', null, whep.status),
    stats ? h('p', null, `${Math.round((stats.bitrate ?? 0) / 1000)} kbps`) : null,
  );
}

const players: Record<PlayerKind, (url: string) => ReactElement> = {
  LivePlayer: (url) => h(LivePlayer, { url }),
  'LivePlayer stats': (url) => h(LivePlayer, { url, stats: true }),
  'one component': (url) => h(OneComponentPlayer, { url }),
};

const counter = () => (window as unknown as { renderCounter: RenderCounter }).renderCounter;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(kind: PlayerKind, url: string, playMs: number, timeoutMs: number): Promise<PlayerRun> {
  const container = document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  try {
    counter().reset();
    const mountedAt = performance.now();
    root.render(players[kind](url));
    const firstFrame = (async () => {
      let video: HTMLVideoElement | null = null;
      while (!(video = container.querySelector('video'))) await sleep(10);
      return new Promise<number>((resolve) => video!.requestVideoFrameCallback((now) => resolve(now)));
    })();
    const deadline = sleep(timeoutMs).then(() => Promise.reject(new Error(`no frame within ${timeoutMs} ms`)));
    const frameAt = await Promise.race([firstFrame, deadline]);
    const toFirstFrame = counter().counts();
    counter().reset();
    await sleep(playMs);
    const perSecond = Object.fromEntries(Object.entries(counter().counts()).map(([name, n]) => [name, n / (playMs / 1000)]));
    return { ok: true, firstFrameMs: frameAt - mountedAt, toFirstFrame, perSecond };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    root.unmount();
    container.remove();
  }
}

Object.assign(window, { reactBench: { run } });
