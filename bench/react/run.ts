// React bench (issue 8): how often LivePlayer renders, from mount to the first frame and per second
// while playing (with and without the stats overlay), beside a player written with the hooks alone
// in one component. Real media: a library-free publisher (the client bench's reference page) sends
// Chromium's fake camera through @onair/server; each player runs in a fresh page of headless Chromium
// with a production build of React.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright';
import { launchOptions } from '../../scripts/chromium.ts';
import { bundlePage, bundleScript } from '../client/bundle.ts';
import { recorderScript, referencePublisherPage } from '../client/clients.ts';
import { serveStatic } from '../client/static-server.ts';
import { createLiveInput } from '../lib/live-inputs.ts';
import { startBenchServer, type BenchServer } from '../lib/server-handle.ts';
import { percentile } from '../lib/stats.ts';
import { fmt, formatTable } from '../lib/table.ts';
import type { PlayerKind, PlayerRun } from './pages/players.ts';

const PLAYERS: PlayerKind[] = ['LivePlayer', 'LivePlayer stats', 'one component'];
/** The component that renders the `<video>` element, per player. */
const VIDEO_OWNER: Record<PlayerKind, string> = { LivePlayer: 'LivePlayerVideo', 'LivePlayer stats': 'LivePlayerVideo', 'one component': 'OneComponentPlayer' };
const page = (file: string) => fileURLToPath(new URL(`./pages/${file}`, import.meta.url));

export interface ReactBenchOptions {
  runs: number;
  /** How long each run plays after its first frame (the per-second window). */
  playMs: number;
  timeoutMs: number;
}

export interface PlayerSummary {
  player: PlayerKind;
  runs: number;
  failed: number;
  errors: string[];
  /** Medians over the successful runs. */
  firstFrameMs: number;
  toFirstFrame: Record<string, number>;
  perSecond: Record<string, number>;
}

const median = (values: number[]) => percentile(values, 50);

/** Medians per component name over runs (a component missing from a run rendered 0 times in it). */
function medians(records: Record<string, number>[]): Record<string, number> {
  const names = new Set(records.flatMap((r) => Object.keys(r)));
  return Object.fromEntries([...names].sort().map((name) => [name, median(records.map((r) => r[name] ?? 0))]));
}

export async function runReactBench(options: ReactBenchOptions, log: (line: string) => void): Promise<PlayerSummary[]> {
  const dir = await mkdtemp(join(tmpdir(), 'onair-react-bench-'));
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  let statics: Awaited<ReturnType<typeof serveStatic>> | undefined;
  try {
    // React's production build, our packages from source.
    await build({
      entryPoints: [page('players.ts')],
      outfile: join(dir, 'players', 'bundle.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      conditions: ['@onair/source'],
      define: { 'process.env.NODE_ENV': '"production"' },
      // Component names as written (the table reports renders per component), not esbuild's renames.
      keepNames: true,
      logLevel: 'silent',
    });
    await bundlePage(referencePublisherPage, join(dir, 'reference', 'bundle.js'));
    for (const name of ['players', 'reference']) {
      await writeFile(join(dir, name, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="bundle.js"></script>');
    }
    const counter = await bundleScript(page('renderCounter.ts'));

    statics = await serveStatic(dir);
    server = await startBenchServer();
    browser = await chromium.launch({ ...launchOptions, headless: true });
    const input = await createLiveInput(server.url, server.accountId);
    // The reference page times itself with the client bench's recorder: it needs it too.
    const publishing = await browser.newContext();
    await publishing.addInitScript({ content: await bundleScript(recorderScript) });
    const publisher = await publishing.newPage();
    await publisher.goto(`${statics.url}/reference/index.html`);
    await publisher.waitForFunction(() => 'bench' in window);
    const live = await publisher.evaluate(
      ([url, timeout]) => (window as unknown as { bench: { runPublish(url: string, timeout: number): Promise<{ ok: boolean; error?: string }> } }).bench.runPublish(url, timeout),
      [input.whipUrl, options.timeoutMs] as const,
    );
    if (!live.ok) throw new Error(`the reference publisher did not go live: ${live.error}`);
    log(`  server ${server.url}; publisher live; ${options.runs} runs per player, ${options.playMs / 1000} s of playback each`);

    const viewers = await browser.newContext();
    await viewers.addInitScript({ content: counter });
    const runs = new Map<PlayerKind, PlayerRun[]>(PLAYERS.map((p) => [p, []]));
    // Players interleaved run by run, so background load spreads over all of them alike.
    for (let i = 0; i < options.runs; i++) {
      for (const player of PLAYERS) {
        const viewer = await viewers.newPage();
        await viewer.goto(`${statics.url}/players/index.html`);
        await viewer.waitForFunction(() => 'reactBench' in window);
        const result = await viewer
          .evaluate(
            ([kind, url, playMs, timeoutMs]) =>
              (window as unknown as { reactBench: { run(...args: unknown[]): Promise<PlayerRun> } }).reactBench.run(kind, url, playMs, timeoutMs),
            [player, input.whepUrl, options.playMs, options.timeoutMs] as const,
          )
          .catch((error: unknown): PlayerRun => ({ ok: false, error: String(error) }));
        runs.get(player)!.push(result);
        await viewer.close();
      }
      log(`  ${i + 1}/${options.runs} runs`);
    }

    return PLAYERS.map((player) => {
      const all = runs.get(player)!;
      const ok = all.filter((r) => r.ok);
      return {
        player,
        runs: all.length,
        failed: all.length - ok.length,
        errors: [...new Set(all.flatMap((r) => (r.error ? [r.error] : [])))],
        firstFrameMs: median(ok.map((r) => r.firstFrameMs!)),
        toFirstFrame: medians(ok.map((r) => r.toFirstFrame!)),
        perSecond: medians(ok.map((r) => r.perSecond!)),
      };
    });
  } finally {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    await statics?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

export function formatReactTable(results: PlayerSummary[]): string {
  const main = formatTable(
    ['player', 'first frame ms', 'renders → frame', '<video> → frame', 'renders/s playing', '<video>/s playing', 'failed'],
    results.map((r) => [
      r.player,
      fmt(r.firstFrameMs),
      fmt(sum(r.toFirstFrame)),
      fmt(r.toFirstFrame[VIDEO_OWNER[r.player]] ?? 0),
      fmt(sum(r.perSecond), 1),
      fmt(r.perSecond[VIDEO_OWNER[r.player]] ?? 0, 1),
      `${r.failed}/${r.runs}`,
    ]),
  );
  const ours = results.find((r) => r.player === 'LivePlayer stats');
  const parts = ours
    ? formatTable(
        ['LivePlayer stats: renders per part', 'mount → first frame', 'per s playing'],
        Object.keys({ ...ours.toFirstFrame, ...ours.perSecond }).map((name) => [name, fmt(ours.toFirstFrame[name] ?? 0), fmt(ours.perSecond[name] ?? 0, 1)]),
      )
    : '';
  const errors = results.flatMap((r) => r.errors.map((e) => `  ${r.player}: ${e}`));
  return [
    main,
    'renders = component renders React committed (medians over runs); <video> = renders of the component that renders the <video> element;',
    '"one component" = useWhep + useStats in the component that holds the <video> (what an app writes with the hooks alone).',
    '',
    parts,
    ...(errors.length ? ['', 'failures:', ...errors] : []),
  ].join('\n');
}
