// Runs the embedded @onair/server and the Next demo together; Ctrl-C stops both.
//
// The demo is served as a production build (`next start`): its pages answer in tens of milliseconds
// from the first request, where `next dev` compiles each route on first use (1.5–4 s here). The build
// is redone only when its inputs changed. `npm start -- --dev` runs `next dev` instead, for editing.
// HOST=0.0.0.0 serves the local network too: links and QR codes then use this machine's LAN address.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(repo, 'apps/demo');
const dev = process.argv.includes('--dev');
const host = process.env.HOST ?? '127.0.0.1';
const serverPort = process.env.ONAIR_SERVER_PORT ?? '8787';
const demoPort = process.env.PORT ?? '3000';
const dataDir = join(repo, '.onair');
mkdirSync(dataDir, { recursive: true });
const nextBin = join(demo, 'node_modules/next/dist/bin/next');
const nextEnv = { NEXT_TELEMETRY_DISABLED: '1' };

// Where people reach us: this machine only, or (wildcard host) its LAN address too.
const wildcard = host === '0.0.0.0' || host === '::';
const lanAddress = wildcard ? findLanAddress() : undefined;
// Browsers cannot use a wildcard address: this machine reaches us on loopback.
const localHost = wildcard ? '127.0.0.1' : host;
const localDemoUrl = `http://${localHost}:${demoPort}`;

const children = [];
let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  // Each child leads its own process group: `next` runs a `next-server` child that a plain kill would orphan.
  for (const child of children) if (child.exitCode === null) killGroup(child);
  process.exitCode = code;
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/** Starts a child, echoes its output with a prefix, and resolves once `ready` matches a line (or it exits 0 when no `ready`). */
function run(name, command, args, { env = {}, ready = null, cwd = repo }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(child);
    let resolved = false;
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        process.stdout.write(`[${name}] ${line}\n`);
        const match = ready && !resolved && line.match(ready);
        if (match) {
          resolved = true;
          resolve(match);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      children.splice(children.indexOf(child), 1);
      if (!ready && code === 0) return resolve(null);
      if (!resolved) reject(new Error(`${name} exited with code ${code}${ready ? ' before it was ready' : ''}`));
      else if (!stopping) {
        console.error(`[${name}] exited with code ${code}`);
        stopAll(code ?? 1);
      }
    });
  });
}

/** The first IPv4 address of a non-loopback interface, e.g. 192.168.1.20. */
function findLanAddress() {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return undefined;
}

/** A hash of everything `next build` reads: the demo's sources and the package builds it imports. */
function buildInputsHash() {
  const hash = createHash('sha256');
  const skip = new Set(['node_modules', '.next', 'test-results', 'e2e']);
  const add = (path) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!skip.has(entry)) add(join(path, entry));
    } else if (!path.endsWith('.test.ts')) {
      hash.update(relative(repo, path)).update(readFileSync(path));
    }
  };
  for (const path of ['apps/demo', 'packages/core/dist', 'packages/react/dist', 'packages/react/src/theme.css', 'pnpm-lock.yaml']) {
    add(join(repo, path));
  }
  return hash.digest('hex');
}

/** Builds the demo unless the last build had the same inputs. */
async function ensureBuild() {
  const stamp = join(demo, '.next/onair-build-inputs');
  const inputs = buildInputsHash();
  if (existsSync(join(demo, '.next/BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) return;
  console.log('[onair] building the demo (once; again only when its sources change)');
  await run('build', process.execPath, [nextBin, 'build'], { env: nextEnv, cwd: demo });
  writeFileSync(stamp, inputs);
}

/** Requests each route once, so the first page a person opens is served warm. */
async function warmUp() {
  const unknownUid = '0'.repeat(32);
  for (const path of ['/', `/inputs/${unknownUid}`, `/watch/${unknownUid}`, '/api/live-inputs']) {
    await fetch(localDemoUrl + path).then((response) => response.arrayBuffer(), () => undefined);
  }
}

try {
  const serverArgs = ['packages/server/bin/onair-server.js', '--host', host, '--port', serverPort, '--db', join(dataDir, 'onair.db')];
  // The server hands out WHIP/WHEP URLs on the address browsers can reach.
  if (wildcard) serverArgs.push('--public-url', `http://${lanAddress ?? localHost}:${serverPort}`);
  await run('server', process.execPath, serverArgs, { ready: /listening on (\S+)/ });
  // Route handlers reach the server on this machine, whatever address it hands to browsers.
  const serverUrl = `http://${localHost}:${serverPort}`;
  if (!dev) await ensureBuild();
  await run('demo', process.execPath, [nextBin, dev ? 'dev' : 'start', '-H', host, '-p', demoPort], {
    env: { ...nextEnv, ONAIR_SERVER_URL: serverUrl, ...(lanAddress && { DEMO_PUBLIC_URL: `http://${lanAddress}:${demoPort}` }) },
    ready: /Ready in/,
    cwd: demo,
  });
  await warmUp();
  const lan = lanAddress ? `\n  from a phone on your network: http://${lanAddress}:${demoPort}` : '';
  console.log(`\n  onair demo is running: open ${localDemoUrl}${lan}\n  (local server: ${serverUrl}; Ctrl-C stops both)\n`);
} catch (error) {
  console.error(`[onair] ${error.message}`);
  stopAll(1);
}
