import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

declare global {
  interface Window {
    axe?: { run(context: Document): Promise<{ violations: AxeViolation[] }> };
  }
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: unknown }>;
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core on the page as it is now; any violation, of any impact, fails with what and where. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axeSource });
  const { violations } = await page.evaluate(() => window.axe!.run(document));
  const found = violations.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(found, `axe-core violations on ${where}`).toEqual([]);
}
