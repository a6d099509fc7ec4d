import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, lineChart, niceScale } from './svg.ts';

describe('the report charts', () => {
  it('picks a 1-2-5 scale that covers the largest value', () => {
    expect(niceScale(10_395)).toEqual({ max: 12_500, step: 2_500 });
    expect(niceScale(44)).toEqual({ max: 50, step: 10 });
    expect(niceScale(0)).toEqual({ max: 1, step: 0.2 });
  });

  it('escapes labels and draws a note where nothing was measured', () => {
    const svg = barChart({ title: 'a <b> & "c"', unit: 'ms', series: ['p50', 'p95'], rows: [{ label: 'x', values: [] , note: 'n/a: <none>' }, { label: 'y', values: [10, 20] }] });
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('n/a: &lt;none&gt;');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(escapeXml("it's")).toBe('it&apos;s');
  });

  it('draws lines with no NaN coordinates when a point is missing', () => {
    const svg = lineChart({ title: 't', xLabel: 'viewers', yLabel: '%', series: [{ name: 'a', points: [[25, 1], [50, Number.NaN], [75, 0.8]] }] });
    expect(svg).toContain('<polyline');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('keeps every label inside the picture: a long legend wraps, a target at the edge labels to its left', () => {
    const names = ['@onair/server, light viewers', '@onair/server, browser viewers', 'plain werift relay, browser viewers'];
    const lines = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: names.map((name) => ({ name, points: [[25, 30]] })) });
    const bars = barChart({ title: 't', unit: 'ms', series: ['p50'], rows: [{ label: 'a', values: [240] }], targets: [{ value: 250, label: 'target p50 ≤ 250' }] });
    for (const svg of [lines, bars]) {
      const width = Number(/width="(\d+)"/.exec(svg)![1]);
      const starts = [...svg.matchAll(/<text x="([\d.]+)"(?![^>]*text-anchor="(?:end|middle)")[^>]*>([^<]*)</g)];
      for (const [, x, text] of starts) expect(Number(x) + text!.length * 5.5, text).toBeLessThanOrEqual(width);
    }
    expect(Number(/height="(\d+)"/.exec(lines)![1])).toBeGreaterThan(320);
  });
});
