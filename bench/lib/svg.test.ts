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
});
