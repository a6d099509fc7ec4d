// `pnpm bench [client|recovery|react|fanout …]`: runs the benchmarks of bench/registry.ts (all of
// them by default), prints their tables and writes the report: bench/results.md with its SVG charts
// in bench/charts/ after a full run, bench/results/results.md (gitignored) after a partial one, and
// the raw numbers in bench/results/latest.json. A benchmark, not a test: it reports numbers and never
// fails on them (it exits 1 only when a bench could not run at all).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { benches, type TargetCheck } from './registry.ts';
import { chartsOf, renderMarkdown, renderText, type Section } from './lib/report.ts';

const names = benches.map((b) => b.name);
const which = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = which.filter((w) => !names.includes(w));
if (unknown.length) {
  console.error(`unknown bench "${unknown.join(' ')}": use \`pnpm bench\` (all) or \`pnpm bench ${names.join('|')}\``);
  process.exit(2);
}
const selected = which.length ? benches.filter((b) => which.includes(b.name)) : benches;
const full = selected.length === benches.length;
const log = (line: string) => console.log(line);
const env = {
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  loadavgAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  startedAt: new Date().toISOString(),
  command: `pnpm bench${which.length ? ` ${which.join(' ')}` : ''}`,
  knobs: Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('BENCH_'))),
};
log(`onair bench — ${env.cpus}, load ${env.loadavgAtStart.join(' ')} (shared machine: expect noise)`);

const results: Record<string, unknown> = {};
const sections: Section[] = [];
const targets: TargetCheck[] = [];
let failed = false;
const started = performance.now();

for (const bench of selected) {
  log(`\n## ${bench.title}`);
  const benchStarted = performance.now();
  try {
    const result = await bench.run(log);
    results[bench.name] = result;
    const own = bench.sections(result);
    for (const section of own) log(`\n${renderText(section)}`);
    sections.push(...own);
    targets.push(...(bench.targets?.(result) ?? []));
  } catch (error) {
    failed = true;
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`${bench.name} bench could not run: ${text}`);
    sections.push({ title: `${bench.title}: could not run`, blocks: [{ text: `\`\`\`\n${text}\n\`\`\`` }] });
  }
  log(`(${bench.name}: ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min)`);
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

const minutes = (performance.now() - started) / 60_000;
const loadAtEnd = loadavg().map((l) => Number(l.toFixed(2)));
const met = (t: TargetCheck) => (t.met === null ? 'n/a' : t.met ? '✓' : '✗');
const summary: Section = {
  title: 'Targets on this machine',
  blocks: targets.length
    ? [{ table: { headers: ['metric', 'target', 'this run', 'met'], rows: targets.map((t) => [t.metric, t.target, t.measured, met(t)]) } }]
    : [{ text: 'No bench with targets ran.' }],
};
log(`\n${renderText(summary)}`);

const reportDir = full ? new URL('./', import.meta.url) : new URL('./results/', import.meta.url);
const chartsDir = new URL('./charts/', reportDir);
await rm(chartsDir, { recursive: true, force: true });
await mkdir(chartsDir, { recursive: true });
for (const chart of chartsOf(sections)) await writeFile(new URL(chart.file, chartsDir), chart.svg);
const header = [
  '# onair benchmark results',
  '',
  `Written by \`${env.command}\`${Object.keys(env.knobs).length ? ` with ${Object.entries(env.knobs).map(([k, v]) => `\`${k}=${v}\``).join(' ')}` : ''} ` +
    `on ${env.startedAt.slice(0, 16).replace('T', ' ')} UTC in ${minutes.toFixed(1)} min — ${env.cpus}, Node ${env.node}. ` +
    `Load average (1, 5, 15 min): ${env.loadavgAtStart.join(', ')} at the start, ${loadAtEnd.join(', ')} at the end. ` +
    'How each bench works and its knobs: [README.md](README.md). Charts are drawn by the bench itself (bench/lib/svg.ts).',
  '',
  ...[summary, ...sections].map((s) => `- [${s.title}](#${anchor(s.title)})`),
].join('\n');
const markdown = [header, ...[summary, ...sections].map((s) => renderMarkdown(s, 'charts'))].join('\n\n');
const reportFile = new URL('results.md', reportDir);
await writeFile(reportFile, `${markdown}\n`);

const out = new URL('./results/latest.json', import.meta.url);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(out, `${JSON.stringify({ env: { ...env, loadavgAtEnd: loadAtEnd, minutes }, ...results }, null, 2)}\n`);
log(`\n${minutes.toFixed(1)} min; report written to ${full ? 'bench/results.md (charts in bench/charts/)' : 'bench/results/results.md (a partial run)'}, numbers to bench/results/latest.json`);
process.exit(failed ? 1 : 0);
