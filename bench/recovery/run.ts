// Recovery bench (issue 9): what a viewer sees when things go away. Chromium creator (the glass-to-
// glass page's canvas, our WhipSession) and viewer (our WhepSession) through an @onair/server CLI
// process with a database file, the way the server-restart tests run it:
// - End stream: the creator's stop() → the viewer's snapshot says `streamEnded` (and, whatever the
//   build does, when the viewer left `playing`), then Go live again → the viewer's next frame;
// - server restart: SIGKILL, start again at once on the same port and database → from the first
//   missing frame (the last frame before the gap + one frame interval) to the next presented frame.
// The server is the built CLI users run (`onair-server`, built here first from the current source):
// tsx's transpiling doubles its start-up (~610 vs ~310 ms here), which the restart figure includes.
// BENCH_RECOVERY_SERVER=source runs the source through tsx, as the tests do.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killServerProcess, restartServerProcess, startServerProcess, stopServerProcess } from '../../scripts/serverProcessCommands.ts';
import { waitUntil } from '../../tests/interop/support/waitUntil.ts';
import { writePage } from '../client/bundle.ts';
import { serveStatic } from '../client/static-server.ts';
import { wallClockMs } from '../latency/stamp.ts';
import { findGap } from './gap.ts';
import { browserMissing, launchBrowser, type BenchBrowser, type BenchPage } from '../lib/browsers.ts';
import { createLiveInput } from '../lib/live-inputs.ts';
import { loadSpan, type LoadSpan } from '../lib/report.ts';
import { percentile, summarize, type Summary } from '../lib/stats.ts';
import { fmt } from '../lib/table.ts';

export interface EndedRun {
  /** creator's stop() → viewer's `streamEnded` true; undefined when it never turned true. */
  endedMs?: number;
  /** creator's stop() → the viewer's first status other than `playing`, and that status. */
  leftPlayingMs?: number;
  leftPlayingTo?: string;
  /** Go live again (creator's publish() called) → the viewer's next presented frame. */
  playingAgainMs?: number;
  error?: string;
}

export interface RestartRun {
  /** First missing frame → next presented frame. */
  recoveryMs?: number;
  /** SIGKILL → the new server process listening. */
  serverDownMs?: number;
  /** New server listening → the viewer's next presented frame (the clients' own part). */
  afterListeningMs?: number;
  /** Creator and viewer status changes after the kill, ms after it, e.g. "reconnecting 2310". */
  creator?: string;
  viewer?: string;
  error?: string;
}

export interface RecoveryBenchResult {
  ended: EndedRun[];
  endedSummary?: Summary;
  leftPlayingSummary?: Summary;
  playingAgainSummary?: Summary;
  /** Why there is no `streamEnded` figure (the build never reported it). */
  endedMissing?: string;
  restarts: RestartRun[];
  recoverySummary?: Summary;
  serverDownSummary?: Summary;
  afterListeningSummary?: Summary;
  unavailable?: string;
  version?: string;
  /** How the server process ran: 'built' (bin/onair-server.js → dist) or 'source' (tsx). */
  server: 'built' | 'source';
  load: { ended?: LoadSpan; restart?: LoadSpan };
}

const config = {
  endedRuns: Number(process.env.BENCH_ENDED_RUNS ?? 5),
  restartRuns: Number(process.env.BENCH_RESTART_RUNS ?? 5),
  server: process.env.BENCH_RECOVERY_SERVER === 'source' ? ('source' as const) : ('built' as const),
  /** How long the viewer has to say `streamEnded` before a run counts it as never. */
  endedDeadlineMs: 8_000,
  recoverDeadlineMs: 60_000,
  /**
   * Live this long between restarts: core's reconnect budget (8 fresh sessions) is whole again
   * only after 10 s live, so restarts closer than that are a crash-looping server, which the
   * sessions give up on after the eighth (runs 9 and 10 of a series failed so).
   */
  stableMs: 10_500,
};

