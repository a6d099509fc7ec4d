// A small SVG writer for the report's charts: horizontal bars (p50 over p95) and lines (a ramp).
// Plain SVG 1.1 text, system fonts, no scripts: it renders on GitHub, in an editor and offline.

export interface BarRow {
  label: string;
  /** One value per series (e.g. [p50, p95]); NaN/undefined = not measured. */
  values: readonly (number | undefined)[];
  /** Shown instead of bars when nothing was measured (e.g. "n/a: …"). */
  note?: string;
}

export interface TargetLine {
  value: number;
  label: string;
}

export interface BarChart {
  title: string;
  unit: string;
  /** Series names, drawn back to front in reverse: the first series is drawn on top (shortest bar). */
  series: readonly string[];
  rows: readonly BarRow[];
  targets?: readonly TargetLine[];
  /** Decimals of the values printed beside the bars (default 0, as in the tables). */
  decimals?: number;
}

export interface LineSeries {
  name: string;
  points: readonly (readonly [number, number])[];
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  targets?: readonly TargetLine[];
}

// Bars: p50 dark over p95 light. Lines: distinct hues.
const barColors = ['#1d4ed8', '#93c5fd', '#f59e0b', '#16a34a'];
const lineColors = ['#1d4ed8', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];
const font = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
const round = (v: number) => Math.round(v * 10) / 10;

/** A 1-2-5 step scale from 0 to at least `max`, with about `ticks` steps. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

const label = (value: number) => (Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1));

function frame(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600" fill="#111827" ${font}>${escapeXml(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Legend entries left to right, wrapping before `maxX`; returns the markup and the rows used. */
function legend(x: number, y: number, maxX: number, names: readonly string[], colors: readonly string[]): { body: string[]; rows: number } {
  let at = x;
  let row = 0;
  const body = names.flatMap((name, i) => {
    const width = 16 + name.length * 6.5 + 16;
    if (at > x && at + width > maxX) {
      at = x;
      row++;
    }
    const top = y + row * legendRow;
    const out = [
      `<rect x="${at}" y="${top - 9}" width="12" height="10" fill="${colors[i]}"/>`,
      `<text x="${at + 16}" y="${top}" font-size="11" fill="#374151" ${font}>${escapeXml(name)}</text>`,
    ];
    at += width;
    return out;
  });
  return { body, rows: row + 1 };
}
const legendRow = 16;

/** Horizontal bars, one band per row; series share a band, the first on top of the others. */
export function barChart(chart: BarChart): string {
  const labelWidth = Math.round(24 + Math.max(...chart.rows.map((r) => r.label.length)) * 6.6);
  const plotWidth = 440;
  const width = Math.round(labelWidth + plotWidth + 70);
  const band = 26;
  const top = 56;
  const height = top + chart.rows.length * band + 40;
  const measured = chart.rows.flatMap((r) => r.values.filter(finite));
  const scale = niceScale(Math.max(...measured, ...(chart.targets ?? []).map((t) => t.value), 0));
  const x = (v: number) => round(labelWidth + (v / scale.max) * plotWidth);
  const colors = barColors;
  const body: string[] = legend(12, 42, width - 12, chart.series, colors).body;

  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    body.push(`<line x1="${x(v)}" y1="${top - 4}" x2="${x(v)}" y2="${height - 32}" stroke="#e5e7eb"/>`);
    body.push(`<text x="${x(v)}" y="${height - 18}" font-size="10" text-anchor="middle" fill="#6b7280" ${font}>${label(v)}</text>`);
  }
  body.push(`<text x="${x(scale.max)}" y="${height - 4}" font-size="10" text-anchor="end" fill="#6b7280" ${font}>${escapeXml(chart.unit)}</text>`);

  chart.rows.forEach((row, i) => {
    const y = top + i * band;
    body.push(`<text x="${labelWidth - 8}" y="${y + band / 2 + 4}" font-size="12" text-anchor="end" fill="#111827" ${font}>${escapeXml(row.label)}</text>`);
    const values = row.values.map((v, s) => ({ v, s })).filter((e): e is { v: number; s: number } => finite(e.v));
    if (!values.length) {
      body.push(`<text x="${x(0) + 6}" y="${y + band / 2 + 4}" font-size="11" font-style="italic" fill="#6b7280" ${font}>${escapeXml(row.note ?? 'not measured')}</text>`);
      return;
    }
    // Back to front: later series (p95) fill the band, the first (p50) sits on top, thinner.
    for (const { v, s } of [...values].reverse()) {
      const inset = s === 0 && values.length > 1 ? 8 : 4;
      body.push(`<rect x="${x(0)}" y="${y + inset}" width="${round(Math.max(1, x(v) - x(0)))}" height="${band - 2 * inset}" fill="${colors[s % colors.length]}"/>`);
    }
    const text = values.map(({ v }) => v.toFixed(chart.decimals ?? 0)).join(' / ');
    const end = Math.max(...values.map(({ v }) => x(v)));
    body.push(`<text x="${round(end + 4)}" y="${y + band / 2 + 4}" font-size="11" fill="#111827" ${font}>${escapeXml(text)}</text>`);
  });

  // Labels stacked upwards so that close targets do not overlap.
  (chart.targets ?? []).forEach((target, i) => {
    body.push(`<line x1="${x(target.value)}" y1="${top - 6 - 11 * i}" x2="${x(target.value)}" y2="${height - 32}" stroke="#dc2626" stroke-dasharray="4 3"/>`);
    // Near the right edge the label goes to the left of its line.
    const leftOfLine = x(target.value) + 3 + target.label.length * 6 > width;
    body.push(
      `<text x="${leftOfLine ? x(target.value) - 3 : x(target.value) + 3}" y="${top - 8 - 11 * i}" font-size="10" text-anchor="${leftOfLine ? 'end' : 'start'}" fill="#dc2626" ${font}>${escapeXml(target.label)}</text>`,
    );
  });
  return frame(width, height, chart.title, body);
}

