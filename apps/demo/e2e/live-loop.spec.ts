import { expect, test } from '@playwright/test';
import { expectPlaying, MEDIA_DEADLINE_MS, onairServerUrl, playerOf, serverSessions, trackPeerConnections } from './support/media';
import { createLiveInput, goLive } from './support/studio';

test('create → go live → watch: an early viewer starts by itself, the lists follow live and viewers, End stream lets go', async ({
  context,
  request,
  baseURL,
}) => {
  expect(onairServerUrl, 'playwright.config.ts sets E2E_ONAIR_SERVER_URL').toBeTruthy();
  await trackPeerConnections(context);
  const { studio, uid } = await createLiveInput(context, 'e2e live loop');

  // The studio hands out the full watch URL (to copy, or to scan from the QR code beside it).
  const watchUrl = await studio.getByTestId('watch-url').inputValue();
  expect(watchUrl).toBe(new URL(`/watch/${uid}`, baseURL).href);
  await expect(studio.getByRole('img', { name: 'QR code of the watch link' })).toBeVisible();
  expect(await studio.getByTestId('whip-url').inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]+\/webRTC\/publish$/);

  // A viewer and the home page are open before the creator goes live; neither is reloaded after.
  const viewer = await context.newPage();
  await viewer.goto(watchUrl);
  await expect(playerOf(viewer)).toHaveAttribute('data-state', 'waiting');
  const home = await context.newPage();
  await home.goto('/');
  const row = home.locator(`[data-testid="live-input-row"][data-uid="${uid}"]`);
  await expect(row.getByTestId('live-status')).toHaveAttribute('data-state', 'idle');

  await goLive(studio);
  await expect.poll(async () => (await serverSessions(request, uid)).whip, { message: 'the server holds the WHIP session while live' }).toBe(1);
  const received = await expectPlaying(viewer);
  test.info().annotations.push({
    type: 'media',
    description: `watch page: ${received.videoFramesDecoded} video frames decoded, ${received.audioPacketsReceived} audio packets received`,
  });

  await expect(row.getByTestId('live-status'), 'home shows the input live without a reload').toHaveAttribute('data-state', 'live');
  await expect(row.getByTestId('viewer-count')).toHaveText('1 watching');
  await expect(studio.getByTestId('viewer-count')).toHaveText('1 watching');

  // End stream: the server lets go of the publisher, and the lists say so.
  const button = studio.getByTestId('go-live');
  await button.click();
  await expect(button).toHaveText('Go live again');
  await expect.poll(async () => (await serverSessions(request, uid)).whip, { message: 'no WHIP session left after End stream' }).toBe(0);
  await expect
    .poll(async () => ((await (await request.get(`${onairServerUrl}/${uid}/lifecycle`)).json()) as { live: boolean }).live, {
      message: 'lifecycle reports live: false after End stream',
    })
    .toBe(false);
  await expect(row.getByTestId('live-status')).toHaveAttribute('data-state', 'idle', { timeout: MEDIA_DEADLINE_MS });
});
