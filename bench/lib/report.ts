// What every bench reports, in one shape: sections of tables, notes and charts. The console gets
// it as aligned text, bench/results.md as Markdown with the charts written beside it as SVG files.
import { availableParallelism, loadavg } from 'node:os';
import { formatTable } from './table.ts';

export interface Table {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

/** A chart drawn by lib/svg.ts; `file` is its name in the charts folder (e.g. 'latency.svg'). */
export interface Chart {
  file: string;
  title: string;
  svg: string;
}

export type Block = { table: Table } | { text: string } | { chart: Chart };

/** The 1-minute load average when a part of a bench started and ended (2 cores here: above 2 is contention). */
export interface LoadSpan {
  start: number;
  end: number;
  /** Which part of the section it covers (e.g. "Firefox runs"), when there are several. */
  label?: string;
}

export interface Section {
  title: string;
  /** Printed beside the section's tables: how busy the machine was while they were measured. */
  load?: readonly LoadSpan[];
  blocks: Block[];
}

const oneMinute = () => Number(loadavg()[0]!.toFixed(2));

/** Starts a load span now; `end()` closes it. */
export function loadSpan(): { end(): LoadSpan } {
  const start = oneMinute();
  return { end: () => ({ start, end: oneMinute() }) };
}

export function describeLoad(load: readonly LoadSpan[]): string {
  const spans = load.map((l) => `${l.label ? `${l.label}: ` : ''}${l.start.toFixed(1)} at the start, ${l.end.toFixed(1)} at the end`);
  return `load average (1 min, ${availableParallelism()} cores) — ${spans.join('; ')}`;
}

/** The spans of `load` that were measured, labelled. */
export function labelled(load: Partial<Record<string, LoadSpan>>, labels: Record<string, string>): LoadSpan[] {
  return Object.entries(labels).flatMap(([key, label]) => (load[key] ? [{ ...load[key], label }] : []));
}

export function renderText(section: Section): string {
  const lines = [`### ${section.title}`];
  if (section.load?.length) lines.push(describeLoad(section.load));
  for (const block of section.blocks) {
    if ('table' in block) lines.push('', formatTable(block.table.headers, block.table.rows));
    else if ('text' in block) lines.push(block.text);
    else lines.push(`(chart: ${block.chart.file})`);
  }
  return lines.join('\n');
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownTable(table: Table): string {
  return [
    `| ${table.headers.map(cell).join(' | ')} |`,
    `|${table.headers.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...table.rows.map((row) => `| ${table.headers.map((_, i) => cell(row[i] ?? '')).join(' | ')} |`),
  ].join('\n');
}

/** Markdown of one section; charts are linked from `chartsPath` (relative to the .md file). */
export function renderMarkdown(section: Section, chartsPath: string): string {
  const parts = [`## ${section.title}`];
  if (section.load?.length) parts.push(`_${describeLoad(section.load)}._`);
  for (const block of section.blocks) {
    if ('table' in block) parts.push(markdownTable(block.table));
    else if ('text' in block) parts.push(block.text);
    else parts.push(`![${block.chart.title}](${chartsPath}/${block.chart.file})`);
  }
  return parts.join('\n\n');
}

/** Every chart of `sections`, for writing next to the Markdown. */
export function chartsOf(sections: readonly Section[]): Chart[] {
  return sections.flatMap((s) => s.blocks.flatMap((b) => ('chart' in b ? [b.chart] : [])));
}
