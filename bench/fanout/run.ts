// Server fan-out bench (issues 4 and 10): one publisher (~2.5 Mbps VP8 + Opus), werift viewers in
// worker processes, ramped in steps; per step: video and audio loss by RTP sequence numbers, whole
// and broken video frames, the server's event-loop lag p99, CPU and RSS (measured inside the server
// process). Three ramps in one run, each bounded in time and stopped past its cliff:
// - capacity: @onair/server with light viewers (they skip decryption, so the server saturates first);
// - @onair/server and a plain werift relay (plain-relay.ts), with viewers that decrypt like a browser,
//   at the same steps: the per-viewer CPU of each, side by side.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createLiveInput } from '../lib/live-inputs.ts';
import { serverModules, startBenchServer, stopChild, type BenchServer } from '../lib/server-handle.ts';
import type { ServerSample } from '../lib/server-protocol.ts';
import { percentile } from '../lib/stats.ts';
import type { Block, LoadSpan, Section } from '../lib/report.ts';
import { lineChart } from '../lib/svg.ts';
import { fmt } from '../lib/table.ts';
import { startPublisher, type BenchPublisher } from './publisher.ts';
import { addKnown } from './stream-counter.ts';
import type { ViewerMode, ViewerReply, ViewerRequest, WindowStats } from './viewer-protocol.ts';

const steps = (value: string) => value.split(',').map(Number);

const config = {
  capacitySteps: steps(process.env.BENCH_FANOUT_STEPS ?? '25,50,75,100,125,150,200,250,300'),
  compareSteps: steps(process.env.BENCH_FANOUT_COMPARE_STEPS ?? '25,50,75,100'),
  /** Which ramps run: 'capacity' and/or 'compare' (default both). */
  parts: (process.env.BENCH_FANOUT ?? 'capacity,compare').split(','),
  bitrateBps: 2_500_000,
  fps: 30,
  workers: 2,
  /** Viewers each worker connects at once while ramping. */
  concurrency: 4,
  settleMs: 2_000,
  windowMs: 6_000,
  connectTimeoutMs: 10_000,
  /** Per ramp; the whole fan-out bench stays under 10 minutes. */
  budgetMs: { capacity: 270_000, compare: 150_000 },
  pass: { maxLossPercent: 0.5, maxLagP99Ms: 20 },
};

const servers = {
  '@onair/server': serverModules.onair,
  'plain werift relay': serverModules.plainRelay,
};
type ServerName = keyof typeof servers;

export interface FanoutStep {
  viewers: number;
  /** Viewers that failed to connect or got no RTP while ramping to this step. */
  failedToJoin: number;
  /** Video loss by sequence numbers: what a viewer was sent and did not get. */
  lossPercent: number;
  worstViewerLossPercent: number;
  audioLossPercent: number;
  /** Whole video frames per viewer per second (the publisher sends 30). */
  videoFps: number;
  /** Video frames with a packet missing, % of the frames viewers got. */
  brokenFramesPercent: number;
  /** Delta frames right after left-out frames (undecodable); null for light viewers. */
  deltaAfterGap: number | null;
  /**
   * 1 − packets the server received from the creator (its stats endpoint) / packets the publisher
   * sent: loss on the way in, which every viewer then shares. Retransmissions count as received.
   */
  ingestLossPercent: number;
  /** What the server left out on purpose in the window (its stats; @onair/server only). */
  packetsDropped: number;
  framesDropped: number;
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
  /** The same per packet the publisher sent (video + audio): µs of CPU per packet and viewer. */
  cpuPerPacketViewerUs: number;
  /** Of it, in the kernel (system time). */
  systemPerPacketViewerUs: number;
  /** POST → first RTP packet of the viewers that joined at this step. */
  firstPacketP50Ms: number;
  loadGeneratorCpuPercent: number;
  publisherKbps: number;
  loadavg1m: number;
  pass: boolean;
  errors: string[];
}