const livePage = fileURLToPath(new URL('../latency/page.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describe = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

/** Waits until the viewer presented frames in the last 500 ms; returns their median interval. */
async function flowing(viewer: BenchPage, timeoutMs = 30_000): Promise<number> {
  return waitUntil(
    'the viewer presenting frames',
    async () => {
      const recent = await viewer.evaluate((since) => window.live.framesAfter(since), wallClockMs() - 1_000);
      if (recent.length < 10 || wallClockMs() - recent.at(-1)! > 500) return null;
      return percentile(
        recent.slice(1).map((t, i) => t - recent[i]!),
        50,
      );
    },
    { timeoutMs },
  );
}

/** "status ms" of each status change after `since`, relative to it. */
async function timeline(page: BenchPage, since: number): Promise<string> {
  const statuses = await page.evaluate((t) => window.live.statusesAfter(t), since);
  return statuses.map((s) => `${s.status}${s.streamEnded ? ' (ended)' : ''} ${fmt(s.at - since)}`).join(' → ');
}

async function endStream(creator: BenchPage, viewer: BenchPage, whipUrl: string): Promise<EndedRun> {
  const run: EndedRun = {};
  try {
    await flowing(viewer);
    const stoppedAt = await creator.evaluate(() => window.live.endStream(), null);
    const statuses = () => viewer.evaluate((t) => window.live.statusesAfter(t), stoppedAt);
    await waitUntil('the viewer to leave playing', async () => ((await statuses()).some((s) => s.status !== 'playing' || s.streamEnded) ? true : null), {
      timeoutMs: 30_000,
    }).catch(() => undefined);
    const deadline = stoppedAt + config.endedDeadlineMs;
    while (wallClockMs() < deadline && !(await statuses()).some((s) => s.streamEnded)) await sleep(100);
    const seen = await statuses();
    const ended = seen.find((s) => s.streamEnded);
    const left = seen.find((s) => s.status !== 'playing');
    if (ended) run.endedMs = ended.at - stoppedAt;
    if (left) {
      run.leftPlayingMs = left.at - stoppedAt;
      run.leftPlayingTo = left.status;
    }
    const againAt = wallClockMs();
    await creator.evaluate((url) => window.live.publish(url), whipUrl);
    const next = await waitUntil(
      'a frame after going live again',
      async () => (await viewer.evaluate((t) => window.live.framesAfter(t), againAt))[0],
      { timeoutMs: config.recoverDeadlineMs },
    );
    run.playingAgainMs = next - againAt;
  } catch (error) {
    run.error = describe(error);
  }
  return run;
}

async function restart(creator: BenchPage, viewer: BenchPage): Promise<RestartRun> {
  const run: RestartRun = {};
  try {
    const interval = await flowing(viewer);
    // Frames keep coming for a moment after the kill (the viewer's jitter buffer): the gap is found
    // in the frame times afterwards, not assumed to start at the kill.
    const killedAt = wallClockMs();
    await killServerProcess();
    await restartServerProcess();
    const listeningAt = wallClockMs();
    run.serverDownMs = listeningAt - killedAt;
    const gap = await waitUntil(
      'frames again after the restart',
      async () => {
        const times = await viewer.evaluate((t) => window.live.framesAfter(t), killedAt - 2_000);
        return findGap(times, killedAt, interval);
      },
      { timeoutMs: config.recoverDeadlineMs, intervalMs: 200 },
    );
    run.recoveryMs = gap.after - (gap.before + interval);
    run.afterListeningMs = gap.after - listeningAt;
    [run.creator, run.viewer] = await Promise.all([timeline(creator, killedAt), timeline(viewer, killedAt)]);
  } catch (error) {
    run.error = describe(error);
  }
  return run;
}

const ok = <T>(values: (T | undefined)[]) => values.filter((v): v is T => v !== undefined);

export async function runRecoveryBench(log: (line: string) => void): Promise<RecoveryBenchResult> {
  const result: RecoveryBenchResult = { ended: [], restarts: [], load: {}, server: config.server };
  const missing = browserMissing('chromium');
  if (missing) return { ...result, unavailable: missing };
  const dir = await mkdtemp(join(tmpdir(), 'onair-bench-recovery-'));
  const statics = await serveStatic(dir);
  let browser: BenchBrowser | undefined;
  try {
    const pageUrl = `${statics.url}/${await writePage(dir, 'live', livePage)}`;
    if (config.server === 'built') {
      const build = spawnSync('pnpm', ['--filter', '@onair/server', 'run', 'build'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`@onair/server build failed:\n${build.stdout}${build.stderr}`);
    }
    const { url } = await startServerProcess({ built: config.server === 'built' });
    const input = await createLiveInput(url, 'local');
    browser = await launchBrowser('chromium');
    result.version = browser.version;
    const creator = await browser.open(pageUrl, 'live');
    const viewer = await browser.open(pageUrl, 'live');
    await creator.evaluate((whip) => window.live.publish(whip), input.whipUrl);
    await viewer.evaluate((whep) => window.live.play(whep), input.whepUrl);

    let span = loadSpan();
    for (let i = 0; i < config.endedRuns; i++) {
      const run = await endStream(creator, viewer, input.whipUrl);
      result.ended.push(run);
      log(
        `  End stream ${i + 1}/${config.endedRuns}: ${run.error ?? ''}streamEnded ${run.endedMs === undefined ? `not seen within ${config.endedDeadlineMs / 1000} s` : `${fmt(run.endedMs)} ms`}, ` +
          `left playing → ${run.leftPlayingTo ?? '—'} ${fmt(run.leftPlayingMs ?? Number.NaN)} ms, next frame after going live again ${fmt(run.playingAgainMs ?? Number.NaN)} ms`,
      );
    }
    result.load.ended = span.end();
    const ended = ok(result.ended.map((r) => r.endedMs));
    const endedRuns = result.ended.filter((r) => !r.error);
    if (ended.length) result.endedSummary = summarize(ended, endedRuns.length - ended.length);
    else if (endedRuns.length) {
      result.endedMissing = `the viewer's WhepSnapshot.streamEnded never turned true within ${config.endedDeadlineMs / 1000} s in ${endedRuns.length} runs (this build does not report the creator's End stream)`;
    }
    result.leftPlayingSummary = summarize(ok(endedRuns.map((r) => r.leftPlayingMs)), 0);
    result.playingAgainSummary = summarize(ok(endedRuns.map((r) => r.playingAgainMs)), 0);

    span = loadSpan();
    for (let i = 0; i < config.restartRuns; i++) {
      if (i) await sleep(config.stableMs);
      const run = await restart(creator, viewer);
      result.restarts.push(run);
      log(
        `  restart ${i + 1}/${config.restartRuns}: ${run.error ?? ''}recovery ${fmt(run.recoveryMs ?? Number.NaN)} ms (server down ${fmt(run.serverDownMs ?? Number.NaN)} ms, ` +
          `then ${fmt(run.afterListeningMs ?? Number.NaN)} ms); viewer: ${run.viewer ?? '—'}`,
      );
    }
    result.load.restart = span.end();
    const failed = result.restarts.filter((r) => r.recoveryMs === undefined).length;
    result.recoverySummary = summarize(ok(result.restarts.map((r) => r.recoveryMs)), failed);
    result.serverDownSummary = summarize(ok(result.restarts.map((r) => r.serverDownMs)), 0);
    result.afterListeningSummary = summarize(ok(result.restarts.map((r) => r.afterListeningMs)), 0);
    await Promise.all([creator, viewer].map((page) => page.evaluate(() => window.live.stop(), null).catch(() => undefined)));
    return result;
  } finally {
    await browser?.close().catch(() => {});
    await stopServerProcess();
    await statics.close();
    await rm(dir, { recursive: true, force: true });
  }
}
