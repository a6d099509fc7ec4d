// Client bench (issues 3, 10, 11): time to live and time to first frame of each WHIP/WHEP client
// against one @onair/server on loopback — in headless Chromium (beside the same client publishing
// to Janus) and in Firefox — plus each client's min+gzip size.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserMissing, launchBrowser, type BenchBrowser, type BenchPage, type BrowserName } from '../lib/browsers.ts';
import { createLiveInput } from '../lib/live-inputs.ts';
import { loadSpan, type LoadSpan } from '../lib/report.ts';
import { startBenchServer, type BenchServer } from '../lib/server-handle.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { fmt } from '../lib/table.ts';
import { bundleScript, measureSize, writePage, type BundleSize } from './bundle.ts';
import { clients, recorderScript, referencePublisherPage, sizeOnly, type BenchClient } from './clients.ts';
import { startJanusTarget, type JanusTarget } from './janus.ts';
import type { RunResult } from './pages/harness.ts';
import { serveStatic } from './static-server.ts';

export interface ClientBenchOptions {
  runs: number;
  /** Runs per client in Firefox (fewer: a Firefox page takes longer to open). */
  firefoxRuns: number;
  timeoutMs: number;
}

export interface ClientResult {
  name: string;
  ours: boolean;
  /** Why the client could not be measured at all (e.g. its module does not build). */
  unavailable?: string;
  size?: BundleSize;
  timeToLive?: Summary;
  /** The same client publishing to Janus (VideoRoom behind simple-whip-server) in the same run. */
  timeToLiveJanus?: Summary;
  firstFrame?: Summary;
  /** The same client in Firefox (publishing to and playing from @onair/server). */
  firefox?: { timeToLive: Summary; firstFrame: Summary };
  /** Where the time goes (successful and failed runs alike): start → offer POST sent / answered, viewer connected. */
  phases?: {
    publishPost: Summary;
    publishAnswer: Summary;
    /** The same two for the runs through Janus. */
    publishPostJanus: Summary;
    publishAnswerJanus: Summary;
    playPost: Summary;
    playAnswer: Summary;
    playConnected: Summary;
  };
  errors: string[];
}

export interface ClientBenchResult {
  clients: ClientResult[];
  /** Sizes of what has no timed page (the React components). */
  sizes: { name: string; size?: BundleSize; unavailable?: string }[];
  /** Why there are no Janus columns, when there are none. */
  janusUnavailable?: string;
  /** Why there are no Firefox columns, when there are none. */
  firefoxUnavailable?: string;
  versions: string[];
  load: Partial<Record<BrowserName, LoadSpan>>;
  runs: { chromium: number; firefox: number };
}

/** Issue 3's targets; the first frame's p50 is issue 10's (through @onair/server), issue 9's is looser. */
export const targets = { timeToLiveP50: 250, firstFrameP50: 150, firstFrameP50Issue9: 200, firstFrameP95: 400, sizeGzipBytes: 6 * 1024 };

type Bench = {
  runPublish(url: string, timeoutMs: number): Promise<RunResult>;
  runPlay(url: string, timeoutMs: number): Promise<RunResult>;
  stop(): Promise<void>;
};

declare global {
  interface Window {
    bench: Bench;
  }
}

/** One measured run in a fresh page; any failure becomes a failed run, never a crash. */
async function measure(browser: BenchBrowser, pageUrl: string, action: 'runPublish' | 'runPlay', mediaUrl: string, timeoutMs: number): Promise<RunResult> {
  let page: BenchPage | undefined;
  try {
    page = await browser.open(pageUrl, 'bench');
    const result = await page.evaluate(([action, url, timeout]) => window.bench[action](url, timeout), [action, mediaUrl, timeoutMs] as const);
    await page.evaluate(() => window.bench.stop(), null);
    return result;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  } finally {
    await page?.close().catch(() => {});
  }
}

/** esbuild's first error text (e.g. "Could not resolve …"), else the message's first line. */
function buildError(error: unknown): string {
  const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text;
  return first ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
}

