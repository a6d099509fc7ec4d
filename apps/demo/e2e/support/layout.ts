import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

// The repository's test-results/ (kept by CI), not Playwright's output folder, which each run empties.
const SCREENSHOTS = fileURLToPath(new URL('../../../../test-results/demo-screenshots/', import.meta.url));

/** A phone and a laptop: every page state is checked and kept at both. */
export const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

/** Nothing wider than the viewport: no sideways scrolling on a phone. */
export async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${where}: page width ${scrollWidth}px at a ${innerWidth}px viewport`).toBeLessThanOrEqual(innerWidth);
}

// What a player draws over the picture (the overlay covers it all: its contents count): none may cover another.
const PLAYER_LAYERS = ['[data-onair="live-player-viewer-count"]', '[data-onair="live-player-stats"]', '[data-onair="live-player-overlay"] > *', '[data-onair="live-player-controls"] button'];

/** The player's badges, stats, overlay and buttons do not overlap one another. */
export async function expectNoOverlappingPlayerLayers(page: Page, where: string): Promise<void> {
  const overlaps = await page.evaluate((selectors) => {
    const boxes = selectors.flatMap((selector) =>
      [...document.querySelectorAll(selector)].map((element) => ({ name: `${selector} "${element.textContent?.trim().slice(0, 20)}"`, box: element.getBoundingClientRect() })).filter(({ box }) => box.width && box.height),
    );
    return boxes.flatMap((a, i) =>
      boxes.slice(i + 1).filter((b) => a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom).map((b) => `${a.name} × ${b.name}`),
    );
  }, PLAYER_LAYERS);
  expect(overlaps, `${where}: player layers overlap`).toEqual([]);
}

/** Keeps a full-page screenshot as a CI artifact, named for the page, its state and the viewport width. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: `${SCREENSHOTS}${name}-${width}.png`, fullPage: true });
}

/**
 * The page as it is now, at a phone's and a laptop's width in turn: it fits, passes axe-core, and is
 * kept as a screenshot (`<name>-390.png`, `<name>-1280.png`). The page keeps the laptop's size after.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    // Layout and any resize observers settle before anything is measured.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expectNoHorizontalOverflow(page, `${name} at ${viewport.width} px`);
    await expectNoOverlappingPlayerLayers(page, `${name} at ${viewport.width} px`);
    await expectNoAxeViolations(page, `${name} at ${viewport.width} px`);
    await keepScreenshot(page, name);
  }
}
