import { expect, type BrowserContext, type Page } from '@playwright/test';
import { MEDIA_DEADLINE_MS } from './media';

const STUDIO_PATH = /\/inputs\/([0-9a-f]{32})$/;

/** Creates a live input through the home page's form; resolves on its studio page with the input's uid. */
export async function createLiveInput(context: BrowserContext, name: string): Promise<{ studio: Page; uid: string }> {
  const studio = await context.newPage();
  await studio.goto('/');
  await studio.getByLabel('Stream name', { exact: true }).fill(name);
  await studio.getByRole('button', { name: 'Create live input' }).click();
  await studio.waitForURL(STUDIO_PATH);
  const uid = new URL(studio.url()).pathname.match(STUDIO_PATH)![1]!;
  await expect(studio.getByRole('heading', { level: 1 })).toHaveText(name);
  return { studio, uid };
}

/** Presses Go live once the camera preview runs; resolves when the studio says it is live. */
export async function goLive(studio: Page): Promise<void> {
  const button = studio.getByTestId('go-live');
  await expect(button).toBeEnabled();
  await button.click();
  await expect(button).toHaveAttribute('data-state', 'live', { timeout: MEDIA_DEADLINE_MS });
}

/** The studio's mirrored camera preview (the kit's LocalPreview: `data-state` off | on | camera-off). */
export const previewOf = (studio: Page) => studio.locator('[data-onair="local-preview"]');
