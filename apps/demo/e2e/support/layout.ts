import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

// The repository's test-results/ (kept by CI), not Playwright's output folder, which each run empties.
const SCREENSHOTS = fileURLToPath(new URL('../../../../test-results/demo-screenshots/', import.meta.url));

/** Nothing wider than the viewport: no sideways scrolling on a phone. */
export async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${where}: page width ${scrollWidth}px at a ${innerWidth}px viewport`).toBeLessThanOrEqual(innerWidth);
}

/** Keeps a full-page screenshot as a CI artifact, named for the page, its state and the viewport width. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: `${SCREENSHOTS}${name}-${width}.png`, fullPage: true });
}
