import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../conformance/support/waitFor';

// The CLI's TypeScript source through tsx: like every other suite, stress tests run the sources, not
// whatever build is lying around (bin/onair-server.js prefers dist/ when it exists).
const CLI = fileURLToPath(new URL('../../../packages/server/src/cli.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const STOP_DEADLINE_MS = 10_000;

export interface ServerProcess {
  url: string;
  /** pid of the server process. */
  pid: number;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** null while running. */
  exitCode(): number | null;
  /** RSS (bytes) and open file descriptors, summed over the process and its descendants. */
  usage(): { rss: number; fds: number; sockets: number };
  stop(): Promise<void>;
}

/** Starts `onair-server --port 0` in a child process and resolves once it prints its URL. */
export async function startServerProcess(args: string[] = []): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exitCode: number | null = null;
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((exitCode = code ?? (signal ? 128 : 0)), resolve())));

  const stop = async () => {
    if (exitCode !== null) return;
    child.kill('SIGTERM');
    const deadline = setTimeout(() => {
      for (const pid of descendants(child.pid!).reverse()) killQuietly(pid);
    }, STOP_DEADLINE_MS);
    await exited;
    clearTimeout(deadline);
  };

  let url: string;
  try {
    url = await waitFor(
      () => {
        if (exitCode !== null) throw new Error(`onair-server exited with ${exitCode}: ${stderr}`);
        return /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      },
      { timeout: 30_000, what: 'onair-server to print "listening on"' },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    pid: child.pid!,
    stderr: () => stderr,
    exitCode: () => exitCode,
    usage: () => usage(child.pid!),
    stop,
  };
}

function killQuietly(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** pid and all its descendants, parents first (from /proc/<pid>/task/<tid>/children). */
export function descendants(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${all[i]}/task`);
    } catch {
      continue; // the process ended meanwhile
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${all[i]}/task/${task}/children`, 'utf8').trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return all;
}

function usage(root: number): { rss: number; fds: number; sockets: number } {
  let rss = 0;
  let fds = 0;
  let sockets = 0;
  for (const pid of descendants(root)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      const entries = readdirSync(`/proc/${pid}/fd`);
      fds += entries.length;
      for (const fd of entries) {
        try {
          if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) sockets++;
        } catch {
          // closed meanwhile
        }
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return { rss, fds, sockets };
}

