// `pnpm bench [client|fanout]`: runs the benchmarks, prints their tables and writes
// bench/results/latest.json. A benchmark, not a test: it reports numbers and never fails on them.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { formatClientTable, runClientBench, targets, type ClientBenchResult } from './client/run.ts';
import { formatFanoutTable, runFanoutBench, type FanoutResult } from './fanout/run.ts';

const which = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = which.filter((w) => w !== 'client' && w !== 'fanout');
if (unknown.length) {
  console.error(`unknown bench "${unknown.join(' ')}": use \`pnpm bench\`, \`pnpm bench client\` or \`pnpm bench fanout\``);
  process.exit(2);
}
const runAll = which.length === 0;
const log = (line: string) => console.log(line);
const env = {
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  loadavgAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  startedAt: new Date().toISOString(),
};
log(`onair bench — ${env.cpus}, load ${env.loadavgAtStart.join(' ')} (shared machine: expect noise)`);

const results: { env: typeof env; client?: { targets: typeof targets } & ClientBenchResult; fanout?: FanoutResult } = { env };
let failed = false;

if (runAll || which.includes('client')) {
  const runs = Number(process.env.BENCH_RUNS ?? 20);
  log(`\n## client bench: ${runs} runs per client, loopback, headless Chromium`);
  try {
    const client = await runClientBench({ runs, timeoutMs: 10_000 }, log);
    results.client = { targets, ...client };
    log(`\n${formatClientTable(client)}`);
  } catch (error) {
    failed = true;
    console.error(`client bench could not run: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

if (runAll || which.includes('fanout')) {
  log('\n## server fan-out bench: one ~2.5 Mbps VP8 + Opus publisher, werift viewers in worker processes');
  try {
    const fanout = await runFanoutBench(log);
    results.fanout = fanout;
    log(`\n${formatFanoutTable(fanout)}`);
  } catch (error) {
    failed = true;
    console.error(`fan-out bench could not run: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

const out = new URL('./results/latest.json', import.meta.url);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
log(`\nresults written to bench/results/latest.json`);
process.exit(failed ? 1 : 0);
