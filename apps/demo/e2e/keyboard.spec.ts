import { expect, test, type Locator, type Page } from '@playwright/test';
import { MEDIA_DEADLINE_MS } from './support/media';

// More stops than any page here has before what we look for: a missing stop fails instead of looping.
const MAX_TAB_STOPS = 25;

/** Presses Tab until `target` has the focus (if it has not already), which must then be visible (an outline). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let stop = 0; stop <= MAX_TAB_STOPS; stop++) {
    if (stop > 0) await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) {
      const outline = await target.evaluate((element) => getComputedStyle(element).outlineStyle);
      expect(outline, 'the focused control shows a focus outline').not.toBe('none');
      return;
    }
  }
  throw new Error(`${target} was not reached with Tab`);
}

test('keyboard only: skip to the content, create an input, go live and end it with the focus kept on the button, open and cancel a delete', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');

  const name = page.getByRole('textbox', { name: 'Stream name' });
  await tabTo(page, name);
  await page.keyboard.type('e2e keyboard');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/inputs\/[0-9a-f]{32}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('e2e keyboard');

  const goLive = page.getByTestId('go-live');
  await expect(goLive).toBeEnabled();
  await tabTo(page, goLive);
  await page.keyboard.press('Enter');
  // The button keeps the focus through connecting (never disabled: a click there cancels) and once live,
  // so the same key ends the stream.
  await expect(goLive).toHaveAttribute('data-state', /^(connecting|live)$/);
  await expect(goLive).toBeFocused();
  await expect(goLive).toHaveAttribute('data-state', 'live', { timeout: MEDIA_DEADLINE_MS });
  await expect(goLive).toBeFocused();
  await page.keyboard.press('Space');
  await expect(goLive).toHaveAttribute('data-state', 'ended');
  await expect(goLive).toBeFocused();

  await tabTo(page, page.getByRole('button', { name: 'Copy Watch link' }));
  await tabTo(page, page.getByRole('button', { name: 'Delete e2e keyboard' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Delete e2e keyboard' }), 'focus returns to the button that opened the dialog').toBeFocused();
});
