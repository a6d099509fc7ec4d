#!/usr/bin/env node
// Runs the build when there is one, else the TypeScript source through tsx (a development checkout).
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

if (existsSync(built)) {
  await import(built);
} else {
  const source = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const require = createRequire(import.meta.url);
  let tsx;
  try {
    tsx = require.resolve('tsx/cli');
  } catch {
    console.error('onair-server: no build (dist/cli.js) and tsx is not installed; run `pnpm --filter @onair/server build`');
    process.exit(1);
  }
  // tsx in a child process: signals go to it, and its exit code becomes ours.
  const child = spawn(process.execPath, [tsx, source, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
