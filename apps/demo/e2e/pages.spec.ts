import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { expectNoHorizontalOverflow, keepScreenshot } from './support/layout';
import { expectPlaying, trackPeerConnections } from './support/media';
import { createLiveInput, goLive } from './support/studio';

const UNKNOWN_UID = '0123456789abcdef0123456789abcdef';
const LONG_NAME = 'A very long stream name that keeps going, the way people name things on a phone at midnight';

test('an unknown or malformed input id gets a clear 404 page, on the watch page and in the studio', async ({ page }) => {
  for (const [path, heading] of [
    [`/watch/${UNKNOWN_UID}`, 'This stream does not exist'],
    ['/watch/not-an-input', 'This stream does not exist'],
    [`/inputs/${UNKNOWN_UID}`, 'No such live input'],
    ['/inputs/not-an-input', 'No such live input'],
    ['/no-such-page', 'Page not found'],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoAxeViolations(page, path);
  }
});

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test('every page in each state fits, cuts long names, passes axe, and is kept as a screenshot', async ({ context, request }) => {
      await trackPeerConnections(context);
      // A known starting point: this suite runs alone (one worker), after the others.
      for (const { uid } of (await (await request.get('/api/live-inputs')).json()) as { uid: string }[]) {
        expect((await request.delete(`/api/live-inputs/${uid}`)).status()).toBe(204);
      }
      const home = await context.newPage();
      await home.goto('/');
      await expect(home.getByText('None yet')).toBeVisible();
      await checkPage(home, 'home-empty');

      const { studio, uid } = await createLiveInput(context, LONG_NAME);
      await expect(studio.getByTestId('go-live')).toBeEnabled();
      await expectClamped(studio);
      await checkPage(studio, 'studio-preview');

      const viewer = await context.newPage();
      await viewer.goto(`/watch/${uid}`);
      await expect(viewer.getByTestId('watch-badge')).toHaveAttribute('data-state', 'waiting');
      await expectClamped(viewer);
      await checkPage(viewer, 'watch-waiting');

      await goLive(studio);
      await expectPlaying(viewer);
      await checkPage(viewer, 'watch-playing');
      await expect(studio.getByTestId('viewer-count')).toHaveText('1 watching');
      await checkPage(studio, 'studio-live');

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

      // One URL per input: a reload keeps the studio (and ends the broadcast, as leaving the page does).
      const whipUrl = await studio.getByTestId('whip-url').inputValue();
      await studio.reload();
      await expect(studio.getByRole('heading', { level: 1 })).toHaveText(LONG_NAME);
      expect(await studio.getByTestId('whip-url').inputValue()).toBe(whipUrl);
    });
  });
}

test('Copy puts the watch link on the clipboard and says so', async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { studio } = await createLiveInput(context, 'e2e copy');
  const watchUrl = await studio.getByTestId('watch-url').inputValue();
  await studio.getByRole('button', { name: 'Copy Watch link' }).click();
  await expect(studio.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  expect(await studio.evaluate(() => navigator.clipboard.readText())).toBe(watchUrl);
});

/** Fits the viewport, passes axe, and is kept as a screenshot. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoHorizontalOverflow(page, name);
  await expectNoAxeViolations(page, name);
  await keepScreenshot(page, name);
}

/** The title shows the name in at most two lines, the whole name in its title attribute. */
async function expectClamped(page: Page): Promise<void> {
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveAttribute('title', LONG_NAME);
  const { height, lineHeight } = await title.evaluate((element) => ({
    height: element.getBoundingClientRect().height,
    lineHeight: parseFloat(getComputedStyle(element).lineHeight),
  }));
  expect(height, 'the title takes at most two lines').toBeLessThanOrEqual(2 * lineHeight + 1);
}
