// The recovery bench's tables and chart.
import { labelled, type Section } from '../lib/report.ts';
import type { Summary } from '../lib/stats.ts';
import { barChart, type BarRow } from '../lib/svg.ts';
import { fmt } from '../lib/table.ts';
import type { RecoveryBenchResult } from './run.ts';

/** Issue 9's targets on this machine. */
export const recoveryTargets = { restartMs: 1_500, endedMs: 1_000 };

const cell = (s: Summary | undefined, key: 'p50' | 'p95') => (s?.ok ? fmt(s[key]) : '—');
const runs = (s: Summary | undefined) => (s ? `${s.ok}/${s.runs}` : '—');
const bar = (label: string, s: Summary | undefined, note: string): BarRow => ({ label, values: s?.ok ? [s.p50, s.p95] : [], note });

export function recoverySections(result: RecoveryBenchResult): Section[] {
  if (result.unavailable) return [{ title: 'Recovery: End stream and server restart', blocks: [{ text: `Not measured: ${result.unavailable}.` }] }];
  const met = (s: Summary | undefined, target: number) => (s?.ok ? (s.p50 <= target ? '✓' : '✗') : '—');
  const rows = [
    ['End stream → viewer ended (streamEnded)', cell(result.endedSummary, 'p50'), cell(result.endedSummary, 'p95'), runs(result.endedSummary), `≤ ${recoveryTargets.endedMs}`, result.endedSummary ? met(result.endedSummary, recoveryTargets.endedMs) : 'n/a'],
    ['End stream → viewer leaves playing (any status)', cell(result.leftPlayingSummary, 'p50'), cell(result.leftPlayingSummary, 'p95'), runs(result.leftPlayingSummary), '', ''],
    ['Go live again → viewer’s next frame', cell(result.playingAgainSummary, 'p50'), cell(result.playingAgainSummary, 'p95'), runs(result.playingAgainSummary), '', ''],
    ['server restart: first missing frame → next frame', cell(result.recoverySummary, 'p50'), cell(result.recoverySummary, 'p95'), runs(result.recoverySummary), `≤ ${recoveryTargets.restartMs}`, met(result.recoverySummary, recoveryTargets.restartMs)],
    ['… of which: SIGKILL → new server listening', cell(result.serverDownSummary, 'p50'), cell(result.serverDownSummary, 'p95'), runs(result.serverDownSummary), '', ''],
    ['… of which: listening → viewer’s next frame', cell(result.afterListeningSummary, 'p50'), cell(result.afterListeningSummary, 'p95'), runs(result.afterListeningSummary), '', ''],
  ];
  const leftTo = [...new Set(result.ended.map((r) => r.leftPlayingTo).filter(Boolean))].join(', ');
  const errors = [...result.ended.map((r) => r.error), ...result.restarts.map((r) => r.error)].filter(Boolean);
  return [
    {
      title: 'Recovery: End stream and server restart',
      load: labelled(result.load, { ended: `End stream runs (${result.ended.length})`, restart: `restart runs (${result.restarts.length})` }),
      blocks: [
        { table: { headers: ['what the viewer sees', 'p50 ms', 'p95 ms', 'runs', 'target', 'met (p50)'], rows } },
        {
          text:
            `Chromium (${result.version ?? '?'}) creator and viewer with @onair/core (the glass-to-glass page: canvas → WhipSession, WhepSession → <video>) through an @onair/server CLI ` +
            'process with a database file, as the server-restart tests run it. End stream = the creator\'s `stop()` (close + DELETE); "ended" = the viewer\'s ' +
            '`WhepSnapshot.streamEnded` turning true (what `LivePlayer` shows as ended); then the creator goes live again on the same input. ' +
            'Server restart = SIGKILL of the process group, then the same command at once (same port, same database: the live input survives); ' +
            'recovery runs from the first missing frame (the last frame presented before the gap + one frame interval) to the first of five frames presented in a row again. ' +
            (result.server === 'built'
              ? 'The server process is the built CLI users run (`onair-server`, built from this tree first); '
              : 'The server process starts through tsx from source, as in the tests (BENCH_RECOVERY_SERVER=source); ') +
            'its start-up is in "SIGKILL → listening".',
        },
        ...(result.endedMissing ? [{ text: `Ended: n/a — ${result.endedMissing}. The viewer left \`playing\` for: ${leftTo || '—'}. The figure fills in by itself once the viewer reports it.` }] : []),
        { text: 'No peer measured here: of the other clients, medooze `whip-whep` does not reconnect and Eyevinn\'s player re-POSTs without DELETE (field-notes.md); Janus has no WHEP to end.' },
        {
          text: `Status changes after each kill (ms after it):\n\n${result.restarts.map((r, i) => `- run ${i + 1}: viewer ${r.viewer || '—'}; creator ${r.creator || '—'}${r.error ? `; ${r.error}` : ''}`).join('\n')}`,
        },
        ...(errors.length ? [{ text: `Failed runs: ${errors.join('; ')}` }] : []),
        {
          chart: {
            file: 'recovery.svg',
            title: 'Recovery, ms',
            svg: barChart({
              title: 'Recovery: what the viewer sees, ms',
              unit: 'ms',
              series: ['p50', 'p95'],
              rows: [
                bar('End stream → ended', result.endedSummary, 'n/a: streamEnded not reported by this build'),
                bar('End stream → left playing', result.leftPlayingSummary, 'not measured'),
                bar('Go live again → next frame', result.playingAgainSummary, 'not measured'),
                bar('restart: missing → next frame', result.recoverySummary, 'no run recovered'),
                bar('… SIGKILL → listening', result.serverDownSummary, 'not measured'),
              ],
              targets: [
                { value: recoveryTargets.endedMs, label: `ended ≤ ${recoveryTargets.endedMs}` },
                { value: recoveryTargets.restartMs, label: `recovery ≤ ${recoveryTargets.restartMs}` },
              ],
            }),
          },
        },
      ],
    },
  ];
}
