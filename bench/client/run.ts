// Client bench (issue 3): time to live and time to first frame of each WHIP/WHEP client in headless
// Chromium against one @onair/server on loopback, plus each client's min+gzip size.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { launchOptions } from '../../scripts/chromium.ts';
import { createLiveInput } from '../lib/live-inputs.ts';
import { startBenchServer, type BenchServer } from '../lib/server-handle.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { fmt, formatTable } from '../lib/table.ts';
import { bundlePage, bundleScript, measureSize, type BundleSize } from './bundle.ts';
import { clients, recorderScript, referencePublisherPage, type BenchClient } from './clients.ts';
import { startJanusTarget, type JanusTarget } from './janus.ts';
import type { RunResult } from './pages/harness.ts';
import { serveStatic } from './static-server.ts';

export interface ClientBenchOptions {
  runs: number;
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

/** Issue 3's targets; the first frame's p50 is issue 10's (through @onair/server). */
export const targets = { timeToLiveP50: 250, firstFrameP50: 150, firstFrameP95: 400 };

type Bench = {
  runPublish(url: string, timeoutMs: number): Promise<RunResult>;
  runPlay(url: string, timeoutMs: number): Promise<RunResult>;
  stop(): Promise<void>;
};

const debug = process.env.BENCH_DEBUG === '1';

async function openPage(context: BrowserContext, pageUrl: string): Promise<Page> {
  const page = await context.newPage();
  if (debug) page.on('console', (message) => console.log(`    [page ${message.type()}] ${message.text()}`));
  await page.goto(pageUrl);
  await page.waitForFunction(() => 'bench' in window);
  return page;
}

/** One measured run in a fresh page; any failure becomes a failed run, never a crash. */
async function measure(
  context: BrowserContext,
  pageUrl: string,
  action: 'runPublish' | 'runPlay',
  mediaUrl: string,
  timeoutMs: number,
): Promise<RunResult> {
  let page: Page | undefined;
  try {
    page = await openPage(context, pageUrl);
    const result = await page.evaluate(
      ([action, url, timeout]) => (window as unknown as { bench: Bench }).bench[action](url, timeout),
      [action, mediaUrl, timeoutMs] as const,
    );
    await page.evaluate(() => (window as unknown as { bench: Bench }).bench.stop());
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

interface Prepared {
  client: BenchClient;
  pageUrl?: string;
  result: ClientResult;
  live: number[];
  liveFailed: number;
  liveJanus: number[];
  liveJanusFailed: number;
  frame: number[];
  frameFailed: number;
  phases: Record<keyof NonNullable<ClientResult['phases']>, number[]>;
}

export interface ClientBenchResult {
  clients: ClientResult[];
  /** Why there are no Janus columns, when there are none. */
  janusUnavailable?: string;
}

export async function runClientBench(options: ClientBenchOptions, log: (line: string) => void): Promise<ClientBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'onair-bench-'));
  let server: BenchServer | undefined;
  let janus: JanusTarget | undefined;
  let janusUnavailable: string | undefined;
  let browser: Browser | undefined;
  const stopStatic: (() => Promise<void>)[] = [];
  try {
    const prepared: Prepared[] = [];
    for (const [index, client] of clients.entries()) {
      const result: ClientResult = { name: client.name, ours: !!client.ours, errors: [] };
      const entry: Prepared = {
        client,
        result,
        live: [],
        liveFailed: 0,
        liveJanus: [],
        liveJanusFailed: 0,
        frame: [],
        frameFailed: 0,
        phases: { publishPost: [], publishAnswer: [], publishPostJanus: [], publishAnswerJanus: [], playPost: [], playAnswer: [], playConnected: [] },
      };
      prepared.push(entry);
      try {
        result.size = await measureSize(client.sizeEntry);
        await bundlePage(client.page, join(dir, `c${index}`, 'bundle.js'));
        await writeFile(join(dir, `c${index}`, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="bundle.js"></script>');
        entry.pageUrl = `c${index}/index.html`;
      } catch (error) {
        result.unavailable = `does not build: ${buildError(error)}`;
        log(`  ${client.name}: ${result.unavailable}`);
      }
    }
    await bundlePage(referencePublisherPage, join(dir, 'reference', 'bundle.js'));
    await writeFile(join(dir, 'reference', 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="bundle.js"></script>');

    const statics = await serveStatic(dir);
    stopStatic.push(statics.close);
    server = await startBenchServer();
    log(`  server ${server.url}, pages ${statics.url}`);
    const janusTarget = await startJanusTarget(2 * clients.length * (options.runs + 1));
    if ('unavailable' in janusTarget) {
      janusUnavailable = janusTarget.unavailable;
      log(`  no Janus columns: ${janusUnavailable}`);
    } else janus = janusTarget;
    browser = await chromium.launch({ ...launchOptions, headless: true });

    const recorder = await bundleScript(recorderScript);
    const newContext = async () => {
      const context = await browser!.newContext();
      await context.addInitScript({ content: recorder });
      return context;
    };

    // The source every viewer watches stays live for the whole bench.
    const referenceContext = await newContext();
    const source = await createLiveInput(server.url, server.accountId);
    const referencePage = await openPage(referenceContext, `${statics.url}/reference/index.html`);
    const referenceLive = await referencePage.evaluate(
      ([url, timeout]) => (window as unknown as { bench: Bench }).bench.runPublish(url, timeout),
      [source.whipUrl, options.timeoutMs] as const,
    );
    if (!referenceLive.ok) throw new Error(`the reference publisher did not go live: ${referenceLive.error}`);
    log(`  reference publisher live in ${fmt(referenceLive.ms!)} ms`);

    const available = prepared.filter((p) => p.pageUrl);
    const contexts = new Map<Prepared, BrowserContext>();
    for (const p of available) contexts.set(p, await newContext());

    const noteError = (p: Prepared, run: RunResult) => {
      if (run.error && p.result.errors.length < 5 && !p.result.errors.includes(run.error)) p.result.errors.push(run.error);
    };

    // One uncounted warm-up of each kind per client, then runs interleaved client by client so
    // background load on the shared machine spreads over all clients alike.
    for (let i = -1; i < options.runs; i++) {
      for (const p of available) {
        const context = contexts.get(p)!;
        const pageUrl = `${statics.url}/${p.pageUrl}`;
        const input = await createLiveInput(server.url, server.accountId);
        // Janus before ours on odd runs, after on even ones: neither server always goes first.
        const viaJanus = async () => (janus ? measure(context, pageUrl, 'runPublish', await janus.whipUrl(), options.timeoutMs) : undefined);
        const janusFirst = i % 2 !== 0 ? await viaJanus() : undefined;
        const live = await measure(context, pageUrl, 'runPublish', input.whipUrl, options.timeoutMs);
        const liveJanus = janusFirst ?? (await viaJanus());
        const play = await measure(context, pageUrl, 'runPlay', source.whepUrl, options.timeoutMs);
        if (i < 0) continue;
        if (liveJanus?.ok) p.liveJanus.push(liveJanus.ms!);
        else if (liveJanus) {
          p.liveJanusFailed++;
          noteError(p, { ...liveJanus, error: `Janus: ${liveJanus.error}` });
        }
        if (live.ok) p.live.push(live.ms!);
        else {
          p.liveFailed++;
          noteError(p, live);
        }
        if (play.ok) p.frame.push(play.ms!);
        else {
          p.frameFailed++;
          noteError(p, play);
        }
        const phase = (key: keyof Prepared['phases'], value: number | undefined) => value !== undefined && p.phases[key].push(value);
        phase('publishPost', live.postMs);
        phase('publishAnswer', live.answerMs);
        phase('publishPostJanus', liveJanus?.postMs);
        phase('publishAnswerJanus', liveJanus?.answerMs);
        phase('playPost', play.postMs);
        phase('playAnswer', play.answerMs);
        phase('playConnected', play.connectedMs);
      }
      if (i >= 0 && (i + 1) % 5 === 0) log(`  ${i + 1}/${options.runs} runs`);
    }

    for (const p of available) {
      p.result.timeToLive = summarize(p.live, p.liveFailed);
      if (janus) p.result.timeToLiveJanus = summarize(p.liveJanus, p.liveJanusFailed);
      p.result.firstFrame = summarize(p.frame, p.frameFailed);
      const phases = p.phases;
      p.result.phases = {
        publishPost: summarize(phases.publishPost, 0),
        publishAnswer: summarize(phases.publishAnswer, 0),
        publishPostJanus: summarize(phases.publishPostJanus, 0),
        publishAnswerJanus: summarize(phases.publishAnswerJanus, 0),
        playPost: summarize(phases.playPost, 0),
        playAnswer: summarize(phases.playAnswer, 0),
        playConnected: summarize(phases.playConnected, 0),
      };
    }
    return { clients: prepared.map((p) => p.result), janusUnavailable };
  } finally {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    await janus?.close().catch(() => {});
    for (const stop of stopStatic) await stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const ms = (s: Summary | undefined, key: 'p50' | 'p95') => (s ? fmt(s[key]) : '—');
const failures = (s: Summary | undefined) => (s ? `${s.failed}/${s.runs}` : '—');
const kb = (bytes: number | undefined) => (bytes === undefined ? '—' : (bytes / 1024).toFixed(1));

export function formatClientTable({ clients: results, janusUnavailable }: ClientBenchResult): string {
  const rows = results.map((r) => [
    r.name,
    ms(r.timeToLive, 'p50'),
    ms(r.timeToLive, 'p95'),
    failures(r.timeToLive),
    ms(r.timeToLiveJanus, 'p50'),
    ms(r.timeToLiveJanus, 'p95'),
    failures(r.timeToLiveJanus),
    ms(r.firstFrame, 'p50'),
    ms(r.firstFrame, 'p95'),
    failures(r.firstFrame),
    kb(r.size?.gzipBytes),
    kb(r.size?.minBytes),
  ]);
  rows.push(['target (ours)', `≤ ${targets.timeToLiveP50}`, '', '', '', '', '', `≤ ${targets.firstFrameP50}`, `≤ ${targets.firstFrameP95}`, '', '≤ 6.0', '']);
  const main = formatTable(
    ['client', 'live p50', 'live p95', 'live fail', 'Janus live p50', 'Janus p95', 'Janus fail', 'frame p50', 'frame p95', 'frame fail', 'KB min+gz', 'KB min'],
    rows,
  );
  const phases = formatTable(
    ['p50 ms after start', 'pub POST sent', 'pub answer', 'pub connected', 'Janus POST sent', 'Janus answer', 'Janus connected', 'view POST sent', 'view answer', 'view connected', 'first frame'],
    results
      .filter((r) => r.phases)
      .map((r) => [
        r.name,
        ms(r.phases!.publishPost, 'p50'),
        ms(r.phases!.publishAnswer, 'p50'),
        ms(r.timeToLive, 'p50'),
        ms(r.phases!.publishPostJanus, 'p50'),
        ms(r.phases!.publishAnswerJanus, 'p50'),
        ms(r.timeToLiveJanus, 'p50'),
        ms(r.phases!.playPost, 'p50'),
        ms(r.phases!.playAnswer, 'p50'),
        ms(r.phases!.playConnected, 'p50'),
        ms(r.firstFrame, 'p50'),
      ]),
  );
  const ours = results.find((r) => r.ours && r.timeToLive && r.firstFrame);
  const verdict = ours
    ? [
        `ours vs targets: live p50 ${fmt(ours.timeToLive!.p50)} ${ours.timeToLive!.p50 <= targets.timeToLiveP50 ? '✓' : '✗'}, ` +
          `frame p50 ${fmt(ours.firstFrame!.p50)} ${ours.firstFrame!.p50 <= targets.firstFrameP50 ? '✓' : '✗'}, ` +
          `frame p95 ${fmt(ours.firstFrame!.p95)} ${ours.firstFrame!.p95 <= targets.firstFrameP95 ? '✓' : '✗'}, ` +
          `size ${kb(ours.size?.gzipBytes)} KB ${ours.size && ours.size.gzipBytes <= 6 * 1024 ? '✓' : '✗'}`,
      ]
    : [];
  const versusJanus = results
    .filter((r) => r.timeToLive?.ok && r.timeToLiveJanus?.ok)
    .map((r) => `${r.name} ${fmt(r.timeToLive!.p50)} vs ${fmt(r.timeToLiveJanus!.p50)} ${r.timeToLive!.p50 <= r.timeToLiveJanus!.p50 ? '✓' : '✗'}`);
  if (versusJanus.length) verdict.push(`live p50 through @onair/server vs Janus (goal ≤): ${versusJanus.join(', ')}`);
  const notes = results.flatMap((r) => [
    ...(r.unavailable ? [`  ${r.name}: ${r.unavailable}`] : []),
    ...r.errors.map((e) => `  ${r.name}: ${e}`),
  ]);
  return [
    main,
    'live = start → publisher RTCPeerConnection "connected" (through @onair/server; Janus = the same client publishing to Janus 1.1 VideoRoom',
    `behind simple-whip-server in the same run${janusUnavailable ? `: not measured, ${janusUnavailable}` : ''}); frame = start → first requestVideoFrameCallback (publisher already live);`,
    'sizes: esbuild --minify of what publishes + plays, gzip -9. Failed runs are counted, not averaged in.',
    ...verdict,
    '',
    phases,
    ...(notes.length ? ['', 'failures:', ...notes] : []),
  ].join('\n');
}
