// Child process that runs one @onair/server and measures it from the inside: event-loop delay
// (perf_hooks), CPU time and RSS, reported over IPC. packages/server stays untouched.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { ServerSample, ServerRequest, ServerReply } from './server-protocol.ts';

const modulePath = process.env.BENCH_SERVER_MODULE;
if (!modulePath || !process.send) throw new Error('server-process must be forked by bench/lib/server-handle.ts');

// The contract from the team brief; typed here so the bench does not depend on the server's build.
type StartOnairServer = (options: Record<string, unknown>) => Promise<{
  url: string;
  accountId: string;
  close(): Promise<void>;
}>;
const { startOnairServer } = (await import(pathToFileURL(modulePath).href)) as { startOnairServer: StartOnairServer };
// BENCH_SERVER_OPTIONS (JSON) compares server settings, e.g. '{"keyframeCache":true}'.
const extraOptions = JSON.parse(process.env.BENCH_SERVER_OPTIONS ?? '{}') as Record<string, unknown>;
// Every bench peer comes from 127.0.0.1: the per-IP limit would throttle what are, in production,
// hundreds of different viewers.
const server = await startOnairServer({ port: 0, host: '127.0.0.1', db: ':memory:', rateLimit: false, ...extraOptions });

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
let markedAt = process.hrtime.bigint();
let cpuAtMark = process.cpuUsage();
// Garbage-collection pauses stop the event loop too: counted separately to tell them from work.
const gc = { totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

function sample(): ServerSample {
  const elapsedUs = Number(process.hrtime.bigint() - markedAt) / 1000;
  const cpu = process.cpuUsage(cpuAtMark);
  return {
    lagP50Ms: lag.percentile(50) / 1e6,
    lagP99Ms: lag.percentile(99) / 1e6,
    lagMaxMs: lag.max / 1e6,
    cpuPercent: ((cpu.user + cpu.system) / elapsedUs) * 100,
    systemCpuPercent: (cpu.system / elapsedUs) * 100,
    rssBytes: process.memoryUsage().rss,
    gcPercent: (gc.totalMs / (elapsedUs / 1000)) * 100,
    gcMaxPauseMs: gc.maxMs,
    windowMs: elapsedUs / 1000,
  };
}

const reply = (message: ServerReply) => process.send!(message);

process.on('message', (request: ServerRequest) => {
  switch (request.type) {
    case 'mark':
      lag.reset();
      markedAt = process.hrtime.bigint();
      cpuAtMark = process.cpuUsage();
      gc.totalMs = 0;
      gc.maxMs = 0;
      reply({ type: 'marked', id: request.id });
      break;
    case 'sample':
      reply({ type: 'sample', id: request.id, sample: sample() });
      break;
    case 'close':
      lag.disable();
      void server.close().finally(() => process.exit(0));
      break;
  }
});
// The parent going away must not leave a server behind.
process.on('disconnect', () => void server.close().finally(() => process.exit(0)));

reply({ type: 'ready', url: server.url, accountId: server.accountId });
