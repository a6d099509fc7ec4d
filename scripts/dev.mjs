// Runs the embedded @onair/server and the Next demo together; Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const host = process.env.HOST ?? '127.0.0.1';
const serverPort = process.env.ONAIR_SERVER_PORT ?? '8787';
const demoPort = process.env.PORT ?? '3000';
const dataDir = join(repo, '.onair');
mkdirSync(dataDir, { recursive: true });

const children = [];
let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** Starts a child, echoes its output with a prefix, and resolves once `ready` matches a line. */
function run(name, command, args, env, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let resolved = false;
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        process.stdout.write(`[${name}] ${line}\n`);
        const match = !resolved && line.match(ready);
        if (match) {
          resolved = true;
          resolve(match);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (!resolved) reject(new Error(`${name} exited with code ${code} before it was ready`));
      else if (!stopping) {
        console.error(`[${name}] exited with code ${code}`);
        stopAll(code ?? 1);
      }
    });
  });
}

try {
  const [, serverUrl] = await run(
    'server',
    process.execPath,
    ['packages/server/bin/onair-server.js', '--host', host, '--port', serverPort, '--db', join(dataDir, 'onair.db')],
    {},
    /listening on (\S+)/,
  );
  await run(
    'demo',
    'pnpm',
    ['--filter', '@onair/demo', 'exec', 'next', 'dev', '-H', host, '-p', demoPort],
    { ONAIR_SERVER_URL: serverUrl },
    /Ready in|ready started|Local:/i,
  );
  console.log(`\n  onair demo is running: open http://${host}:${demoPort}\n  (local server: ${serverUrl}; Ctrl-C stops both)\n`);
} catch (error) {
  console.error(`[onair] ${error.message}`);
  stopAll(1);
}
