// Vitest browser commands (they run in the Vitest Node process) that start Debian's coturn
// (`turnserver`, installed by scripts/install-peers.sh) on loopback for relay-only tests, one at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
import { freePort } from '../tests/support/freePort.ts';

const START_TIMEOUT_MS = 15_000;
const USER = 'onair';
const PASSWORD = 'relay-secret';

let turn: { child: ChildProcess; dir: string } | null = null;

/** Starts coturn on a free UDP port of 127.0.0.1 (relaying to loopback peers too); returns its ICE server. */
const startTurnServer: BrowserCommand<[]> = async () => {
  await stop();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'onair-turn-'));
  // prettier-ignore
  const child = spawn('turnserver', [
    '-n', '--no-cli', '--no-tls', '--no-dtls', '--simple-log', '--log-file=stdout',
    '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`,
    // Our server answers on loopback: coturn refuses to relay there unless told.
    '--allow-loopback-peers',
    '--lt-cred-mech', `--user=${USER}:${PASSWORD}`, '--realm=onair',
    `--pidfile=${join(dir, 'turnserver.pid')}`, `--userdb=${join(dir, 'turndb')}`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  turn = { child, dir };
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`turnserver did not start in ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (!/Total General servers/.test(output)) return;
      clearTimeout(timer);
      child.stdout!.off('data', read);
      resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`turnserver exited (${code}):\n${output}`)));
  });
  child.stdout!.resume();
  return { url: `turn:127.0.0.1:${port}?transport=udp`, username: USER, credential: PASSWORD };
};

async function stop(): Promise<void> {
  const running = turn;
  turn = null;
  if (!running) return;
  const { child, dir } = running;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Stops coturn (if running) and removes its files. Call it in afterEach/afterAll. */
const stopTurnServer: BrowserCommand<[]> = () => stop();

export const turnServerCommands = { startTurnServer, stopTurnServer };
