// Every bench `pnpm bench` knows, in the order a full run takes them. A bench is a name for the
// command line, a run that returns plain JSON (kept in bench/results/latest.json) and the sections
// it reports (console and bench/results.md). Add one here; nothing else needs to know.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clientSections } from './client/report.ts';
import { runClientBench, targets as clientTargets, type ClientBenchResult } from './client/run.ts';
import { fanoutSections, runFanoutBench, type FanoutResult } from './fanout/run.ts';
import { runLatencyBench, type LatencyBenchResult } from './latency/run.ts';
import { loadSpan, type LoadSpan, type Section } from './lib/report.ts';
import type { Summary } from './lib/stats.ts';
import { fmt } from './lib/table.ts';
import { latencyTargets } from './client/report.ts';
import { recoverySections, recoveryTargets } from './recovery/report.ts';
import { runRecoveryBench, type RecoveryBenchResult } from './recovery/run.ts';

/** One line of the report's summary: a goal of the issues and what this run measured. */
export interface TargetCheck {
  metric: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export interface BenchDefinition<R> {
  name: string;
  /** What it measures, printed before it runs. */
  title: string;
  run(log: (line: string) => void): Promise<R>;
  sections(result: R): Section[];
  targets?(result: R): TargetCheck[];
}

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
const check = (metric: string, target: number, s: Summary | undefined, key: 'p50' | 'p95' = 'p50', missing = 'not measured'): TargetCheck => ({
  metric,
  target: `≤ ${target} ms`,
  measured: s?.ok ? `${fmt(s[key])} ms` : missing,
  met: s?.ok ? s[key] <= target : null,
});

interface ClientParts {
  handshake?: ClientBenchResult;
  latency?: LatencyBenchResult;
  errors: string[];
}

/** BENCH_CLIENT picks the parts of `pnpm bench client` (default both). */
const clientParts = (process.env.BENCH_CLIENT ?? 'handshake,latency').split(',');

const client: BenchDefinition<ClientParts> = {
  name: 'client',
  title: 'clients: time to live, first frame and size (Chromium beside Janus, and Firefox); glass-to-glass latency beside the peers',
  async run(log) {
    const result: ClientParts = { errors: [] };
    // One part failing (a browser that will not start) must not lose the other's numbers.
    if (clientParts.includes('handshake')) {
      const runs = Number(process.env.BENCH_RUNS ?? 20);
      const firefoxRuns = Number(process.env.BENCH_FIREFOX_RUNS ?? 10);
      log(`\n## time to live and first frame: ${runs} runs per client in Chromium, ${firefoxRuns} in Firefox`);
      result.handshake = await runClientBench({ runs, firefoxRuns, timeoutMs: 10_000 }, log).catch((error: unknown) => {
        result.errors.push(`time to live / first frame could not run: ${describe(error)}`);
        return undefined;
      });
    }
    if (clientParts.includes('latency')) {
      log('\n## glass-to-glass latency');
      result.latency = await runLatencyBench(log).catch((error: unknown) => {
        result.errors.push(`glass-to-glass could not run: ${describe(error)}`);
        return undefined;
      });
    }
    return result;
  },
  sections: (result) => [
    ...clientSections(result),
    ...(result.errors.length ? [{ title: 'Client bench errors', blocks: result.errors.map((text) => ({ text: `\`\`\`\n${text}\n\`\`\`` })) }] : []),
  ],
  targets(result) {
    const ours = result.handshake?.clients.find((c) => c.ours);
    const latency = (browser: string) => result.latency?.rows.find((r) => r.route === 'onair' && r.browser === browser)?.latency;
    return [
      ...(result.latency
        ? (['chromium', 'firefox'] as const).flatMap((browser) => {
            const name = browser === 'chromium' ? 'Chromium' : 'Firefox';
            return [
              check(`glass-to-glass p50, @onair/server, ${name}`, latencyTargets.p50, latency(browser)),
              check(`glass-to-glass p95, @onair/server, ${name}`, latencyTargets.p95, latency(browser), 'p95'),
            ];
          })
        : []),
      ...(result.handshake
        ? [
            check('time to first frame p50, @onair/core through @onair/server', clientTargets.firstFrameP50Issue9, ours?.firstFrame),
            check('… issue 10’s goal for it', clientTargets.firstFrameP50, ours?.firstFrame),
            check('time to live p50, @onair/core', clientTargets.timeToLiveP50, ours?.timeToLive),
            {
              metric: '@onair/core size, min+gzip (issue 3)',
              target: `≤ ${fmt(clientTargets.sizeGzipBytes / 1024, 1)} KB`,
              measured: ours?.size ? `${fmt(ours.size.gzipBytes / 1024, 1)} KB` : 'not measured',
              met: ours?.size ? ours.size.gzipBytes <= clientTargets.sizeGzipBytes : null,
            },
          ]
        : []),
    ];
  },
};

const recovery: BenchDefinition<RecoveryBenchResult> = {
  name: 'recovery',
  title: 'recovery: End stream → the viewer ended, server restart (SIGKILL, start) → frames again',
  run: runRecoveryBench,
  sections: recoverySections,
  targets: (result) => [
    check('server restart: first missing frame → next frame, p50', recoveryTargets.restartMs, result.recoverySummary),
    check('End stream → viewer ended, p50', recoveryTargets.endedMs, result.endedSummary, 'p50', result.endedMissing ? 'n/a (streamEnded not reported)' : 'not measured'),
  ],
};

/**
 * LivePlayer render counts come from bench/react/run.ts (the React kit's bench: `runReactBench` and
 * `formatReactTable`). Until that file is in the tree this slot says so in the report; once it is,
 * it runs with no edit here.
 */
interface ReactBenchModule {
  runReactBench(options: { runs: number; playMs: number; timeoutMs: number }, log: (line: string) => void): Promise<unknown>;
  formatReactTable(result: unknown): string;
}
const reactEntry = fileURLToPath(new URL('./react/run.ts', import.meta.url));
const react: BenchDefinition<{ table?: string; result?: unknown; missing?: string; load?: LoadSpan }> = {
  name: 'react',
  title: 'LivePlayer render counts (bench/react)',
  async run(log) {
    if (!existsSync(reactEntry)) return { missing: 'bench/react/run.ts (the React kit’s LivePlayer render-count bench) is not in this tree yet' };
    const module = (await import(reactEntry)) as Partial<ReactBenchModule>;
    if (typeof module.runReactBench !== 'function' || typeof module.formatReactTable !== 'function') {
      return { missing: 'bench/react/run.ts exports no runReactBench/formatReactTable' };
    }
    const span = loadSpan();
    const result = await module.runReactBench({ runs: Number(process.env.BENCH_REACT_RUNS ?? 5), playMs: 10_000, timeoutMs: 15_000 }, log);
    return { result, table: module.formatReactTable(result), load: span.end() };
  },
  sections: ({ table, missing, load }) => [
    {
      title: 'LivePlayer render counts',
      load: load ? [load] : undefined,
      blocks: [{ text: table ? `\`\`\`\n${table}\n\`\`\`` : `Not measured in this run: ${missing}.` }],
    },
  ],
};

const fanout: BenchDefinition<{ fanout: FanoutResult; load: LoadSpan }> = {
  name: 'fanout',
  title: 'server fan-out: one ~2.5 Mbps VP8 + Opus publisher, werift viewers in worker processes',
  async run(log) {
    const span = loadSpan();
    const result = await runFanoutBench(log);
    return { fanout: result, load: span.end() };
  },
  sections: ({ fanout, load }) => fanoutSections(fanout, load),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each bench has its own result type
export const benches: BenchDefinition<any>[] = [client, recovery, react, fanout];
