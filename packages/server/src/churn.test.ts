import { spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import type { TestPeer } from './weriftTestPeer.js';
import { connect, creatorPeer, eventually, sendFakeVideo, viewerPeer } from './weriftTestPeer.js';

// The server runs in its own process so its open sockets can be counted apart from the test peers'.
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
let child: ReturnType<typeof spawn>;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve) => child.stdout!.on('data', (chunk: Buffer) => {
    const match = /listening on (\S+)/.exec(chunk.toString());
    if (match) resolve(match[1]!);
  }));
}, 30_000);
afterAll(async () => {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

const serverSockets = () =>
  readdirSync(`/proc/${child.pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${child.pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false; // closed while listing
    }
  }).length;

test('churn: 48 viewer joins and leaves leave no sessions and no server sockets behind', async () => {
  const input = ((await (await fetch(`${url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator: TestPeer = await creatorPeer();
  await connect(creator, input.webRTC.url);
  await eventually('creator live', async () => ((await (await fetch(`${url}/${input.uid}/lifecycle`)).json()) as { live: boolean }).live);
  const stop = sendFakeVideo(creator.video!);
  try {
    const baseline = serverSockets();
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          const viewer = await viewerPeer();
          try {
            const { session } = await connect(viewer, input.webRTCPlayback.url);
            await eventually('packets', () => viewer.received() > 0);
            expect((await fetch(session, { method: 'DELETE' })).status).toBe(200);
          } finally {
            await viewer.close();
          }
        }),
      );
    }
    const views = (await (await fetch(`${url}/${input.uid}/views`)).json()) as { liveViewers: number };
    expect(views.liveViewers).toBe(0);
    // HTTP keep-alive sockets time out after 5 s; media sockets are closed with their sessions.
    await eventually('server sockets back to baseline', () => serverSockets() <= baseline, 15_000);
  } finally {
    stop();
    await creator.close();
  }
}, 60_000);