/** A line chart's size and the margins around its plot, px. */
const lineFrame = { width: 640, height: 320, left: 56, right: 20, top: 56, bottom: 48 };

/** Lines over a numeric x axis (e.g. viewers), one per series, with a marker per point. */
export function lineChart(chart: LineChart): string {
  const color = (i: number) => lineColors[i % lineColors.length]!;
  const key = legend(
    12,
    42,
    lineFrame.width - 12,
    chart.series.map((s) => s.name),
    chart.series.map((_, i) => color(i)),
  );
  // A legend that wraps pushes the plot down.
  const extra = (key.rows - 1) * legendRow;
  const { width, left, right, bottom } = lineFrame;
  const top = lineFrame.top + extra;
  const height = lineFrame.height + extra;
  const points = chart.series.flatMap((s) => s.points).filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py));
  const xs = scaleOf(Math.max(...points.map(([px]) => px), 0));
  const ys = scaleOf(Math.max(...points.map(([, py]) => py), ...(chart.targets ?? []).map((t) => t.value), 0));
  const x = (v: number) => round(left + (v / xs.max) * (width - left - right));
  const y = (v: number) => round(height - bottom - (v / ys.max) * (height - top - bottom));
  const body = key.body;
  for (let v = 0; v <= ys.max + 1e-9; v += ys.step) {
    body.push(`<line x1="${left}" y1="${y(v)}" x2="${width - right}" y2="${y(v)}" stroke="#e5e7eb"/>`);
    body.push(`<text x="${left - 6}" y="${y(v) + 3}" font-size="10" text-anchor="end" fill="#6b7280" ${font}>${label(v)}</text>`);
  }
  for (let v = 0; v <= xs.max + 1e-9; v += xs.step) {
    body.push(`<text x="${x(v)}" y="${height - bottom + 14}" font-size="10" text-anchor="middle" fill="#6b7280" ${font}>${label(v)}</text>`);
  }
  body.push(`<text x="${round((left + width - right) / 2)}" y="${height - 12}" font-size="11" text-anchor="middle" fill="#374151" ${font}>${escapeXml(chart.xLabel)}</text>`);
  body.push(
    `<text x="14" y="${round((top + height - bottom) / 2)}" font-size="11" text-anchor="middle" fill="#374151" transform="rotate(-90 14 ${round((top + height - bottom) / 2)})" ${font}>${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, i) => {
    const valid = series.points.filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py));
    if (valid.length > 1) {
      body.push(`<polyline fill="none" stroke="${color(i)}" stroke-width="2" points="${valid.map(([px, py]) => `${x(px)},${y(py)}`).join(' ')}"/>`);
    }
    for (const [px, py] of valid) body.push(`<circle cx="${x(px)}" cy="${y(py)}" r="3" fill="${color(i)}"/>`);
  });
  for (const target of chart.targets ?? []) {
    body.push(`<line x1="${left}" y1="${y(target.value)}" x2="${width - right}" y2="${y(target.value)}" stroke="#dc2626" stroke-dasharray="4 3"/>`);
    body.push(`<text x="${width - right}" y="${y(target.value) - 4}" font-size="10" text-anchor="end" fill="#dc2626" ${font}>${escapeXml(target.label)}</text>`);
  }
  return frame(width, height, chart.title, body);
}

const scaleOf = (max: number) => niceScale(max, 6);
