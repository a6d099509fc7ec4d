// The client bench's and the glass-to-glass bench's tables and charts (bench/results.md and the console).
import type { LatencyBenchResult } from '../latency/run.ts';
import { routeNames } from '../latency/run.ts';
import { labelled, type Section } from '../lib/report.ts';
import type { Summary } from '../lib/stats.ts';
import { barChart, type BarRow } from '../lib/svg.ts';
import { fmt } from '../lib/table.ts';
import { targets, type ClientBenchResult, type ClientResult } from './run.ts';

const ms = (s: Summary | undefined, key: 'p50' | 'p95') => (s ? fmt(s[key]) : '—');
const failures = (...summaries: (Summary | undefined)[]) =>
  summaries
    .filter((s): s is Summary => !!s)
    .map((s) => `${s.failed}/${s.runs}`)
    .join(', ');
const kb = (bytes: number | undefined) => (bytes === undefined ? '—' : (bytes / 1024).toFixed(1));
const mark = (value: number, target: number) => `${fmt(value)} ${value <= target ? '✓' : '✗'}`;
const bars = (label: string, s: Summary | undefined, note?: string): BarRow => ({
  label,
  values: s?.ok ? [s.p50, s.p95] : [],
  note: s && !s.ok ? `all ${s.runs} runs failed` : note,
});

