import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerReply, ServerRequest, ServerSample } from './server-protocol.ts';

/** Modules exporting startOnairServer: ours (BENCH_SERVER_MODULE points the benches at another implementation) and the plain relay baseline. */
export const serverModules = {
  onair: process.env.BENCH_SERVER_MODULE ?? fileURLToPath(new URL('../../packages/server/src/index.ts', import.meta.url)),
  plainRelay: fileURLToPath(new URL('../fanout/plain-relay.ts', import.meta.url)),
};

export interface BenchServer {
  url: string;
  accountId: string;
  pid: number;
  /** Starts a measurement window (resets the event-loop histogram and CPU baseline). */
  mark(): Promise<void>;
  sample(): Promise<ServerSample>;
  close(): Promise<void>;
}

/**
 * What bin/onair-server.js starts the server's node with (packages/server/README.md, "Heap"). Both
 * servers get it: ours as users run it, the plain relay so that the comparison stays fair.
 */
const SERVER_NODE_FLAGS = ['--initial-old-space-size=128'];

/**
 * Starts @onair/server (or `module`, another implementation of startOnairServer) in its own process,
 * so its event loop and CPU are its own, and waits until it listens.
 */
export async function startBenchServer(module = serverModules.onair): Promise<BenchServer> {
  const child = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), {
    // BENCH_SERVER_NODE_ARGS profiles the server alone, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
    execArgv: ['--import', 'tsx', '--conditions=@onair/source', ...SERVER_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, BENCH_SERVER_MODULE: module },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Extract<ServerReply, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('@onair/server did not start within 30 s')), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`@onair/server process exited (code ${code}) before listening`));
    });
    child.once('message', (message: ServerReply) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message);
    });
  }).catch((error: unknown) => {
    child.kill();
    throw error;
  });

  let nextId = 1;
  const request = <T extends ServerReply>(message: ServerRequest & { id: number }) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (reply: ServerReply) => {
        if ('id' in reply && reply.id === message.id) {
          child.off('message', onMessage);
          clearTimeout(timer);
          resolve(reply as T);
        }
      };
      // A saturated server answers late; give it a long but finite time.
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error('server process did not answer within 20 s'));
      }, 20_000);
      child.on('message', onMessage);
      child.send(message);
    });

  return {
    url: ready.url,
    accountId: ready.accountId,
    pid: child.pid!,
    async mark() {
      await request({ type: 'mark', id: nextId++ });
    },
    async sample() {
      const reply = await request<Extract<ServerReply, { type: 'sample' }>>({ type: 'sample', id: nextId++ });
      return reply.sample;
    },
    close: () => stopChild(child, { type: 'close' }),
  };
}

/** Asks a child to stop, then kills it if it has not exited after 5 s. */
export async function stopChild(child: ChildProcess, message?: ServerRequest | { type: 'close' }): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (message && child.connected) child.send(message);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
