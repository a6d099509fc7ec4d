/** Prints rows as an aligned plain-text table (first column left-aligned, the rest right-aligned). */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A number with fixed decimals, or '—' when there is nothing to show. */
export function fmt(value: number, decimals = 0): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '—';
}
