// `pnpm bench [name …]` → bench/index.ts under tsx, reading workspace sources through the
// `@onair/source` condition (no build needed).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--conditions=@onair/source', join(repo, 'bench/index.ts'), ...process.argv.slice(2)],
  { cwd: repo, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
