import { chromium, expect, test, type Page } from '@playwright/test';
import { launchOptions } from '../../../scripts/chromium';
import { checkPage } from './support/layout';
import { expectPlaying, MEDIA_DEADLINE_MS, playerOf, trackPeerConnections } from './support/media';
import { createLiveInput, goLive, previewOf } from './support/studio';

const UNKNOWN_UID = '0123456789abcdef0123456789abcdef';
const LONG_NAME = 'A very long stream name that keeps going, the way people name things on a phone at midnight';

test.use({ viewport: { width: 1280, height: 800 } });

test('an unknown or malformed input id gets a clear 404 page, on the watch page and in the studio', async ({ page }) => {
  for (const [path, heading, name] of [
    [`/watch/${UNKNOWN_UID}`, 'This stream does not exist', 'watch-unknown'],
    ['/watch/not-an-input', 'This stream does not exist', null],
    [`/inputs/${UNKNOWN_UID}`, 'No such live input', 'studio-unknown'],
    ['/inputs/not-an-input', 'No such live input', null],
    ['/no-such-page', 'Page not found', 'page-not-found'],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    if (name) await checkPage(page, name);
  }
});

test('a first visit to a studio asks for nothing until Allow is pressed; blocked access says so and recovers once allowed', async ({ request, baseURL }) => {
  const created = await request.post('/api/live-inputs', { data: { name: 'e2e first visit' } });
  expect(created.status()).toBe(201);
  const { uid } = (await created.json()) as { uid: string };
  // A browser whose permission prompts are real (no auto-accepting fake UI), and a profile never asked:
  // headless Chromium denies what the test has not granted.
  const browser = await chromium.launch({ ...launchOptions, args: launchOptions.args.filter((arg) => arg !== '--use-fake-ui-for-media-stream') });
  try {
    const context = await browser.newContext({ baseURL });
    // Playwright Test hands new contexts the config's permissions: back to the browser's own prompt.
    await context.clearPermissions();
    const studio = await context.newPage();
    await studio.goto(`/inputs/${uid}`);
    const allow = studio.getByRole('button', { name: 'Allow camera and microphone' });
    await expect(allow, 'one Allow button for both devices').toHaveCount(1);
    await expect(previewOf(studio)).toHaveAttribute('data-state', 'off');
    await checkPage(studio, 'studio-no-access');

    await allow.click();
    // (Next's route announcer is an alert too, outside main.)
    const alerts = studio.getByRole('main').getByRole('alert');
    await expect(alerts, 'one message for both devices').toHaveText(['Camera and microphone are blocked in the site settings: allow them, then retry']);
    // Retry sits beside the alert, not inside it (the alert's text stays the message).
    await expect(studio.getByRole('main').getByRole('button', { name: 'Retry' })).toHaveCount(1);
    await expect(studio.getByTestId('go-live'), 'nothing to go live with').toHaveAttribute('aria-disabled', 'true');
    await checkPage(studio, 'studio-blocked');

    // The person allows both in the site settings: the studio follows without a reload.
    await context.grantPermissions(['camera', 'microphone']);
    await expect(previewOf(studio)).toHaveAttribute('data-state', 'on', { timeout: MEDIA_DEADLINE_MS });
    await expect(studio.getByRole('combobox', { name: 'Microphone' })).toBeVisible();
    await expect(alerts).toHaveCount(0);
    await expect(studio.getByTestId('go-live')).not.toHaveAttribute('aria-disabled');
  } finally {
    await browser.close();
  }
});

test('every page in each state fits a phone and a laptop, cuts long names, passes axe, and is kept as a screenshot', async ({ context, request }) => {
  await trackPeerConnections(context);
  // A known starting point: this suite runs alone (one worker).
  for (const { uid } of (await (await request.get('/api/live-inputs')).json()) as { uid: string }[]) {
    expect((await request.delete(`/api/live-inputs/${uid}`)).status()).toBe(204);
  }
  const home = await context.newPage();
  await home.goto('/');
  await expect(home.getByText('None yet')).toBeVisible();
  await checkPage(home, 'home-empty');

  const { studio, uid } = await createLiveInput(context, LONG_NAME);
  await expect(previewOf(studio)).toHaveAttribute('data-state', 'on', { timeout: MEDIA_DEADLINE_MS });
  await expectMicrophoneLevel(studio);
  await expectClamped(studio);
  await checkPage(studio, 'studio-preview');

  const viewer = await context.newPage();
  await viewer.goto(`/watch/${uid}`);
  await expect(playerOf(viewer)).toHaveAttribute('data-state', 'waiting');
  await expect(viewer.locator('[data-onair="live-player-overlay"]')).toHaveText('Waiting for the stream to start');
  // Said once on screen (the player's live region repeats it for screen readers only).
  await expect(viewer.locator('p:not([data-onair="live-player-announcer"])', { hasText: /waiting/i })).toHaveCount(1);
  await expectClamped(viewer);
  await checkPage(viewer, 'watch-waiting');

  await goLive(studio);
  await expectPlaying(viewer);
  await checkPage(viewer, 'watch-playing');

  await viewer.getByRole('button', { name: 'Show stats' }).click();
  await expect(viewer.locator('[data-onair="live-player-stats"]')).toContainText('Resolution');
  await checkPage(viewer, 'watch-stats');
  await viewer.getByRole('button', { name: 'Hide stats' }).click();
  await expect(viewer.locator('[data-onair="live-player-stats"]')).toHaveCount(0);

  await viewer.getByRole('button', { name: 'Unmute' }).click();
  await expect(viewer.getByRole('button', { name: 'Mute', exact: true })).toHaveAttribute('data-state', 'unmuted');
  expect(await viewer.locator('video').evaluate((video: HTMLVideoElement) => video.muted)).toBe(false);
  await checkPage(viewer, 'watch-unmuted');

  await expect(studio.getByTestId('viewer-count')).toHaveText('1 watching');
  const stats = studio.getByTestId('studio-stats');
  for (const label of ['Bitrate', 'Frame rate', 'Resolution', 'Round trip', 'Packet loss']) {
    await expect(stats.locator('.stat').filter({ hasText: label }).locator('dd'), `${label} has a reading`).not.toHaveText('–');
  }
  await checkPage(studio, 'studio-live');

  await studio.getByRole('button', { name: 'Turn camera off' }).click();
  await studio.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(previewOf(studio)).toHaveAttribute('data-state', 'camera-off');
  await expect(previewOf(studio)).toHaveAttribute('data-microphone', 'muted');
  await checkPage(studio, 'studio-muted');
  await studio.getByRole('button', { name: 'Turn camera on' }).click();
  await studio.getByRole('button', { name: 'Unmute microphone' }).click();
  await expect(previewOf(studio)).toHaveAttribute('data-state', 'on');

  const row = home.locator(`[data-testid="live-input-row"][data-uid="${uid}"]`);
  await expect(row.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
  const name = row.getByRole('link', { name: LONG_NAME, exact: true });
  await expect(name).toHaveAttribute('title', LONG_NAME);
  expect(await name.evaluate((link) => link.scrollWidth > link.clientWidth), 'the long name is cut to one line').toBe(true);
  await checkPage(home, 'home-live');

  await row.getByRole('button', { name: /^Delete/ }).click();
  await expect(home.getByRole('dialog')).toBeVisible();
  await checkPage(home, 'home-delete-dialog');
  await home.keyboard.press('Escape');

  await studio.getByTestId('go-live').click();
  await expect(studio.getByTestId('go-live')).toHaveText('Go live again');
  // An ended broadcast shows no stale readings, and the header follows at once, not at its next refresh (3 s).
  expect(await studio.getByTestId('studio-stats').count(), 'stats of an ended broadcast').toBe(0);
  await expect(studio.getByTestId('live-status')).toHaveAttribute('data-state', 'idle', { timeout: 2_500 });
  await checkPage(studio, 'studio-ended');

  // One URL per input: a reload keeps the studio.
  const whipUrl = await studio.getByTestId('whip-url').inputValue();
  await studio.reload();
  await expect(studio.getByRole('heading', { level: 1 })).toHaveText(LONG_NAME);
  expect(await studio.getByTestId('whip-url').inputValue()).toBe(whipUrl);

  expect((await request.delete(`/api/live-inputs/${uid}`)).status()).toBe(204);
  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('This stream was deleted');
  await checkPage(viewer, 'watch-deleted');
  await expect(studio.getByRole('heading', { level: 1 })).toHaveText('This live input was deleted');
  await checkPage(studio, 'studio-deleted');
});

test('Copy puts the watch link on the clipboard and says so', async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { studio } = await createLiveInput(context, 'e2e copy');
  const watchUrl = await studio.getByTestId('watch-url').inputValue();
  await studio.getByRole('button', { name: 'Copy Watch link' }).click();
  await expect(studio.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  expect(await studio.evaluate(() => navigator.clipboard.readText())).toBe(watchUrl);
});

/** The microphone meter moves: the level of what is previewed (and would be sent) is shown. */
async function expectMicrophoneLevel(studio: Page): Promise<void> {
  const meter = studio.getByRole('meter', { name: 'Microphone level' });
  await expect
    .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { message: 'the microphone meter shows a level', timeout: MEDIA_DEADLINE_MS })
    .toBeGreaterThan(0);
}

/** The title shows the name in at most two lines, the whole name in its title attribute. */
async function expectClamped(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveAttribute('title', LONG_NAME);
  const { height, lineHeight } = await title.evaluate((element) => ({
    height: element.getBoundingClientRect().height,
    lineHeight: parseFloat(getComputedStyle(element).lineHeight),
  }));
  expect(height, 'the title takes at most two lines at a phone’s width').toBeLessThanOrEqual(2 * lineHeight + 1);
  await page.setViewportSize({ width: 1280, height: 800 });
}
