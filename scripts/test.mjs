// Runs every check in sequence (2 cores: one heavy suite at a time), counts test results across
// all runners, and ends with the line CI reads: `N passed, N failed`.
// `node scripts/test.mjs unit browser` runs only the named steps.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(repo, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const workspaces = ['@onair/core', '@onair/react', '@onair/server', '@onair/demo'];
const vitestProjects = ['unit', 'unit-dom', 'browser', 'react-media', 'react-autoplay', 'firefox', 'storybook', 'conformance', 'stress', 'interop'];

/** A check is one pass or one fail; a suite contributes its own test counts. */
const steps = [
  { name: 'build', run: () => check('pnpm', ['run', 'build']) },
  ...workspaces.map((ws) => ({ name: 'typecheck', label: `typecheck ${ws}`, run: () => check('pnpm', ['--filter', ws, 'run', 'typecheck']) })),
  { name: 'typecheck', label: 'typecheck tests + tooling', run: () => check('pnpm', ['exec', 'tsc', '-p', 'tsconfig.json']) },
  { name: 'lint', run: () => check('pnpm', ['exec', 'eslint', '.', '--max-warnings', '0']) },
  ...vitestProjects.map((project) => ({ name: project, run: () => vitest(project) })),
  { name: 'size', run: () => check('pnpm', ['exec', 'size-limit']) },
  { name: 'storybook-build', run: () => check('pnpm', ['exec', 'storybook', 'build', '--quiet', '-o', join(reports, 'storybook-static')]) },
  { name: 'e2e', run: e2e },
];

function sh(command, args, env = {}) {
  console.log(`\n\x1b[1m$ ${command} ${args.join(' ')}\x1b[0m`);
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(command, args) {
  return sh(command, args) ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

function vitest(project) {
  const out = join(reports, `vitest-${project}.json`);
  const ok = sh('pnpm', ['exec', 'vitest', 'run', '--project', project, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  // A file that fails to load has no assertions but still failed.
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  const failed = report.numFailedTests + brokenFiles;
  const failures = report.testResults.flatMap((file) =>
    file.assertionResults.length
      ? file.assertionResults.filter((a) => a.status === 'failed').map((a) => `${a.fullName}: ${firstLine(a.failureMessages?.[0])}`)
      : file.status === 'failed' ? [`${file.name}: ${firstLine(file.message)}`] : [],
  );
  return { passed: report.numPassedTests, failed: failed || (ok ? 0 : 1), failures };
}

// The summary names what failed: CI keeps only the end of a long log.
const firstLine = (text = '') => text.trim().split('\n')[0].slice(0, 300);

function e2e() {
  const built = check('pnpm', ['--filter', '@onair/demo', 'run', 'build']);
  if (built.failed) return built;
  const out = join(repo, 'apps/demo/test-results/e2e.json');
  rmSync(out, { force: true });
  const ok = sh('pnpm', ['--filter', '@onair/demo', 'run', 'test:e2e']);
  if (!existsSync(out)) return { passed: 1, failed: 1 };
  const { stats, suites } = JSON.parse(readFileSync(out, 'utf8'));
  const failed = stats.unexpected + stats.flaky;
  const specs = (suite) => [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
  const failures = suites.flatMap(specs).filter((spec) => !spec.ok).map((spec) => `${spec.file}: ${spec.title}`);
  return { passed: 1 + stats.expected, failed: failed || (ok ? 0 : 1), failures };
}

const only = process.argv.slice(2);
const selected = only.length ? steps.filter((s) => only.includes(s.name)) : steps;
const results = [];
for (const step of selected) {
  const started = Date.now();
  const counts = step.run();
  results.push({ label: step.label ?? step.name, ...counts, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('\nSummary');
for (const r of results) {
  console.log(`  ${r.failed ? '✗' : '✓'} ${r.label.padEnd(28)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds}s`);
  for (const failure of r.failures ?? []) console.log(`      ✗ ${failure}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
