import { afterEach, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { createLiveInput, DEADLINE_MS, POLL_MS } from '../test/browserSupport';
import { GoLiveButton } from './GoLiveButton';
import { LivePlayer } from './LivePlayer';

// Needs the core branch: WhepSession follows the server's WHEP events (streamEnded/viewerCount).
// The creator presses End stream; the viewer shows "The stream has ended" within 1 s, never
// "reconnecting" in between, and plays again by itself when the creator comes back.
const END_SEEN_MS = 1_000;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

test("the creator's End stream is seen by the viewer within 1 s (ended, not reconnecting), and play resumes when they return", async () => {
  const input = await createLiveInput();
  cleanups.push(input.remove);
  const screen = await render(
    <>
      <GoLiveButton url={input.whipUrl} />
      <LivePlayer url={input.whepUrl} data-testid="player" />
    </>,
  );
  cleanups.push(() => screen.unmount());
  const player = screen.getByTestId('player');
  const root = player.element() as HTMLElement;
  await screen.getByRole('button', { name: 'Go live' }).click();
  await expect.element(player, { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'playing');
  // The server counts this viewer.
  await expect.element(screen.getByText('1 watching'), { timeout: DEADLINE_MS }).toBeVisible();

  const states: string[] = [];
  const observer = new MutationObserver(() => states.push(root.dataset.state ?? ''));
  observer.observe(root, { attributes: true, attributeFilter: ['data-state'] });
  const ended = performance.now();
  await screen.getByRole('button', { name: 'End stream' }).click();
  await expect
    .poll(() => root.querySelector('[data-onair="live-player-overlay"]')?.getAttribute('data-state'), { timeout: END_SEEN_MS, interval: 20 })
    .toBe('ended');
  expect(performance.now() - ended).toBeLessThan(END_SEEN_MS);
  expect(states).not.toContain('reconnecting');
  await expect.element(screen.getByRole('status')).toHaveTextContent('The stream has ended');

  await screen.getByRole('button', { name: 'Go live again' }).click();
  await expect.poll(() => root.dataset.state, { timeout: DEADLINE_MS, interval: POLL_MS }).toBe('playing');
  observer.disconnect();
  expect(states).not.toContain('reconnecting');
});
