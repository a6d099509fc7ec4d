import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllPeers, play, publish, waitConnected, type Publisher } from '../conformance/support/peer';
import { waitFor } from '../conformance/support/waitFor';
import { createLiveInput, sessions } from './support/liveInput';
import { startServerProcess, type ServerProcess } from './support/serverProcess';

// Issue 4 evidence: ≥ 500 viewer joins and leaves on one live stream; the server's RSS and open
// sockets return to near their baseline. Viewers are werift peers in this process (POST offer →
// connected → first video packet → DELETE), a few at a time; the server runs in a child process so
// /proc/<pid> shows only its own memory and descriptors.
const VIEWERS = Number(process.env.ONAIR_CHURN_VIEWERS ?? 500);
const WARMUP_VIEWERS = 20; // lazy allocations (codecs, DTLS, JIT) happen before the baseline
const CONCURRENCY = 6;
// Tolerances: a leaked viewer costs ~1.3–2 MB and ≥ 1 UDP socket (field-notes), so 500 leaks would
// be ≥ 650 MB and ≥ 500 sockets. RSS also carries heap the GC has not returned yet: in a 2,500-viewer
// probe the server's RSS wandered between +20 and +80 MB over its baseline without trending up, hence
// 96 MB. Descriptors must come back almost exactly (a few may still be closing).
const RSS_TOLERANCE_BYTES = 96 * 1024 * 1024;
const FD_TOLERANCE = 4;
const SOCKET_TOLERANCE = 4;
const ACCOUNT = 'churn';
const TOKEN = 'churn-token';

let server: ServerProcess;
let publisher: Publisher | undefined;
let playUrl: string;

beforeAll(async () => {
  server = await startServerProcess(['--account-id', ACCOUNT, '--api-token', TOKEN]);
  const input = await createLiveInput(server.url, ACCOUNT, TOKEN);
  publisher = await publish(input.webRTC.url);
  playUrl = input.webRTCPlayback.url;
});

afterAll(async () => {
  await publisher?.stop();
  await closeAllPeers();
  await server?.stop();
});

let retries = 0;

/** One viewer's whole life. Honours 429/409 + Retry-After like a real client would. */
async function joinAndLeave(): Promise<void> {
  for (;;) {
    try {
      const viewer = await play(playUrl);
      try {
        await waitConnected(viewer.pc);
        await viewer.firstVideoPacket();
      } finally {
        await viewer.stop();
      }
      return;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 429 && status !== 409) throw error;
      retries++;
      await new Promise((resolve) => setTimeout(resolve, 1000)); // the server's Retry-After is whole seconds
    }
  }
}

async function churn(count: number): Promise<void> {
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next++;
        await joinAndLeave().catch((error: Error) => failures.push(error.message));
      }
    }),
  );
  expect(failures).toEqual([]);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('viewer churn', () => {
  it(`${VIEWERS} viewers join and leave; RSS and sockets return to baseline`, { timeout: 240_000 }, async () => {
    await churn(WARMUP_VIEWERS);
    await waitFor(async () => (await sessions(server.url, TOKEN)).whep.length === 0, { what: 'warm-up viewers to be gone' });
    const baseline = server.usage();

    const started = Date.now();
    await churn(VIEWERS);
    const seconds = (Date.now() - started) / 1000;
    const peak = server.usage();

    const after = await waitFor(
      async () => {
        const { whip, whep } = await sessions(server.url, TOKEN);
        const now = server.usage();
        return whep.length === 0 && whip.length === 1 && now.fds <= baseline.fds + FD_TOLERANCE && now.sockets <= baseline.sockets + SOCKET_TOLERANCE && now;
      },
      { timeout: 30_000, interval: 250, what: 'sessions and descriptors back to baseline' },
    ).catch(() => server.usage());
    console.log(
      `churn: ${VIEWERS} viewers in ${seconds.toFixed(1)} s (${(VIEWERS / seconds).toFixed(1)}/s); ` +
        `RSS ${mb(baseline.rss)} → ${mb(peak.rss)} → ${mb(after.rss)}; fds ${baseline.fds} → ${peak.fds} → ${after.fds}; ` +
        `sockets ${baseline.sockets} → ${peak.sockets} → ${after.sockets}; ${retries} retries after 429/409`,
    );
    expect(await sessions(server.url, TOKEN)).toMatchObject({ whep: [], whip: [expect.anything()] });
    expect(after.fds).toBeLessThanOrEqual(baseline.fds + FD_TOLERANCE);
    expect(after.sockets).toBeLessThanOrEqual(baseline.sockets + SOCKET_TOLERANCE);
    expect(after.rss).toBeLessThanOrEqual(baseline.rss + RSS_TOLERANCE_BYTES);
    expect(server.exitCode()).toBeNull();
  });
});
