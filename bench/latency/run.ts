// Glass-to-glass latency (issue 9; Firefox columns: issue 11): the creator's canvas paints the
// wall-clock time on every frame, the viewer reads it back from every frame it presents. Through
// @onair/server (our WhipSession → WhepSession) and, in the same run, through the peers: a direct
// browser-to-browser connection (no server at all), the plain werift relay of the fan-out bench, and
// Janus (VideoRoom behind simple-whip-server). Chromium, then Firefox (each role its own process).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '../../tests/interop/support/waitUntil.ts';
import { writePage } from '../client/bundle.ts';
import { startJanusTarget } from '../client/janus.ts';
import { serveStatic } from '../client/static-server.ts';
import { browserMissing, launchBrowser, type BenchBrowser, type BenchPage, type BrowserName } from '../lib/browsers.ts';
import { createLiveInput } from '../lib/live-inputs.ts';
import { loadSpan, type LoadSpan } from '../lib/report.ts';
import { serverModules, startBenchServer } from '../lib/server-handle.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { fmt } from '../lib/table.ts';

export type Route = 'onair' | 'direct' | 'plain relay' | 'janus';

export const routeNames: Record<Route, string> = {
  onair: '@onair/server',
  direct: 'direct, no server',
  'plain relay': 'plain werift relay',
  janus: 'Janus VideoRoom',
};

export interface LatencyRow {
  browser: BrowserName;
  route: Route;
  /** Age of each presented frame's timestamp, ms. */
  latency?: Summary;
  /** Codec and decoded size at the end of the window, e.g. "VP8 640×480". */
  video?: string;
  /** Frames presented per second while sampling (the canvas paints at the display rate). */
  fps?: number;
  /** Presented frames whose stamp could not be read (torn, blurred), % of frames. */
  unreadablePercent?: number;
  /** Our WhepSession's MediaStats.latencyMs (abs-capture-time) over the same window; why not, when absent. */
  coreLatency?: Summary;
  coreLatencyMissing?: string;
  /** Why the route was not measured (peer or browser missing) or failed. */
  unavailable?: string;
}

export interface LatencyBenchResult {
  rows: LatencyRow[];
  versions: string[];
  load: Partial<Record<BrowserName, LoadSpan>>;
  sampleMs: number;
}

const livePage = fileURLToPath(new URL('./page.ts', import.meta.url));

const config = {
  /** Sampling window per route (BENCH_LATENCY_MS). */
  sampleMs: Number(process.env.BENCH_LATENCY_MS ?? 10_000),
  /** After the first stamped frames, before sampling: the jitter buffer settles. */
  warmMs: 2_000,
  firstFramesMs: 20_000,
  browsers: (process.env.BENCH_LATENCY_BROWSERS ?? 'chromium,firefox').split(',') as BrowserName[],
};