/** Successful runs' times and the count of failed ones. */
class Samples {
  values: number[] = [];
  failed = 0;
  add(run: RunResult | undefined): void {
    if (!run) return;
    if (run.ok) this.values.push(run.ms!);
    else this.failed++;
  }
  push(value: number | undefined): void {
    if (value !== undefined) this.values.push(value);
  }
  summary(): Summary {
    return summarize(this.values, this.failed);
  }
}

interface Prepared {
  client: BenchClient;
  pageUrl?: string;
  result: ClientResult;
  live: Samples;
  liveJanus: Samples;
  frame: Samples;
  firefoxLive: Samples;
  firefoxFrame: Samples;
  phases: Record<keyof NonNullable<ClientResult['phases']>, Samples>;
}

function noteError(p: Prepared, run: RunResult | undefined, prefix = ''): void {
  const error = run && !run.ok && run.error ? `${prefix}${run.error}` : null;
  if (error && p.result.errors.length < 6 && !p.result.errors.includes(error)) p.result.errors.push(error);
}

export async function runClientBench(options: ClientBenchOptions, log: (line: string) => void): Promise<ClientBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'onair-bench-'));
  let server: BenchServer | undefined;
  let janus: JanusTarget | undefined;
  const browsers: BenchBrowser[] = [];
  const stopStatic: (() => Promise<void>)[] = [];
  const result: ClientBenchResult = { clients: [], sizes: [], versions: [], load: {}, runs: { chromium: options.runs, firefox: options.firefoxRuns } };
  try {
    // Every page loads the recorder first, as a classic script: it wraps RTCPeerConnection and fetch
    // before any client module runs, in both browsers alike.
    await writeFile(join(dir, 'recorder.js'), await bundleScript(recorderScript));
    const prepared: Prepared[] = [];
    for (const [index, client] of clients.entries()) {
      const entry: Prepared = {
        client,
        result: { name: client.name, ours: !!client.ours, errors: [] },
        live: new Samples(),
        liveJanus: new Samples(),
        frame: new Samples(),
        firefoxLive: new Samples(),
        firefoxFrame: new Samples(),
        phases: {
          publishPost: new Samples(),
          publishAnswer: new Samples(),
          publishPostJanus: new Samples(),
          publishAnswerJanus: new Samples(),
          playPost: new Samples(),
          playAnswer: new Samples(),
          playConnected: new Samples(),
        },
      };
      prepared.push(entry);
      result.clients.push(entry.result);
      try {
        entry.result.size = await measureSize(client.sizeEntry);
        entry.pageUrl = await writePage(dir, `c${index}`, client.page, ['recorder.js']);
      } catch (error) {
        entry.result.unavailable = `does not build: ${buildError(error)}`;
        log(`  ${client.name}: ${entry.result.unavailable}`);
      }
    }
    for (const { name, sizeEntry, external } of sizeOnly) {
      result.sizes.push(await measureSize(sizeEntry, external).then((size) => ({ name, size }), (error: unknown) => ({ name, unavailable: buildError(error) })));
    }
    const referenceUrl = await writePage(dir, 'reference', referencePublisherPage, ['recorder.js']);

    const statics = await serveStatic(dir);
    stopStatic.push(statics.close);
    server = await startBenchServer();
    log(`  server ${server.url}, pages ${statics.url}`);
    const janusTarget = await startJanusTarget(2 * clients.length * (options.runs + 1));
    if ('unavailable' in janusTarget) {
      result.janusUnavailable = janusTarget.unavailable;
      log(`  no Janus columns: ${result.janusUnavailable}`);
    } else janus = janusTarget;
    const chromium = await launchBrowser('chromium');
    browsers.push(chromium);
    result.versions.push(chromium.version);

    // The source every viewer watches stays live for the whole bench (Chromium's fake camera).
    const source = await createLiveInput(server.url, server.accountId);
    const referencePage = await chromium.open(`${statics.url}/${referenceUrl}`, 'bench');
    const referenceLive = await referencePage.evaluate(([url, timeout]) => window.bench.runPublish(url, timeout), [source.whipUrl, options.timeoutMs] as const);
    if (!referenceLive.ok) throw new Error(`the reference publisher did not go live: ${referenceLive.error}`);
    log(`  reference publisher live in ${fmt(referenceLive.ms!)} ms`);

    const available = prepared.filter((p) => p.pageUrl);
    const newInput = async () => (await createLiveInput(server!.url, server!.accountId)).whipUrl;

    // One uncounted warm-up of each kind per client, then runs interleaved client by client so
    // background load on the shared machine spreads over all clients alike.
    let span = loadSpan();
    for (let i = -1; i < options.runs; i++) {
      for (const p of available) {
        const pageUrl = `${statics.url}/${p.pageUrl}`;
        const input = await newInput();
        // Janus before ours on odd runs, after on even ones: neither server always goes first.
        const viaJanus = async () => (janus ? measure(chromium, pageUrl, 'runPublish', await janus.whipUrl(), options.timeoutMs) : undefined);
        const janusFirst = i % 2 !== 0 ? await viaJanus() : undefined;
        const live = await measure(chromium, pageUrl, 'runPublish', input, options.timeoutMs);
        const liveJanus = janusFirst ?? (await viaJanus());
        const play = await measure(chromium, pageUrl, 'runPlay', source.whepUrl, options.timeoutMs);
        if (i < 0) continue;
        p.live.add(live);
        p.liveJanus.add(liveJanus);
        p.frame.add(play);
        noteError(p, live);
        noteError(p, liveJanus, 'Janus: ');
        noteError(p, play);
        p.phases.publishPost.push(live.postMs);
        p.phases.publishAnswer.push(live.answerMs);
        p.phases.publishPostJanus.push(liveJanus?.postMs);
        p.phases.publishAnswerJanus.push(liveJanus?.answerMs);
        p.phases.playPost.push(play.postMs);
        p.phases.playAnswer.push(play.answerMs);
        p.phases.playConnected.push(play.connectedMs);
      }
      if (i >= 0 && (i + 1) % 5 === 0) log(`  chromium: ${i + 1}/${options.runs} runs`);
    }
    result.load.chromium = span.end();

    // Firefox: the same pages publish to and play from the same server; the source stays Chromium's.
    result.firefoxUnavailable = options.firefoxRuns > 0 ? (browserMissing('firefox') ?? undefined) : 'BENCH_FIREFOX_RUNS=0';
    if (result.firefoxUnavailable) log(`  no Firefox columns: ${result.firefoxUnavailable}`);
    else {
      span = loadSpan();
      const firefox = await launchBrowser('firefox');
      browsers.push(firefox);
      result.versions.push(firefox.version);
      for (let i = -1; i < options.firefoxRuns; i++) {
        for (const p of available) {
          const pageUrl = `${statics.url}/${p.pageUrl}`;
          const live = await measure(firefox, pageUrl, 'runPublish', await newInput(), options.timeoutMs);
          const play = await measure(firefox, pageUrl, 'runPlay', source.whepUrl, options.timeoutMs);
          if (i < 0) continue;
          p.firefoxLive.add(live);
          p.firefoxFrame.add(play);
          noteError(p, live, 'Firefox: ');
          noteError(p, play, 'Firefox: ');
        }
        if (i >= 0 && (i + 1) % 5 === 0) log(`  firefox: ${i + 1}/${options.firefoxRuns} runs`);
      }
      result.load.firefox = span.end();
    }

    for (const p of available) {
      p.result.timeToLive = p.live.summary();
      if (janus) p.result.timeToLiveJanus = p.liveJanus.summary();
      p.result.firstFrame = p.frame.summary();
      if (!result.firefoxUnavailable) p.result.firefox = { timeToLive: p.firefoxLive.summary(), firstFrame: p.firefoxFrame.summary() };
      const phases = p.phases;
      p.result.phases = {
        publishPost: phases.publishPost.summary(),
        publishAnswer: phases.publishAnswer.summary(),
        publishPostJanus: phases.publishPostJanus.summary(),
        publishAnswerJanus: phases.publishAnswerJanus.summary(),
        playPost: phases.playPost.summary(),
        playAnswer: phases.playAnswer.summary(),
        playConnected: phases.playConnected.summary(),
      };
    }
    return result;
  } finally {
    for (const browser of browsers) await browser.close().catch(() => {});
    await server?.close().catch(() => {});
    await janus?.close().catch(() => {});
    for (const stop of stopStatic) await stop();
    await rm(dir, { recursive: true, force: true });
  }
}
