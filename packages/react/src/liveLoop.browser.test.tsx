import { StrictMode } from 'react';
import { afterEach, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { createLiveInput, DEADLINE_MS, openSessions, POLL_MS, serverUrl } from '../test/browserSupport';
import { GoLiveButton } from './GoLiveButton';
import { LivePlayer } from './LivePlayer';

// The components against the real @onair/server in Chromium with the fake camera: go live with the
// button, watch with the player, prove frames decode, and count every request that reached the
// server (through a recording proxy) so StrictMode's double mount is seen to make one session each.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

test('GoLiveButton publishes, LivePlayer decodes it: one POST each that made a session under StrictMode, and nothing left after', async () => {
  const proxy = await commands.startCountingProxy(serverUrl);
  cleanups.push(() => commands.stopCountingProxy(proxy));
  const input = await createLiveInput(proxy);
  cleanups.push(input.remove);
  const screen = await render(
    <StrictMode>
      <GoLiveButton url={input.whipUrl} />
      <LivePlayer url={input.whepUrl} data-testid="player" />
    </StrictMode>,
  );
  const button = screen.getByRole('button', { name: 'Go live' });
  const player = screen.getByTestId('player');
  const video = player.element().querySelector('video')!;

  // Nobody is live yet: the player waits (WHEP 409) instead of failing.
  await expect.element(player, { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'waiting');

  await button.click();
  await expect.element(screen.getByRole('button', { name: 'End stream' }), { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'live');
  await expect.element(player, { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'playing');
  await expect.poll(() => video.getVideoPlaybackQuality().totalVideoFrames, { timeout: DEADLINE_MS, interval: POLL_MS }).toBeGreaterThan(0);
  expect(video.videoWidth).toBeGreaterThan(0);
  expect(video.paused).toBe(false);
  // The fake camera has a microphone too: the viewer is offered sound.
  await expect.element(screen.getByRole('button', { name: 'Unmute' }), { timeout: DEADLINE_MS }).toBeVisible();

  await screen.getByRole('button', { name: 'End stream' }).click();
  await expect.element(screen.getByRole('button', { name: 'Go live again' }), { timeout: DEADLINE_MS }).toBeVisible();
  await screen.unmount();
  await expect.poll(() => openSessions(input.uid), { timeout: DEADLINE_MS, interval: POLL_MS }).toEqual({ whip: 0, whep: 0 });

  // Over the whole test: StrictMode mounted everything twice, yet the server saw one WHIP POST and
  // one WHEP POST that made a session (the others are the player's 409 polls while waiting), never
  // two at once, and one DELETE for each session.
  const posts = (await commands.forwardedRequests(proxy)).filter((r) => r.method === 'POST');
  const whip = posts.filter((r) => r.path === new URL(input.whipUrl).pathname);
  const whep = posts.filter((r) => r.path === new URL(input.whepUrl).pathname);
  expect(whip.map((r) => r.status)).toEqual([201]);
  expect(whep.filter((r) => r.status === 201)).toHaveLength(1);
  expect(whep.every((r) => r.status === 201 || r.status === 409)).toBe(true);
  expect(Math.max(...whep.map((r) => r.inFlight))).toBe(0);
  const deletes = (await commands.forwardedRequests(proxy)).filter((r) => r.method === 'DELETE');
  expect(deletes).toHaveLength(2);
});