function handshakeSection(result: ClientBenchResult): Section {
  const { clients: results, janusUnavailable, firefoxUnavailable } = result;
  const firefox = !firefoxUnavailable;
  const headers = [
    'client',
    'live p50',
    'live p95',
    'Janus live p50',
    'Janus p95',
    'frame p50',
    'frame p95',
    ...(firefox ? ['Firefox live p50', 'Firefox live p95', 'Firefox frame p50', 'Firefox frame p95'] : []),
    'failed runs',
  ];
  const rows = results.map((r) => [
    r.name,
    ms(r.timeToLive, 'p50'),
    ms(r.timeToLive, 'p95'),
    ms(r.timeToLiveJanus, 'p50'),
    ms(r.timeToLiveJanus, 'p95'),
    ms(r.firstFrame, 'p50'),
    ms(r.firstFrame, 'p95'),
    ...(firefox ? [ms(r.firefox?.timeToLive, 'p50'), ms(r.firefox?.timeToLive, 'p95'), ms(r.firefox?.firstFrame, 'p50'), ms(r.firefox?.firstFrame, 'p95')] : []),
    r.unavailable ? 'not run' : failures(r.timeToLive, r.timeToLiveJanus, r.firstFrame, r.firefox?.timeToLive, r.firefox?.firstFrame),
  ]);
  const targetCells = [`≤ ${targets.timeToLiveP50}`, '', '', '', `≤ ${targets.firstFrameP50}`, `≤ ${targets.firstFrameP95}`];
  rows.push(['target (ours)', ...targetCells, ...(firefox ? ['', '', '', ''] : []), '']);

  const phases = {
    headers: ['p50 ms after start', 'pub POST sent', 'pub answer', 'pub connected', 'Janus POST sent', 'Janus answer', 'Janus connected', 'view POST sent', 'view answer', 'view connected', 'first frame'],
    rows: results
      .filter((r) => r.phases)
      .map((r) => [
        r.name,
        ms(r.phases!.publishPost, 'p50'),
        ms(r.phases!.publishAnswer, 'p50'),
        ms(r.timeToLive, 'p50'),
        ms(r.phases!.publishPostJanus, 'p50'),
        ms(r.phases!.publishAnswerJanus, 'p50'),
        ms(r.timeToLiveJanus, 'p50'),
        ms(r.phases!.playPost, 'p50'),
        ms(r.phases!.playAnswer, 'p50'),
        ms(r.phases!.playConnected, 'p50'),
        ms(r.firstFrame, 'p50'),
      ]),
  };

  const ours = results.find((r) => r.ours && r.timeToLive?.ok && r.firstFrame?.ok);
  const verdict: string[] = [];
  if (ours) {
    verdict.push(
      `Ours against the targets: live p50 ${mark(ours.timeToLive!.p50, targets.timeToLiveP50)}, first frame p50 ${mark(ours.firstFrame!.p50, targets.firstFrameP50)} ` +
        `(issue 10's ≤ ${targets.firstFrameP50}; issue 9 asks ≤ 200), first frame p95 ${mark(ours.firstFrame!.p95, targets.firstFrameP95)}.`,
    );
  }
  const versusJanus = results
    .filter((r) => r.timeToLive?.ok && r.timeToLiveJanus?.ok)
    .map((r) => `${r.name} ${fmt(r.timeToLive!.p50)} vs ${fmt(r.timeToLiveJanus!.p50)} ${r.timeToLive!.p50 <= r.timeToLiveJanus!.p50 ? '✓' : '✗'}`);
  if (versusJanus.length) verdict.push(`Live p50 through @onair/server vs through Janus (goal ≤): ${versusJanus.join(', ')}.`);
  const notes = results.flatMap((r) => [...(r.unavailable ? [`- ${r.name}: ${r.unavailable}`] : []), ...r.errors.map((e) => `- ${r.name}: ${e}`)]);

  const measured = results.filter((r) => !r.unavailable);
  const liveRows: BarRow[] = measured.flatMap((r) => [
    bars(`${r.name} → @onair/server`, r.timeToLive),
    bars(`${r.name} → Janus`, r.timeToLiveJanus, janusUnavailable ? 'Janus not installed' : undefined),
    ...(firefox ? [bars(`${r.name} → @onair/server (Firefox)`, r.firefox?.timeToLive)] : []),
  ]);
  const frameRows: BarRow[] = measured.flatMap((r) => [bars(`${r.name}`, r.firstFrame), ...(firefox ? [bars(`${r.name} (Firefox)`, r.firefox?.firstFrame)] : [])]);

  return {
    title: 'Time to live and time to first frame',
    load: labelled(result.load, { chromium: `Chromium runs (${result.runs.chromium} per client)`, firefox: `Firefox runs (${result.runs.firefox} per client)` }),
    blocks: [
      { table: { headers, rows } },
      {
        text:
          'live = start → publisher RTCPeerConnection "connected", publishing to @onair/server (Janus: the same client publishing to Janus 1.1 VideoRoom ' +
          `behind simple-whip-server in the same run${janusUnavailable ? ` — not measured: ${janusUnavailable}` : ''}); frame = start → first requestVideoFrameCallback, ` +
          'watching a library-free Chromium publisher that is already live (Janus has no WHEP). Firefox: the same pages in Firefox ESR over WebDriver BiDi' +
          `${firefoxUnavailable ? ` — not measured: ${firefoxUnavailable}` : ''}. Each run is a fresh page; failed runs are counted (failed runs: live, Janus, frame` +
          `${firefox ? ', Firefox live, Firefox frame' : ''}), never averaged in. ms.`,
      },
      ...verdict.map((text) => ({ text })),
      { chart: { file: 'time-to-live.svg', title: 'Time to live (start → publisher connected), ms', svg: barChart({ title: 'Time to live (start → publisher connected)', unit: 'ms', series: ['p50', 'p95'], rows: liveRows, targets: [{ value: targets.timeToLiveP50, label: `target p50 ≤ ${targets.timeToLiveP50}` }] }) } },
      { chart: { file: 'first-frame.svg', title: 'Time to first frame through @onair/server, ms', svg: barChart({ title: 'Time to first frame through @onair/server (start → first frame)', unit: 'ms', series: ['p50', 'p95'], rows: frameRows, targets: [{ value: targets.firstFrameP50, label: `target p50 ≤ ${targets.firstFrameP50}` }] }) } },
      { text: 'Where the time goes (p50, ms after start):' },
      { table: phases },
      ...(notes.length ? [{ text: `Failures seen:\n\n${notes.join('\n')}` }] : []),
    ],
  };
}

function sizeSection(result: ClientBenchResult): Section {
  const rows: { name: string; gzip?: number; min?: number; note?: string }[] = [
    ...result.clients.map((r: ClientResult) => ({ name: r.name, gzip: r.size?.gzipBytes, min: r.size?.minBytes, note: r.unavailable })),
    ...result.sizes.map((s) => ({ name: s.name, gzip: s.size?.gzipBytes, min: s.size?.minBytes, note: s.unavailable })),
  ];
  return {
    title: 'Bundle sizes',
    blocks: [
      { table: { headers: ['what an app ships to publish + play', 'KB min+gzip', 'KB min'], rows: [...rows.map((r) => [r.name, kb(r.gzip), kb(r.min)]), ['target (@onair/core)', `≤ ${kb(targets.sizeGzipBytes)}`, '']] } },
      { text: 'esbuild --minify of the module that publishes and plays (the React row: both prefab components, React itself left out), gzip -9. Not a timing: no load average applies.' },
      {
        chart: {
          file: 'sizes.svg',
          title: 'Bundle size, KB min+gzip',
          svg: barChart({
            title: 'Bundle size (min+gzip)',
            unit: 'KB',
            decimals: 1,
            series: ['KB min+gzip'],
            rows: rows.map((r) => ({ label: r.name.replace(/ \(with .*\)$/, ''), values: [r.gzip === undefined ? undefined : r.gzip / 1024], note: r.note })),
            targets: [{ value: targets.sizeGzipBytes / 1024, label: `@onair/core ≤ ${kb(targets.sizeGzipBytes)}` }],
          }),
        },
      },
    ],
  };
}

