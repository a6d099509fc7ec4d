// Server fan-out bench (issue 4): one ~2.5 Mbps VP8 publisher, werift viewers in worker processes,
// ramped in steps; per step: loss by RTP sequence numbers, the server's event-loop lag p99, CPU and
// RSS (measured inside the server process). Bounded in time; stops past the cliff.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createLiveInput } from '../lib/live-inputs.ts';
import { startBenchServer, stopChild, type BenchServer } from '../lib/server-handle.ts';
import type { ServerSample } from '../lib/server-protocol.ts';
import { percentile } from '../lib/stats.ts';
import { fmt, formatTable } from '../lib/table.ts';
import { startPublisher, type BenchPublisher } from './publisher.ts';
import type { ViewerReply, ViewerRequest, WindowStats } from './viewer-protocol.ts';

const config = {
  steps: (process.env.BENCH_FANOUT_STEPS ?? '25,50,75,100,125,150,200,250,300').split(',').map(Number),
  bitrateBps: 2_500_000,
  fps: 30,
  workers: 2,
  /** See viewer-worker.ts: 'count' (default, lighter; loss before retransmission) or 'full'. */
  viewers: process.env.BENCH_VIEWERS === 'full' ? 'full' : 'count',
  /** Viewers each worker connects at once while ramping. */
  concurrency: 4,
  settleMs: 2_000,
  windowMs: 6_000,
  connectTimeoutMs: 10_000,
  /** The whole fan-out bench stays under 5 minutes. */
  budgetMs: 270_000,
  pass: { maxLossPercent: 0.5, maxLagP99Ms: 20 },
};

export interface FanoutStep {
  viewers: number;
  /** Viewers that failed to connect or got no RTP while ramping to this step. */
  failedToJoin: number;
  lossPercent: number;
  worstViewerLossPercent: number;
  /**
   * 1 − packets the server received from the creator (its stats endpoint) / packets the publisher
   * sent: loss on the way in, which every viewer then shares. Retransmissions count as received.
   */
  ingestLossPercent: number;
  silentViewers: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Share of the window the server spent in GC pauses, and the longest pause. */
  gcPercent: number;
  gcMaxPauseMs: number;
  serverCpuPercent: number;
  serverRssMb: number;
  /** (RSS − RSS with the publisher only) / viewers. */
  rssPerViewerMb: number;
  /** (CPU − CPU with the publisher only) / viewers, % of one core. */
  cpuPerViewerPercent: number;
  /** POST → first RTP packet of the viewers that joined at this step. */
  firstPacketP50Ms: number;
  loadGeneratorCpuPercent: number;
  publisherKbps: number;
  loadavg1m: number;
  pass: boolean;
  errors: string[];
}

export interface FanoutResult {
  config: typeof config;
  baseline: ServerSample;
  steps: FanoutStep[];
  maxViewers: number;
  /** The same, on loss alone (what the viewers see), when the lag criterion is what failed. */
  maxViewersByLoss: number;
  limit: string;
  /** Why the ramp ended before the last step, if it did. */
  stoppedBecause: string;
}

/** The server's own relay counters (its ops endpoint); null when the server has no such endpoint. */
async function relayStats(serverUrl: string, uid: string): Promise<{ packetsIn: number; packetsLost: number } | null> {
  try {
    const response = await fetch(`${serverUrl}/_onair/live_inputs/${uid}/stats`, { signal: AbortSignal.timeout(10_000) });
    return response.ok ? ((await response.json()) as { packetsIn: number; packetsLost: number }) : null;
  } catch {
    return null;
  }
}