/** Which routes each browser runs: Janus and the plain relay in Chromium (the peers' reference). */
const routes: Record<BrowserName, Route[]> = {
  chromium: ['onair', 'direct', 'plain relay', 'janus'],
  firefox: ['onair', 'direct'],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects creator → viewer over `route`; returns what to stop afterwards. */
async function connect(route: Route, creator: BenchPage, viewer: BenchPage): Promise<() => Promise<void>> {
  if (route === 'direct') {
    const offer = await creator.evaluate(() => window.live.offer(), null);
    const answer = await viewer.evaluate((sdp) => window.live.answer(sdp), offer);
    await creator.evaluate((sdp) => window.live.accept(sdp), answer);
    return async () => {};
  }
  if (route === 'janus') {
    const janus = await startJanusTarget(1);
    if ('unavailable' in janus) throw new Unavailable(janus.unavailable);
    try {
      await creator.evaluate((url) => window.live.publish(url), await janus.whipUrl());
      const subscription = await janus.subscribe((offer) => viewer.evaluate((sdp) => window.live.answer(sdp), offer));
      return async () => {
        await subscription.stop();
        await janus.close();
      };
    } catch (error) {
      await janus.close();
      throw error;
    }
  }
  const server = await startBenchServer(route === 'onair' ? serverModules.onair : serverModules.plainRelay);
  try {
    const input = await createLiveInput(server.url, server.accountId);
    if (route === 'onair') {
      await creator.evaluate((url) => window.live.publish(url), input.whipUrl);
      await viewer.evaluate((url) => window.live.play(url), input.whepUrl);
    } else {
      // The plain relay never asks the creator for a keyframe: the viewer must be connected before
      // the creator's first (and only) keyframe goes out.
      await viewer.evaluate((url) => window.live.play(url), input.whepUrl);
      await waitUntil('the viewer connected to the plain relay', async () => (await viewer.evaluate(() => window.live.connectionState(), null)) === 'connected' || null, {
        timeoutMs: 10_000,
      });
      await creator.evaluate((url) => window.live.publish(url), input.whipUrl);
    }
    return () => server.close();
  } catch (error) {
    await server.close();
    throw error;
  }
}

class Unavailable extends Error {}

async function measure(browser: BrowserName, route: Route, creators: BenchBrowser, viewers: BenchBrowser, url: string): Promise<LatencyRow> {
  const row: LatencyRow = { browser, route };
  let creator: BenchPage | undefined;
  let viewer: BenchPage | undefined;
  let disconnect = async () => {};
  try {
    creator = await creators.open(url, 'live');
    viewer = await viewers.open(url, 'live');
    await Promise.all([creator.evaluate(() => window.live.unlockHostCandidates(), null), viewer.evaluate(() => window.live.unlockHostCandidates(), null)]);
    disconnect = await connect(route, creator, viewer);
    let seen = '';
    const counts = async () => {
      const now = await viewer!.evaluate(() => window.live.counts(), null);
      seen = JSON.stringify(now);
      return now;
    };
    await waitUntil('30 stamped frames in the viewer', async () => ((await counts()).stamped >= 30 ? true : null), {
      timeoutMs: config.firstFramesMs,
      lastSeen: () => seen,
    });
    await sleep(config.warmMs);
    const got = await viewer.evaluate((ms) => window.live.collect(ms), config.sampleMs);
    row.latency = summarize(got.latencies, 0);
    row.fps = got.frames / (config.sampleMs / 1000);
    row.video = got.video;
    row.unreadablePercent = got.frames ? (got.unreadable / got.frames) * 100 : Number.NaN;
    if (route === 'onair') {
      if (got.coreLatency.length) row.coreLatency = summarize(got.coreLatency, 0);
      else row.coreLatencyMissing = `${browser}: MediaStats.latencyMs not reported (abs-capture-time not negotiated or not exposed by this browser)`;
    }
  } catch (error) {
    row.unavailable = error instanceof Unavailable ? error.message : `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  } finally {
    await Promise.all([creator, viewer].map((page) => page?.evaluate(() => window.live.stop(), null).catch(() => undefined)));
    await Promise.all([creator?.close().catch(() => {}), viewer?.close().catch(() => {})]);
    await disconnect().catch(() => {});
  }
  return row;
}

export async function runLatencyBench(log: (line: string) => void): Promise<LatencyBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'onair-bench-latency-'));
  const result: LatencyBenchResult = { rows: [], versions: [], load: {}, sampleMs: config.sampleMs };
  const statics = await serveStatic(dir);
  try {
    const url = `${statics.url}/${await writePage(dir, 'live', livePage)}`;
    for (const name of config.browsers) {
      const missing = browserMissing(name);
      if (missing) {
        for (const route of routes[name]) result.rows.push({ browser: name, route, unavailable: missing });
        log(`  ${name}: ${missing}`);
        continue;
      }
      const span = loadSpan();
      // Chromium: two pages of one process (its background pages are not throttled with our flags).
      // Firefox: one process per role, or the background tab's canvas paints at ~1 fps.
      const creators = await launchBrowser(name);
      const viewers = name === 'chromium' ? creators : await launchBrowser(name);
      try {
        result.versions.push(creators.version);
        for (const route of routes[name]) {
          const row = await measure(name, route, creators, viewers, url);
          result.rows.push(row);
          log(
            `  ${name}, ${routeNames[route]}: ` +
              (row.latency
                ? `p50 ${fmt(row.latency.p50)} ms, p95 ${fmt(row.latency.p95)} ms (${row.latency.ok} frames, ${fmt(row.fps ?? Number.NaN)} fps, ${fmt(row.unreadablePercent ?? Number.NaN, 1)} % unreadable)`
                : row.unavailable),
          );
        }
      } finally {
        await creators.close().catch(() => {});
        if (viewers !== creators) await viewers.close().catch(() => {});
      }
      result.load[name] = span.end();
    }
    return result;
  } finally {
    await statics.close();
    await rm(dir, { recursive: true, force: true });
  }
}
