#!/usr/bin/env node
// Runs the build when there is one, else the TypeScript source through tsx (a development checkout),
// in a Node started with HEAP_FLAG: a flag V8 takes only on the node command line (NODE_OPTIONS
// refuses it, and set at run time it does nothing), hence a child process.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * With V8's default starting old generation, a relay with 50+ viewers runs back-to-back major GCs:
 * V8 starts marking whenever the old generation's headroom is smaller than the young generation,
 * which the fan-out grows to its maximum (packages/server/README.md, "Heap").
 */
const HEAP_FLAG = '--initial-old-space-size=128';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const sized = process.execArgv.some((arg) => arg.startsWith(HEAP_FLAG.split('=')[0]));

if (sized && existsSync(built)) {
  await import(built);
} else {
  let entry;
  if (existsSync(built)) {
    entry = [built];
  } else {
    let tsx;
    try {
      tsx = import.meta.resolve('tsx');
    } catch {
      console.error('onair-server: no build (dist/cli.js) and tsx is not installed; run `pnpm --filter @onair/server build`');
      process.exit(1);
    }
    entry = ['--import', tsx, fileURLToPath(new URL('../src/cli.ts', import.meta.url))];
  }
  const flags = sized ? process.execArgv : [...process.execArgv, HEAP_FLAG];
  // Signals go to the child (cli.ts takes the same one twice, from a terminal's Ctrl-C and from
  // here, as one), and its exit code becomes ours.
  // The IPC channel tells the child when this process is gone, however it died.
  const child = spawn(process.execPath, [...flags, ...entry, ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