const percentOf = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : Number.NaN);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Worker {
  private nextId = 1;
  constructor(readonly child: ChildProcess) {}

  static async start(): Promise<Worker> {
    const child = fork(fileURLToPath(new URL('./viewer-worker.ts', import.meta.url)), {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`viewer worker exited (code ${code})`)));
    });
    return new Worker(child);
  }

  request<T extends ViewerReply>(message: ViewerRequest, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: ViewerReply) => {
        if ('id' in reply && reply.id === message.id) {
          this.child.off('message', onMessage);
          clearTimeout(timer);
          resolve(reply as T);
        }
      };
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        reject(new Error(`viewer worker did not answer '${message.type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.child.on('message', onMessage);
      this.child.send(message);
    });
  }

  id(): number {
    return this.nextId++;
  }
}

export async function runFanoutBench(log: (line: string) => void): Promise<FanoutResult> {
  const startedAt = performance.now();
  let server: BenchServer | undefined;
  let publisher: BenchPublisher | undefined;
  const workers: Worker[] = [];
  try {
    server = await startBenchServer();
    const input = await createLiveInput(server.url, server.accountId);
    for (let i = 0; i < config.workers; i++) workers.push(await Worker.start());
    publisher = await startPublisher(input.whipUrl, {
      bitrateBps: config.bitrateBps,
      fps: config.fps,
      maxPayload: 1200,
      keyframeInterval: config.fps * 2,
    });
    log(`  server ${server.url} (pid ${server.pid}), publisher live, ${config.workers} viewer workers`);

    await sleep(config.settleMs);
    await server.mark();
    await sleep(3_000);
    const baseline = await server.sample();
    log(`  baseline (publisher only): CPU ${fmt(baseline.cpuPercent, 1)} %, RSS ${fmt(baseline.rssBytes / 2 ** 20)} MB, lag p99 ${fmt(baseline.lagP99Ms, 1)} ms`);

    const steps: FanoutStep[] = [];
    let viewers = 0;
    let stopReason = '';
    let previousOverloaded = false;
    for (const target of config.steps) {
      const elapsed = performance.now() - startedAt;
      // Rough cost of a step: joining (~40 ms per viewer on this machine) + settle + window.
      const estimate = (target - viewers) * 40 + config.settleMs + config.windowMs + 5_000;
      if (elapsed + estimate > config.budgetMs) {
        stopReason = `time budget (${config.budgetMs / 1000} s) reached before ${target} viewers`;
        break;
      }
      const toAdd = target - viewers;
      // Joining stops at the budget (minus one window to measure what joined); a worker that still
      // does not answer a while later is stuck, which ends the bench rather than overrunning it.
      const joinDeadlineMs = config.budgetMs - (performance.now() - startedAt) - config.settleMs - config.windowMs;
      const added = await Promise.all(
        workers.map((worker, index) => {
          const count = Math.floor(toAdd / workers.length) + (index < toAdd % workers.length ? 1 : 0);
          return worker.request<Extract<ViewerReply, { type: 'added' }>>(
            {
              type: 'add',
              id: worker.id(),
              whepUrl: input.whepUrl,
              count,
              concurrency: config.concurrency,
              connectTimeoutMs: config.connectTimeoutMs,
              deadlineMs: joinDeadlineMs,
            },
            joinDeadlineMs + 3 * config.connectTimeoutMs,
          );
        }),
      );
      const joined = added.reduce((sum, a) => sum + a.connected, 0);
      const failedToJoin = added.reduce((sum, a) => sum + a.failed, 0);
      viewers += joined;

      await sleep(config.settleMs);
      const ingestBefore = await relayStats(server.url, input.uid);
      const sentBefore = publisher.source.packetsSent;
      await Promise.all([server.mark(), ...workers.map((w) => w.request({ type: 'window-start', id: w.id() }, 10_000))]);
      const windowStart = performance.now();
      await sleep(config.windowMs);
      const sent = publisher.source.packetsSent - sentBefore;
      const windowSeconds = (performance.now() - windowStart) / 1000;
      const [sample, ...windows] = await Promise.all([
        server.sample(),
        ...workers.map((w) =>
          w
            .request<Extract<ViewerReply, { type: 'window-ended' }>>({ type: 'window-end', id: w.id(), publisherSent: sent }, 10_000)
            .then((r) => r.stats),
        ),
      ]);
      const ingestAfter = await relayStats(server.url, input.uid);
      const total = (windows as WindowStats[]).reduce(
        (acc, w) => ({
          expected: acc.expected + w.expected,
          received: acc.received + w.received,
          silent: acc.silent + w.silent,
          worst: Math.max(acc.worst, w.worstLoss),
          cpu: acc.cpu + w.cpuPercent,
        }),
        { expected: 0, received: 0, silent: 0, worst: 0, cpu: 0 },
      );
      const lossPercent = total.expected > 0 ? (1 - total.received / total.expected) * 100 : 100;
      const step: FanoutStep = {
        viewers,
        failedToJoin,
        lossPercent,
        worstViewerLossPercent: total.worst * 100,
        ingestLossPercent:
          ingestBefore && ingestAfter ? Math.max(0, 100 - percentOf(ingestAfter.packetsIn - ingestBefore.packetsIn, sent)) : Number.NaN,
        silentViewers: total.silent,
        lagP99Ms: sample.lagP99Ms,
        lagMaxMs: sample.lagMaxMs,
        gcPercent: sample.gcPercent,
        gcMaxPauseMs: sample.gcMaxPauseMs,
        serverCpuPercent: sample.cpuPercent,
        serverRssMb: sample.rssBytes / 2 ** 20,
        rssPerViewerMb: viewers ? (sample.rssBytes - baseline.rssBytes) / 2 ** 20 / viewers : Number.NaN,
        cpuPerViewerPercent: viewers ? (sample.cpuPercent - baseline.cpuPercent) / viewers : Number.NaN,
        firstPacketP50Ms: percentile(added.flatMap((a) => a.firstPacketMs), 50),
        loadGeneratorCpuPercent: total.cpu,
        publisherKbps: (sent * 1200 * 8) / 1000 / windowSeconds,
        loadavg1m: loadavg()[0]!,
        pass: false,
        errors: [...new Set(added.flatMap((a) => a.errors))],
      };
      step.pass =
        step.failedToJoin === 0 && step.lossPercent < config.pass.maxLossPercent && step.lagP99Ms < config.pass.maxLagP99Ms;
      steps.push(step);
      log(
        `  ${String(viewers).padStart(4)} viewers: loss ${fmt(step.lossPercent, 2)} % (ingest ${fmt(step.ingestLossPercent, 2)} %), lag p99 ${fmt(step.lagP99Ms, 1)} ms, ` +
          `server CPU ${fmt(step.serverCpuPercent)} %, RSS ${fmt(step.serverRssMb)} MB${failedToJoin ? `, ${failedToJoin} failed to join` : ''}` +
          `${step.pass ? '' : '  ✗'}`,
      );
      if (publisher.state !== 'connected') {
        stopReason = `the publisher's connection went '${publisher.state}' at ${viewers} viewers (the server dropped or starved it)`;
        step.errors.push(stopReason);
        log(`  ${stopReason}: stopping`);
        break;
      }
      // Far past the cliff there is nothing more to learn, only a machine to overload; one bad step
      // may be a burst of background load, two in a row are the cliff.
      const overloaded = step.lossPercent > 5 || step.lagP99Ms > 250 || failedToJoin > toAdd / 2;
      if (overloaded && previousOverloaded && target !== config.steps[config.steps.length - 1]) {
        stopReason = `stopped ramping after ${viewers} viewers (past the limit)`;
        break;
      }
      previousOverloaded = overloaded;
    }

    const firstFail = steps.findIndex((s) => !s.pass);
    const passing = firstFail < 0 ? steps : steps.slice(0, firstFail);
    const maxViewers = passing.length ? passing[passing.length - 1]!.viewers : 0;
    const firstLossFail = steps.findIndex((s) => s.failedToJoin > 0 || s.lossPercent >= config.pass.maxLossPercent);
    const lossPassing = firstLossFail < 0 ? steps : steps.slice(0, firstLossFail);
    const maxViewersByLoss = lossPassing.length ? lossPassing[lossPassing.length - 1]!.viewers : 0;
    return {
      config,
      baseline,
      steps,
      maxViewers,
      maxViewersByLoss,
      limit: explainLimit(steps, firstFail < 0 ? undefined : steps[firstFail], stopReason, baseline),
      stoppedBecause: stopReason,
    };
  } finally {
    await Promise.all(workers.map((w) => w.request({ type: 'close', id: w.id() }, 15_000).catch(() => undefined)));
    await Promise.all(workers.map((w) => stopChild(w.child)));
    await publisher?.close().catch(() => {});
    await server?.close().catch(() => {});
  }
}

