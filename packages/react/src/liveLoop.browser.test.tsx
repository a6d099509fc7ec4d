import { StrictMode } from 'react';
import { afterEach, expect, inject, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { GoLiveButton } from './GoLiveButton';
import { LivePlayer } from './LivePlayer';

// The components against the real @onair/server in Chromium with the fake camera: go live with the
// button, watch with the player, and prove frames decode and that the server is left with nothing.
const base = inject('onairServerUrl');
const account = inject('onairAccountId');
const DEADLINE_MS = 20_000;
const POLL_MS = 100;

interface LiveInput {
  uid: string;
  webRTC: { url: string };
  webRTCPlayback: { url: string };
}
interface ServerSessions {
  whip: { inputUid: string }[];
  whep: { inputUid: string }[];
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function createInput(): Promise<LiveInput> {
  const response = await fetch(`${base}/client/v4/accounts/${account}/stream/live_inputs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ meta: { name: '@onair/react live loop' } }),
  });
  expect(response.ok).toBe(true);
  const input = ((await response.json()) as { result: LiveInput }).result;
  cleanups.push(() => fetch(`${base}/client/v4/accounts/${account}/stream/live_inputs/${input.uid}`, { method: 'DELETE' }));
  return input;
}

async function sessionsFor(uid: string): Promise<{ whip: number; whep: number }> {
  const all = (await (await fetch(`${base}/_onair/sessions`)).json()) as ServerSessions;
  return {
    whip: all.whip.filter((s) => s.inputUid === uid).length,
    whep: all.whep.filter((s) => s.inputUid === uid).length,
  };
}

const frameShown = (video: HTMLVideoElement) =>
  new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()));

test('GoLiveButton publishes, LivePlayer decodes it, and stopping leaves no server session (StrictMode)', async () => {
  const input = await createInput();
  const screen = await render(
    <StrictMode>
      <GoLiveButton url={input.webRTC.url} />
      <LivePlayer url={input.webRTCPlayback.url} data-testid="player" />
    </StrictMode>,
  );
  const button = screen.getByRole('button');
  const player = screen.getByTestId('player');
  const video = player.element() as HTMLVideoElement;
  const firstFrame = frameShown(video);

  // Nobody is live yet: the player waits (WHEP 409) instead of failing.
  await expect.element(player, { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'waiting');

  await button.click();
  await expect.element(button, { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'live');
  await expect.element(button).toHaveAttribute('aria-pressed', 'true');
  await expect.element(player, { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'playing');

  await firstFrame;
  await expect.poll(() => video.getVideoPlaybackQuality().totalVideoFrames, { timeout: DEADLINE_MS, interval: POLL_MS }).toBeGreaterThan(0);
  expect(video.videoWidth).toBeGreaterThan(0);
  expect(video.paused).toBe(false);
  // StrictMode mounted everything twice: still one publisher and one viewer on the server (polled,
  // as a self-healing player may be between two sessions for a moment).
  await expect.poll(() => sessionsFor(input.uid), { timeout: DEADLINE_MS, interval: POLL_MS }).toEqual({ whip: 1, whep: 1 });

  await button.click();
  await expect.element(button, { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'ended');
  await expect.poll(async () => (await sessionsFor(input.uid)).whip, { timeout: DEADLINE_MS, interval: POLL_MS }).toBe(0);

  await screen.unmount();
  await expect.poll(() => sessionsFor(input.uid), { timeout: DEADLINE_MS, interval: POLL_MS }).toEqual({ whip: 0, whep: 0 });
});
