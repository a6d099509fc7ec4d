import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './support/layout';
import { expectPlaying, expectStillReceiving, MEDIA_DEADLINE_MS, playerOf, trackPeerConnections } from './support/media';
import { createLiveInput, goLive, previewOf } from './support/studio';

// Issue 9: a viewer sees that the stream has ended within 1 s of the creator stopping.
const END_SEEN_MS = 1_000;

declare global {
  interface Window {
    /** What the watch page's player showed, `<root status>/<overlay state or -> "<overlay text>"`, with the wall-clock time. */
    __e2ePlayerStates?: { state: string; at: number; initial?: boolean }[];
  }
}

/** From now on, the viewer page notes every state its player shows (a MutationObserver: nothing is missed between polls). */
async function recordPlayerStates(viewer: Page): Promise<void> {
  await playerOf(viewer).evaluate((root: HTMLElement) => {
    const seen: { state: string; at: number; initial?: boolean }[] = [];
    window.__e2ePlayerStates = seen;
    const note = (initial?: boolean) => {
      const overlay = root.querySelector<HTMLElement>('[data-onair="live-player-overlay"]');
      const state = `${root.dataset.state}/${overlay?.dataset.state ?? '-'}${overlay ? ` "${overlay.textContent}"` : ''}`;
      if (seen.at(-1)?.state !== state) seen.push({ state, at: Date.now(), initial });
    };
    note(true);
    new MutationObserver(() => note()).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

const playerStates = (viewer: Page) => viewer.evaluate(() => window.__e2ePlayerStates ?? []);

/**
 * The states the player changed to since `since`, each with its time after it. The state it showed
 * when recording began is not a change, even when noted in the same millisecond as `since`.
 */
const trailSince = async (viewer: Page, since: number) =>
  (await playerStates(viewer)).filter(({ at, initial }) => at >= since && !initial).map(({ state, at }) => `${state} @${at - since} ms`);

/** Still "The stream has ended", and nothing else since it was first shown: not the last frames in flight, not reconnecting. */
async function expectStillEnded(viewer: Page, stoppedAt: number, how: string): Promise<void> {
  const states = await trailSince(viewer, stoppedAt);
  expect(states, `nothing after "The stream has ended" until the creator is back (${how})`).toHaveLength(1);
}

/**
 * The viewer shows "The stream has ended" within 1 s of `stoppedAt`, and nothing in between (no
 * "reconnecting"). A failure shows every state the player went through, with its time after the stop.
 */
async function expectEndedSeen(viewer: Page, stoppedAt: number, how: string): Promise<number> {
  const trail = () => trailSince(viewer, stoppedAt);
  await expect.poll(async () => (await trail()).join(' → '), { message: `the viewer says the stream ended (${how})`, timeout: MEDIA_DEADLINE_MS }).toMatch(/\/ended/);
  const [first, ...rest] = await trail();
  expect(first, `the first change after the stop (${how}); then: ${rest.join(' → ')}`).toMatch(/^waiting\/ended "The stream has ended" @\d+ ms$/);
  const ms = Number(/@(\d+) ms$/.exec(first!)![1]);
  expect(ms, `ended seen within ${END_SEEN_MS} ms (${how})`).toBeLessThan(END_SEEN_MS);
  return ms;
}

test('the creator leaving and coming back while a viewer waits: ended shown within 1 s, playing again by itself', async ({ context }) => {
  await trackPeerConnections(context);
  const { studio, uid } = await createLiveInput(context, 'e2e creator returns');
  await goLive(studio);
  const viewer = await context.newPage();
  await viewer.goto(`/watch/${uid}`);
  await expectPlaying(viewer);
  // The player's own count, from the server's events.
  await expect(viewer.locator('[data-onair="live-player-viewer-count"]')).toHaveText('1 watching');
  await recordPlayerStates(viewer);

  // End stream.
  const button = studio.getByTestId('go-live');
  let stoppedAt = Date.now();
  await button.click();
  const afterEndStream = await expectEndedSeen(viewer, stoppedAt, 'End stream');
  await expect(button).toHaveText('Go live again');
  await checkPage(viewer, 'watch-ended');
  await expectStillEnded(viewer, stoppedAt, 'End stream');

  // Back on air from the same studio: the viewer, never reloaded, plays again by itself.
  await button.click();
  await expectPlaying(viewer);
  await expectStillReceiving(viewer, 'after Go live again');

  // The creator closes the studio's tab (the publisher's pagehide ends its WHIP session)…
  await recordPlayerStates(viewer);
  stoppedAt = Date.now();
  await studio.close();
  const afterClosing = await expectEndedSeen(viewer, stoppedAt, 'the studio closed');

  // …and comes back later through the studio's URL.
  const returned = await context.newPage();
  await returned.goto(`/inputs/${uid}`);
  await expect(previewOf(returned)).toHaveAttribute('data-state', 'on', { timeout: MEDIA_DEADLINE_MS });
  await expectStillEnded(viewer, stoppedAt, 'the studio closed');
  await goLive(returned);
  await expectPlaying(viewer);
  await expectStillReceiving(viewer, 'after the creator came back');
  expect((await playerStates(viewer)).map(({ state }) => state).join(' → '), 'never "reconnecting"').not.toContain('reconnecting');

  test.info().annotations.push({
    type: 'media',
    description: `ended seen by the viewer ${afterEndStream} ms after End stream, ${afterClosing} ms after the studio closed`,
  });
});