/** Targets of issue 9 for glass-to-glass through @onair/server on this machine. */
export const latencyTargets = { p50: 45, p95: 80 };

function latencySection(result: LatencyBenchResult): Section {
  const label = (r: LatencyBenchResult['rows'][number]) => `${routeNames[r.route]}, ${r.browser === 'chromium' ? 'Chromium' : 'Firefox'}`;
  const rows = result.rows.map((r) => [
    label(r),
    ms(r.latency, 'p50'),
    ms(r.latency, 'p95'),
    r.latency ? String(r.latency.ok) : '—',
    r.fps === undefined ? '—' : fmt(r.fps),
    r.video ?? '—',
    r.unreadablePercent === undefined ? '—' : fmt(r.unreadablePercent, 1),
    r.route === 'onair' ? (r.coreLatency ? `${fmt(r.coreLatency.p50)} / ${fmt(r.coreLatency.p95)}` : 'n/a') : '',
    r.unavailable ?? '',
  ]);
  rows.push([`target (@onair/server)`, `≤ ${latencyTargets.p50}`, `≤ ${latencyTargets.p95}`, '', '', '', '', '', '']);
  const ours = result.rows.filter((r) => r.route === 'onair' && r.latency?.ok);
  const missing = [...new Set(result.rows.map((r) => r.coreLatencyMissing).filter(Boolean))];
  return {
    title: 'Glass-to-glass latency',
    load: labelled(result.load, { chromium: 'Chromium routes', firefox: 'Firefox routes' }),
    blocks: [
      { table: { headers: ['route, browser (creator and viewer)', 'p50 ms', 'p95 ms', 'frames', 'fps', 'video', 'unreadable %', 'abs-capture-time p50 / p95', 'note'], rows } },
      {
        text:
          `The creator's canvas paints the wall-clock time (ms) on every animation frame as a grid of black and white cells; the viewer reads it back from every frame it presents ` +
          `(requestVideoFrameCallback; age = expected display time − painted time) for ${result.sampleMs / 1000} s after 30 readable frames and 2 s to settle. ` +
          `Creator and viewer are separate pages (Firefox: separate processes) whose clocks agree to ~1 ms. Same canvas, same browser build for every route; ` +
          `@onair/server and the plain relay run in their own process; Janus takes our WhipSession's publish through simple-whip-server and a VideoRoom subscriber answered by a plain RTCPeerConnection.`,
      },
      ...ours.map((r) => ({
        text: `@onair/server, ${r.browser === 'chromium' ? 'Chromium' : 'Firefox'}: p50 ${mark(r.latency!.p50, latencyTargets.p50)} (≤ ${latencyTargets.p50}), p95 ${mark(r.latency!.p95, latencyTargets.p95)} (≤ ${latencyTargets.p95}).`,
      })),
      ...(missing.length ? [{ text: `abs-capture-time column: n/a where ${missing.join('; ')}.` }] : []),
      {
        chart: {
          file: 'latency.svg',
          title: 'Glass-to-glass latency, ms',
          svg: barChart({
            title: 'Glass-to-glass latency (canvas timestamp → viewer frame)',
            unit: 'ms',
            series: ['p50', 'p95'],
            rows: result.rows.map((r) => ({ label: label(r), values: r.latency ? [r.latency.p50, r.latency.p95] : [], note: r.unavailable })),
            targets: [
              { value: latencyTargets.p50, label: `p50 ≤ ${latencyTargets.p50}` },
              { value: latencyTargets.p95, label: `p95 ≤ ${latencyTargets.p95}` },
            ],
          }),
        },
      },
    ],
  };
}

export function clientSections(result: { handshake?: ClientBenchResult; latency?: LatencyBenchResult }): Section[] {
  return [
    ...(result.handshake ? [handshakeSection(result.handshake), sizeSection(result.handshake)] : []),
    ...(result.latency ? [latencySection(result.latency)] : []),
  ];
}
