// Vitest browser commands (they run in the Vitest Node process) that drive a separate
// @onair/server CLI process, so a browser test can kill the server for real (SIGKILL: no
// goodbye on any socket) and bring it back on the same address with the same live inputs.
// Node-side suites (tests/firefox) call the same functions directly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../tests/support/freePort.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI's source through tsx, like every other suite: never whatever build is lying around (the
// bin prefers dist/, which may predate the change under test).
const CLI = fileURLToPath(new URL('../packages/server/src/cli.ts', import.meta.url));
// What users run (`onair-server`: the build in dist/), for benches that time the server's start-up.
const BIN = fileURLToPath(new URL('../packages/server/bin/onair-server.js', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;

// One server process at a time; `port`, `dir`, `entry` and `args` outlive a kill so that a restart reuses them.
let child: ChildProcess | null = null;
let port = 0;
let dir: string | null = null;
let entry: string[] = [];
let args: string[] = [];

export interface ServerProcessOptions {
  /** `--ice-server` values: `turn:host:port?transport=udp|username|credential`. */
  iceServers?: string[];
  /** Run the built CLI (`packages/server/bin/onair-server.js`; build it first) instead of the source through tsx. */
  built?: boolean;
}

/** SIGKILLs the child's whole process group (everything the server process started). */
function killGroup(target: ChildProcess): void {
  try {
    process.kill(-target.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const onExit = () => child && killGroup(child);

/** Spawns the CLI on `port` with the database in `dir`; resolves with its URL from `listening on …`. */
function launch(): Promise<string> {
  if (child) throw new Error('an @onair/server process is already running');
  const db = join(dir!, 'onair.db');
  const spawned = spawn(process.execPath, [...entry, '--port', String(port), '--host', HOST, '--db', db, ...args], {
    cwd: REPO,
    // Its own process group, so that one kill reaches every process it starts.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = spawned;
  process.once('exit', onExit);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`@onair/server did not start in ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      killGroup(spawned);
      if (child === spawned) child = null;
      reject(error);
    };
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        spawned.stdout!.off('data', read);
        resolve(url);
      }
    };
    spawned.stdout!.on('data', read);
    spawned.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    spawned.once('exit', (code, signal) => fail(new Error(`@onair/server exited (${signal ?? code}):\n${output}`)));
  });
}

/** Kills the running child with SIGKILL and waits until it is gone. */
async function kill(): Promise<void> {
  const running = child;
  if (!running) return;
  child = null;
  process.off('exit', onExit);
  const exited = new Promise((resolve) => running.once('exit', resolve));
  if (running.exitCode === null && running.signalCode === null) {
    killGroup(running);
    await exited;
  }
}

/** Starts a fresh server process (new free port, new database file); returns its URL. */
export const startServerProcess = async (options: ServerProcessOptions = {}): Promise<{ url: string }> => {
  await kill();
  entry = options.built ? [BIN] : ['--import', 'tsx', CLI];
  args = (options.iceServers ?? []).flatMap((server) => ['--ice-server', server]);
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'onair-server-'));
  port = await freePort();
  return { url: await launch() };
};

/** SIGKILLs the server process. */
export const killServerProcess = async (): Promise<void> => {
  await kill();
};

/** Freezes the server process (SIGSTOP to its group): a host hiccup, every socket left open. */
export const pauseServerProcess = async (): Promise<void> => {
  if (child) process.kill(-child.pid!, 'SIGSTOP');
};

/** Lets a paused server process run again (SIGCONT). */
export const resumeServerProcess = async (): Promise<void> => {
  if (child) process.kill(-child.pid!, 'SIGCONT');
};

/** Starts the server process again on the same port with the same database. */
export const restartServerProcess = async (): Promise<{ url: string }> => {
  if (!dir) throw new Error('startServerProcess first');
  await kill();
  return { url: await launch() };
};

/** Stops the server process (if running) and removes its database. Call it in afterAll. */
export const stopServerProcess = async (): Promise<void> => {
  await kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
};

// As Vitest browser commands: the command context comes first.
export const serverProcessCommands = {
  startServerProcess: (_context: unknown, options?: ServerProcessOptions) => startServerProcess(options),
  killServerProcess,
  restartServerProcess,
  stopServerProcess,
  pauseServerProcess,
  resumeServerProcess,
};