const lifts =
  'What would lift it: fan-out off the main thread (worker threads each owning a share of the viewers: ' +
  'SRTP encryption and sends for N viewers per packet no longer share one event loop), then several relay ' +
  'processes behind a load balancer fed by one ingest (a cluster), or a native SFU for the per-packet work.';

function explainLimit(steps: FanoutStep[], failed: FanoutStep | undefined, stopReason: string, baseline: ServerSample): string {
  const cores = availableParallelism();
  if (baseline.lagP99Ms >= config.pass.maxLagP99Ms) {
    return (
      `with the publisher alone (no viewers) the server's event-loop lag p99 was already ${fmt(baseline.lagP99Ms, 1)} ms: ` +
      `the machine's background load (load average ${fmt(loadavg()[0]!, 1)} on ${cores} cores) keeps the server ` +
      `off the CPU, so the lag criterion cannot be met in this run; rerun on a quiet machine` +
      (failed ? ` (first failing step: ${failed.viewers} viewers, loss ${fmt(failed.lossPercent, 2)} %, server CPU ${fmt(failed.serverCpuPercent)} %)` : '')
    );
  }
  if (!failed) return `no limit reached within the steps (${stopReason || 'all steps passed'}); the real maximum is higher`;
  const what = [
    failed.failedToJoin ? `${failed.failedToJoin} viewers failed to join` : '',
    failed.lossPercent >= config.pass.maxLossPercent ? `loss ${fmt(failed.lossPercent, 2)} %` : '',
    failed.lagP99Ms >= config.pass.maxLagP99Ms ? `lag p99 ${fmt(failed.lagP99Ms, 1)} ms` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const perViewer = percentile(steps.map((s) => s.cpuPerViewerPercent).filter(Number.isFinite), 50);
  const saturatesAt = perViewer > 0 ? Math.round((100 - baseline.cpuPercent) / perViewer) : Number.NaN;
  const cliff = steps.find((s) => s.lossPercent >= config.pass.maxLossPercent);
  const cliffNote = cliff
    ? ` Loss starts at ${cliff.viewers} viewers (${fmt(cliff.lossPercent, 1)} %, server CPU ${fmt(cliff.serverCpuPercent)} %` +
      `${cliff.ingestLossPercent > 0.5 ? `, ${fmt(cliff.ingestLossPercent, 1)} % already lost on the way in` : ''}).`
    : '';
  const machine =
    failed.loadavg1m > cores
      ? ` The machine was busy (load average ${fmt(failed.loadavg1m, 1)} on ${cores} cores, load generator ${fmt(failed.loadGeneratorCpuPercent)} % CPU): the server competed for CPU.`
      : '';
  const cause =
    failed.serverCpuPercent >= 85
      ? `the server process used ${fmt(failed.serverCpuPercent)} % of a core: its single event loop (SRTP encryption and ` +
        `one UDP send per packet per viewer) is saturated.`
      : `the server used ${fmt(failed.serverCpuPercent)} % of a core: the event loop stalls before the core is full, because ` +
        `every packet is encrypted and sent once per viewer (in ~1 ms slices), and garbage collection pauses add to it (GC took ${fmt(failed.gcPercent, 1)} % of the time, longest pause ${fmt(failed.gcMaxPauseMs)} ms). ` +
        `At ${fmt(perViewer, 2)} % of a core per viewer one core saturates near ${fmt(saturatesAt)} viewers.`;
  return `at ${failed.viewers} viewers (${what}): ${cause}${cliffNote}${machine} ${lifts}`;
}

export function formatFanoutTable(result: FanoutResult): string {
  const rows = result.steps.map((s) => [
    String(s.viewers),
    fmt(s.lossPercent, 2),
    fmt(s.worstViewerLossPercent, 1),
    fmt(s.ingestLossPercent, 2),
    fmt(s.lagP99Ms, 1),
    fmt(s.lagMaxMs),
    fmt(s.gcPercent, 1),
    fmt(s.gcMaxPauseMs),
    fmt(s.serverCpuPercent),
    fmt(s.cpuPerViewerPercent, 2),
    fmt(s.serverRssMb),
    fmt(s.rssPerViewerMb, 2),
    fmt(s.firstPacketP50Ms),
    String(s.failedToJoin),
    fmt(s.loadGeneratorCpuPercent),
    fmt(s.loadavg1m, 1),
    s.pass ? 'yes' : 'no',
  ]);
  const table = formatTable(
    ['viewers', 'loss %', 'worst %', 'ingest loss %', 'lag p99', 'lag max', 'GC %', 'GC max', 'CPU %', 'CPU/viewer', 'RSS MB', 'RSS/viewer MB', '1st pkt p50', 'join fail', 'loadgen CPU %', 'load 1m', 'pass'],
    rows,
  );
  const b = result.baseline;
  return [
    table,
    `baseline (publisher only): CPU ${fmt(b.cpuPercent, 1)} %, RSS ${fmt(b.rssBytes / 2 ** 20)} MB, lag p99 ${fmt(b.lagP99Ms, 1)} ms; ` +
      `publisher ${fmt(result.steps[0]?.publisherKbps ?? Number.NaN)} kbps VP8 (synthetic 720p30)`,
    `loss = 1 − distinct RTP sequence numbers received / sequence range, over all viewers (${
      result.config.viewers === 'full' ? 'after NACK recovery' : 'viewers send no NACKs: loss before any retransmission'
    }); ` +
      'lag = server event-loop delay (perf_hooks, inside the server process); CPU % of one core.',
    `max viewers with loss < ${result.config.pass.maxLossPercent} % and lag p99 < ${result.config.pass.maxLagP99Ms} ms: ${result.maxViewers} (target ≥ 150); ` +
      `on loss alone: ${result.maxViewersByLoss}`,
    `limit: ${result.limit}`,
    ...(result.stoppedBecause ? [`ramp: ${result.stoppedBecause}`] : []),
  ].join('\n');
}
