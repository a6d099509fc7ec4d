import { spawn } from 'node:child_process';

/** A child process in its own process group, so stopping it also ends whatever it started. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr interleaved; only the last part is kept). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if it exits or time runs out first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Settles when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** Sends `signal` to the group, then SIGKILL after a grace period; resolves once it is gone. Idempotent. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

// whip-client prints a GLib-CRITICAL line per packet batch: keep only the tail for error messages.
const MAX_OUTPUT_CHARS = 512 * 1024;
const STOP_GRACE_MS = 5_000;

// Groups still alive; killed synchronously if the test worker exits without stopping them.
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function startProcess(name: string, command: string, args: string[], options: StartOptions = {}): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  live.add(pid);

  let text = '';
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > MAX_OUTPUT_CHARS) text = text.slice(-MAX_OUTPUT_CHARS);
    notify();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      text += `\n[spawn error] ${error.message}\n`;
      exitInfo = { code: null, signal: null };
      live.delete(pid);
      resolve(exitInfo);
      notify();
    });
    // 'exit', not 'close': a child left behind could hold the pipes open and delay 'close' for ever.
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      // Children it left behind in its group go with it.
      killGroup(pid, 'SIGKILL');
      live.delete(pid);
      resolve(exitInfo);
      notify();
    });
  });

  const tail = () => text.slice(-4_000);

  return {
    name,
    pid,
    output: () => text,
    exited,
    hasExited: () => exitInfo !== null,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = text.match(pattern);
          if (match) {
            done();
            resolve(match);
          } else if (exitInfo) {
            done();
            reject(
              new Error(
                `${name} exited (code ${exitInfo.code}, signal ${exitInfo.signal}) before printing ${pattern}; last output:\n${tail()}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms; last output:\n${tail()}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (!exitInfo) {
        killGroup(pid, signal);
        const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
