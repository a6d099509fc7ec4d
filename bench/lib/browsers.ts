// The benches' browsers behind one small interface: Debian's Chromium (Playwright) and Firefox ESR
// (puppeteer-core over WebDriver BiDi, scripts/firefox.ts). Same pages, same timing code in both.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';
import { chromiumPath, launchOptions } from '../../scripts/chromium.ts';
import { firefoxPath, launchFirefox } from '../../scripts/firefox.ts';

export type BrowserName = 'chromium' | 'firefox';

export interface BenchPage {
  /**
   * Runs `fn(arg)` in the page. Only plain values cross over (both drivers type the argument as it
   * arrives in the page, handles unwrapped; ours never are handles).
   */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

export interface BenchBrowser {
  readonly name: BrowserName;
  /** e.g. "chromium 156.0.8078.129", "firefox 153.8.0esr". */
  readonly version: string;
  /** A fresh page at `url`, once its script has set `window[global]`. */
  open(url: string, global: string): Promise<BenchPage>;
  close(): Promise<void>;
}

const debug = process.env.BENCH_DEBUG === '1';

/** Why `name` cannot be benchmarked here, or null. */
export function browserMissing(name: BrowserName): string | null {
  const path = name === 'chromium' ? chromiumPath : firefoxPath;
  return existsSync(path) ? null : `${path} is not installed (apt-get install ${name === 'chromium' ? 'chromium' : 'firefox-esr'})`;
}

// No named inner functions: tsx would wrap them in a __name() helper the page does not have.
async function ready(page: BenchPage, global: string): Promise<void> {
  await page.evaluate(async (name) => {
    const started = performance.now();
    while (!(name in window)) {
      if (performance.now() - started > 20_000) throw new Error(`the page never set window.${name}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }, global);
}

/**
 * Chromium: one process, a fresh context per page. Firefox: one process; open one page at a time
 * in it (a background tab is throttled) and give each role that must run at the same time its own
 * browser.
 */
export async function launchBrowser(name: BrowserName): Promise<BenchBrowser> {
  if (name === 'chromium') {
    const browser = await chromium.launch({ ...launchOptions, headless: true });
    return {
      name,
      version: `chromium ${browser.version()}`,
      async open(url, global) {
        const context = await browser.newContext();
        const page = await context.newPage();
        if (debug) page.on('console', (m) => console.log(`    [chromium ${m.type()}] ${m.text()}`));
        const wrapped: BenchPage = { evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => never, arg), close: () => context.close() };
        await page.goto(url);
        await ready(wrapped, global);
        return wrapped;
      },
      close: () => browser.close(),
    };
  }
  const browser = await launchFirefox();
  const version = await browser.version();
  return {
    name,
    version: version.toLowerCase().replace('/', ' '),
    async open(url, global) {
      const page = await browser.newPage();
      if (debug) page.on('console', (m) => console.log(`    [firefox ${m.type()}] ${m.text()}`));
      const wrapped: BenchPage = {
        evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => never, arg),
        close: () => page.close(),
      };
      await page.goto(url);
      await ready(wrapped, global);
      return wrapped;
    },
    close: () => browser.close(),
  };
}