export interface FanoutRamp {
  server: ServerName;
  viewers: ViewerMode;
  baseline: ServerSample;
  steps: FanoutStep[];
  maxViewers: number;
  /** The same, on loss alone (what the viewers see), when the lag criterion is what failed. */
  maxViewersByLoss: number;
  /** Most viewers that all still got every frame whole (≥ 95 % of the frame rate, no audio lost). */
  maxViewersFullRate: number;
  limit: string;
  /** Why the ramp ended before the last step, if it did. */
  stoppedBecause: string;
}

export interface FanoutResult {
  config: typeof config;
  ramps: FanoutRamp[];
}

interface RelayCounters {
  packetsIn: number;
  packetsDropped?: number;
  framesDropped?: number;
}

/** The server's own relay counters (its ops endpoint); null when the server has no such endpoint. */
async function relayStats(serverUrl: string, uid: string): Promise<RelayCounters | null> {
  try {
    const response = await fetch(`${serverUrl}/_onair/live_inputs/${uid}/stats`, { signal: AbortSignal.timeout(10_000) });
    return response.ok ? ((await response.json()) as RelayCounters) : null;
  } catch {
    return null;
  }
}

const percentOf = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : Number.NaN);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Worker {
  private nextId = 1;
  constructor(readonly child: ChildProcess) {}

  static async start(mode: ViewerMode): Promise<Worker> {
    const child = fork(fileURLToPath(new URL('./viewer-worker.ts', import.meta.url)), {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_VIEWER_MODE: mode },
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
  const ramps: FanoutRamp[] = [];
  if (config.parts.includes('capacity')) {
    log(`\n### capacity: @onair/server, light viewers, ${config.capacitySteps.join(', ')}`);
    ramps.push(await runRamp('@onair/server', 'light', config.capacitySteps, config.budgetMs.capacity, log));
  }
  if (config.parts.includes('compare')) {
    for (const server of Object.keys(servers) as ServerName[]) {
      log(`\n### ${server}, viewers that decrypt like a browser, ${config.compareSteps.join(', ')}`);
      ramps.push(await runRamp(server, 'browser', config.compareSteps, config.budgetMs.compare, log));
    }
  }
  return { config, ramps };
}

async function runRamp(serverName: ServerName, mode: ViewerMode, targets: number[], budgetMs: number, log: (line: string) => void): Promise<FanoutRamp> {
  const startedAt = performance.now();
  let server: BenchServer | undefined;
  let publisher: BenchPublisher | undefined;
  const workers: Worker[] = [];
  try {
    server = await startBenchServer(servers[serverName]);
    const input = await createLiveInput(server.url, server.accountId);
    for (let i = 0; i < config.workers; i++) workers.push(await Worker.start(mode));
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
    for (const target of targets) {
      const elapsed = performance.now() - startedAt;
      // Rough cost of a step: joining (~40 ms per viewer on this machine) + settle + window.
      const estimate = (target - viewers) * 40 + config.settleMs + config.windowMs + 5_000;
      if (elapsed + estimate > budgetMs) {
        stopReason = `time budget (${budgetMs / 1000} s) reached before ${target} viewers`;
        break;
      }
      const toAdd = target - viewers;
      // Joining stops at the budget (minus one window to measure what joined); a worker that still
      // does not answer a while later is stuck, which ends the bench rather than overrunning it.
      const joinDeadlineMs = budgetMs - (performance.now() - startedAt) - config.settleMs - config.windowMs;
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
      const before = await relayStats(server.url, input.uid);
      const sentBefore = { video: publisher.source.packetsSent, audio: publisher.audio.packetsSent };
      await Promise.all([server.mark(), ...workers.map((w) => w.request({ type: 'window-start', id: w.id() }, 10_000))]);
      const windowStart = performance.now();
      await sleep(config.windowMs);
      const sent = { video: publisher.source.packetsSent - sentBefore.video, audio: publisher.audio.packetsSent - sentBefore.audio };
      const windowSeconds = (performance.now() - windowStart) / 1000;
      /** % of a core above the baseline → µs per packet sent and viewer. */
      const perPacketViewerUs = (percent: number) => (viewers ? (percent / 100 / viewers / ((sent.video + sent.audio) / windowSeconds)) * 1e6 : Number.NaN);
      const [sample, ...windows] = await Promise.all([
        server.sample(),
        ...workers.map((w) =>
          w
            .request<Extract<ViewerReply, { type: 'window-ended' }>>({ type: 'window-end', id: w.id(), publisherSent: sent }, 10_000)
            .then((r) => r.stats),
        ),
      ]);
      const after = await relayStats(server.url, input.uid);
      const total = sumWindows(windows as WindowStats[]);
      const frames = total.video.framesWhole + total.video.framesBroken;
      const counterDelta = (key: 'packetsDropped' | 'framesDropped') =>
        before?.[key] !== undefined && after?.[key] !== undefined ? after[key] - before[key] : Number.NaN;
      const step: FanoutStep = {
        viewers,
        failedToJoin,
        lossPercent: total.video.expected > 0 ? (1 - total.video.received / total.video.expected) * 100 : 100,
        worstViewerLossPercent: total.worstLoss * 100,
        audioLossPercent: total.audio.expected > 0 ? (1 - total.audio.received / total.audio.expected) * 100 : 100,
        videoFps: total.viewers ? total.video.framesWhole / total.viewers / total.seconds : Number.NaN,
        brokenFramesPercent: frames ? (total.video.framesBroken / frames) * 100 : Number.NaN,
        deltaAfterGap: total.video.deltaAfterGap,
        ingestLossPercent: before && after ? Math.max(0, 100 - percentOf(after.packetsIn - before.packetsIn, sent.video + sent.audio)) : Number.NaN,
        packetsDropped: counterDelta('packetsDropped'),
        framesDropped: counterDelta('framesDropped'),
        silentViewers: total.silent,
        lagP99Ms: sample.lagP99Ms,
        lagMaxMs: sample.lagMaxMs,
        gcPercent: sample.gcPercent,
        gcMaxPauseMs: sample.gcMaxPauseMs,
        serverCpuPercent: sample.cpuPercent,
        serverRssMb: sample.rssBytes / 2 ** 20,
        rssPerViewerMb: viewers ? (sample.rssBytes - baseline.rssBytes) / 2 ** 20 / viewers : Number.NaN,
        cpuPerViewerPercent: viewers ? (sample.cpuPercent - baseline.cpuPercent) / viewers : Number.NaN,
        cpuPerPacketViewerUs: perPacketViewerUs(sample.cpuPercent - baseline.cpuPercent),
        systemPerPacketViewerUs: perPacketViewerUs(sample.systemCpuPercent - baseline.systemCpuPercent),
        firstPacketP50Ms: percentile(added.flatMap((a) => a.firstPacketMs), 50),
        loadGeneratorCpuPercent: total.cpuPercent,
        publisherKbps: (sent.video * 1200 * 8) / 1000 / windowSeconds,
        loadavg1m: loadavg()[0]!,
        pass: false,
        errors: [...new Set(added.flatMap((a) => a.errors))],
      };
      step.pass = step.failedToJoin === 0 && step.lossPercent < config.pass.maxLossPercent && step.lagP99Ms < config.pass.maxLagP99Ms;
      steps.push(step);
      log(
        `  ${String(viewers).padStart(4)} viewers: video loss ${fmt(step.lossPercent, 2)} %, audio loss ${fmt(step.audioLossPercent, 2)} %, ` +
          `${fmt(step.videoFps, 1)} whole fps, broken ${fmt(step.brokenFramesPercent, 1)} % (ingest loss ${fmt(step.ingestLossPercent, 2)} %), ` +
          `lag p99 ${fmt(step.lagP99Ms, 1)} ms, server CPU ${fmt(step.serverCpuPercent)} % (${fmt(step.cpuPerViewerPercent, 2)} %/viewer, ` +
          `${fmt(step.cpuPerPacketViewerUs, 1)} µs per packet and viewer, ${fmt(step.systemPerPacketViewerUs, 1)} of it in the kernel), ` +
          `load generator ${fmt(step.loadGeneratorCpuPercent)} %${failedToJoin ? `, ${failedToJoin} failed to join` : ''}${step.pass ? '' : '  ✗'}`,
      );
      if (publisher.state !== 'connected') {
        stopReason = `the publisher's connection went '${publisher.state}' at ${viewers} viewers (the server dropped or starved it)`;
        step.errors.push(stopReason);
        log(`  ${stopReason}: stopping`);
        break;
      }
      // Far past the cliff there is nothing more to learn, only a machine to overload; one bad step
      // may be a burst of background load, two in a row are the cliff.
      const overloaded = step.lossPercent > 5 || step.videoFps < config.fps / 2 || step.lagP99Ms > 250 || failedToJoin > toAdd / 2;
      if (overloaded && previousOverloaded && target !== targets[targets.length - 1]) {
        stopReason = `stopped ramping after ${viewers} viewers (past the limit)`;
        break;
      }
      previousOverloaded = overloaded;
    }

    const firstFail = steps.findIndex((s) => !s.pass);
    const passing = firstFail < 0 ? steps : steps.slice(0, firstFail);
    const firstLossFail = steps.findIndex((s) => s.failedToJoin > 0 || s.lossPercent >= config.pass.maxLossPercent);
    const lossPassing = firstLossFail < 0 ? steps : steps.slice(0, firstLossFail);
    const firstSlow = steps.findIndex((s) => s.failedToJoin > 0 || s.videoFps < 0.95 * config.fps || s.audioLossPercent > 0 || s.brokenFramesPercent > 0.5);
    const fullRate = firstSlow < 0 ? steps : steps.slice(0, firstSlow);
    return {
      server: serverName,
      viewers: mode,
      baseline,
      steps,
      maxViewers: passing.length ? passing[passing.length - 1]!.viewers : 0,
      maxViewersByLoss: lossPassing.length ? lossPassing[lossPassing.length - 1]!.viewers : 0,
      maxViewersFullRate: fullRate.length ? fullRate[fullRate.length - 1]!.viewers : 0,
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

function sumWindows(windows: WindowStats[]): WindowStats {
  const total: WindowStats = {
    viewers: 0,
    video: { expected: 0, received: 0, framesWhole: 0, framesBroken: 0, deltaAfterGap: 0 },
    audio: { expected: 0, received: 0 },
    silent: 0,
    worstLoss: 0,
    cpuPercent: 0,
    seconds: 0,
  };
  for (const w of windows) {
    total.viewers += w.viewers;
    for (const key of ['expected', 'received', 'framesWhole', 'framesBroken'] as const) total.video[key] += w.video[key];
    total.video.deltaAfterGap = addKnown(total.video.deltaAfterGap, w.video.deltaAfterGap);
    total.audio.expected += w.audio.expected;
    total.audio.received += w.audio.received;
    total.silent += w.silent;
    total.worstLoss = Math.max(total.worstLoss, w.worstLoss);
    total.cpuPercent += w.cpuPercent;
    // Viewer-weighted: frames per second are summed per viewer.
    total.seconds += w.seconds * w.viewers;
  }
  if (total.viewers) total.seconds /= total.viewers;
  return total;
}

function explainLimit(steps: FanoutStep[], failed: FanoutStep | undefined, stopReason: string, baseline: ServerSample): string {
  const cores = availableParallelism();
  if (baseline.lagP99Ms >= config.pass.maxLagP99Ms) {
    return (
      `with the publisher alone (no viewers) the server's event-loop lag p99 was already ${fmt(baseline.lagP99Ms, 1)} ms: ` +
      `the machine's background load (load average ${fmt(loadavg()[0]!, 1)} on ${cores} cores) keeps the server ` +
      `off the CPU, so the lag criterion cannot be met in this run; rerun on a quiet machine`
    );
  }
  if (!failed) return `no limit reached within the steps (${stopReason || 'all steps passed'}); the real maximum is higher`;
  const what = [
    failed.failedToJoin ? `${failed.failedToJoin} viewers failed to join` : '',
    failed.lossPercent >= config.pass.maxLossPercent ? `video loss ${fmt(failed.lossPercent, 2)} %` : '',
    failed.lagP99Ms >= config.pass.maxLagP99Ms ? `lag p99 ${fmt(failed.lagP99Ms, 1)} ms` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const perViewer = percentile(steps.map((s) => s.cpuPerViewerPercent).filter(Number.isFinite), 50);
  const saturatesAt = perViewer > 0 ? Math.round((100 - baseline.cpuPercent) / perViewer) : Number.NaN;
  const machine =
    failed.loadavg1m > cores
      ? ` The machine was busy (load average ${fmt(failed.loadavg1m, 1)} on ${cores} cores, load generator ${fmt(failed.loadGeneratorCpuPercent)} % CPU): the server competed for CPU.`
      : '';
  return (
    `at ${failed.viewers} viewers (${what}): server CPU ${fmt(failed.serverCpuPercent)} % of a core, GC ${fmt(failed.gcPercent, 1)} % ` +
    `(longest pause ${fmt(failed.gcMaxPauseMs)} ms); at ${fmt(perViewer, 2)} % of a core per viewer one core saturates near ${fmt(saturatesAt)} viewers.${machine}`
  );
}

function rampBlocks(ramp: FanoutRamp): Block[] {
  const rows = ramp.steps.map((s) => [
    String(s.viewers),
    fmt(s.lossPercent, 2),
    fmt(s.worstViewerLossPercent, 1),
    fmt(s.audioLossPercent, 2),
    fmt(s.videoFps, 1),
    fmt(s.brokenFramesPercent, 1),
    s.deltaAfterGap === null ? '—' : String(s.deltaAfterGap),
    `${fmt(s.packetsDropped)}/${fmt(s.framesDropped)}`,
    fmt(s.ingestLossPercent, 2),
    fmt(s.lagP99Ms, 1),
    fmt(s.gcPercent, 1),
    fmt(s.serverCpuPercent),
    fmt(s.cpuPerViewerPercent, 2),
    fmt(s.rssPerViewerMb, 2),
    fmt(s.firstPacketP50Ms),
    String(s.failedToJoin),
    fmt(s.loadGeneratorCpuPercent),
    fmt(s.loadavg1m, 1),
    s.pass ? 'yes' : 'no',
  ]);
  const b = ramp.baseline;
  return [
    { text: `**${ramp.server}, ${ramp.viewers} viewers:**` },
    {
      table: {
        headers: ['viewers', 'video loss %', 'worst %', 'audio loss %', 'whole fps', 'broken %', 'Δ after gap', 'dropped pkts/frames', 'ingest loss %', 'lag p99', 'GC %', 'CPU %', 'CPU/viewer', 'RSS/viewer MB', '1st pkt p50', 'join fail', 'loadgen CPU %', 'load 1m', 'pass'],
        rows,
      },
    },
    {
      text: [
        `baseline (publisher only): CPU ${fmt(b.cpuPercent, 1)} %, RSS ${fmt(b.rssBytes / 2 ** 20)} MB, lag p99 ${fmt(b.lagP99Ms, 1)} ms; ` +
          `publisher ${fmt(ramp.steps[0]?.publisherKbps ?? Number.NaN)} kbps VP8 (synthetic 720p30) + Opus (50 packets/s).`,
        `Max viewers with video loss < ${config.pass.maxLossPercent} % and lag p99 < ${config.pass.maxLagP99Ms} ms: ${ramp.maxViewers}; on loss alone: ${ramp.maxViewersByLoss}; ` +
          `at the full frame rate (≥ ${0.95 * config.fps} whole fps, no audio lost, no broken frame): ${ramp.maxViewersFullRate}.`,
        `Limit: ${ramp.limit}`,
        ...(ramp.stoppedBecause ? [`Ramp: ${ramp.stoppedBecause}.`] : []),
      ].join('\n'),
    },
  ];
}

/** Per-viewer CPU of the two servers at the steps both measured, with viewers that decrypt. */
function comparisonBlocks(ramps: FanoutRamp[]): Block[] {
  const ours = ramps.find((r) => r.server === '@onair/server' && r.viewers === 'browser');
  const plain = ramps.find((r) => r.server === 'plain werift relay');
  if (!ours || !plain) return [];
  const rows = ours.steps.flatMap((o) => {
    const p = plain.steps.find((s) => s.viewers === o.viewers);
    if (!p) return [];
    const us = (step: FanoutStep) => `${fmt(step.cpuPerPacketViewerUs, 1)} (${fmt(step.systemPerPacketViewerUs, 1)})`;
    return [
      [
        String(o.viewers),
        fmt(o.cpuPerViewerPercent, 2),
        fmt(p.cpuPerViewerPercent, 2),
        // A server that sheds packets (or cannot get the CPU to read them) sends fewer: not a cost to compare.
        o.lossPercent < config.pass.maxLossPercent && p.lossPercent < config.pass.maxLossPercent
          ? fmt(o.cpuPerViewerPercent / p.cpuPerViewerPercent, 2)
          : `(${fmt(o.cpuPerViewerPercent / p.cpuPerViewerPercent, 2)}: ${o.lossPercent >= config.pass.maxLossPercent ? 'ours' : 'plain'} losing packets)`,
        us(o),
        us(p),
        fmt(o.lossPercent, 2),
        fmt(p.lossPercent, 2),
        fmt(o.videoFps, 1),
        fmt(p.videoFps, 1),
      ],
    ];
  });
  const series = (ramp: FanoutRamp, name: string) => ({ name, points: ramp.steps.map((s) => [s.viewers, s.cpuPerViewerPercent] as const) });
  return [
    { text: '**Per-viewer server CPU, viewers that decrypt like a browser (same run, same load generator):**' },
    { table: { headers: ['viewers', 'ours CPU/viewer %', 'plain CPU/viewer %', 'ours / plain (goal ≤ 0.5)', 'ours µs/packet·viewer (kernel)', 'plain µs/packet·viewer (kernel)', 'ours loss %', 'plain loss %', 'ours fps', 'plain fps'], rows } },
    {
      chart: {
        file: 'fanout-cpu.svg',
        title: 'Server CPU per viewer (% of a core), viewers that decrypt',
        svg: lineChart({ title: 'Server CPU per viewer, viewers that decrypt like a browser', xLabel: 'viewers', yLabel: '% of a core per viewer', series: [series(ours, '@onair/server'), series(plain, 'plain werift relay')] }),
      },
    },
  ];
}

export function fanoutSections(result: FanoutResult, load: LoadSpan): Section[] {
  const fps = result.ramps.map((ramp) => ({ name: `${ramp.server}, ${ramp.viewers} viewers`, points: ramp.steps.map((s) => [s.viewers, s.videoFps] as const) }));
  return [
    {
      title: 'Server fan-out',
      load: [load],
      blocks: [
        ...result.ramps.flatMap(rampBlocks),
        {
          chart: {
            file: 'fanout-fps.svg',
            title: 'Whole video frames per second per viewer as viewers are added',
            svg: lineChart({ title: 'Whole video frames per second per viewer (the publisher sends 30)', xLabel: 'viewers', yLabel: 'whole fps', series: fps }),
          },
        },
        ...comparisonBlocks(result.ramps),
        {
          text:
            'Video loss = 1 − distinct RTP sequence numbers received / sequence range, over all viewers (light viewers send no NACKs: ' +
            'loss before any retransmission; browser viewers: after NACK recovery); a frame is whole when every packet from the one ' +
            "after the previous frame's marker to its own marker arrived; Δ after gap = delta frames right after left-out frames " +
            '(undecodable; light viewers cannot see keyframes); dropped = what @onair/server left out on purpose (whole frames); ' +
            'lag = server event-loop delay (perf_hooks, inside the server process); CPU % of one core; load 1m = the load average at each step.',
        },
      ],
    },
  ];
}
