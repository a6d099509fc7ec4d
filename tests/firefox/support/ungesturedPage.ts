import type { Browser, Page } from 'puppeteer-core';
import { waitUntil } from '../../interop/support/waitUntil';

// Firefox decides autoplay with sound on user activation, and the usual driver calls hand it out
// for free: puppeteer's evaluate() sends WebDriver BiDi's script.callFunction with
// `userActivation: true`, and Firefox's browsingContext.navigate loads every page with a faked user
// gesture. A test of what a user sees before clicking must do neither.

/** The part of puppeteer's (internal) BiDi connection used here: one raw command. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

type RemoteResult = { type: 'success'; result: { value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };

/** A Firefox page that gets user activation from real clicks only. */
export interface UngesturedPage {
  readonly page: Page;
  /** Loads `url` as a script-initiated navigation (no faked gesture) and waits until it has loaded. */
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page without user activation; values cross as JSON. */
  run<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** A user's click: the pointer pressed and released over the element's centre (trusted input). */
  click(selector: string): Promise<void>;
}

/** The one page of a Firefox process (`launchFirefox()`), driven without the driver's gestures. */
export async function ungesturedPage(browser: Browser): Promise<UngesturedPage> {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  // puppeteer's BiDi Browser has it (typed internal); the package version is pinned.
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const { result: tree } = await connection.send('browsingContext.getTree', { maxDepth: 0 });
  const context = (tree.contexts as { context: string }[])[0]!.context;

  const run: UngesturedPage['run'] = async (fn, arg) => {
    const { result } = await connection.send('script.callFunction', {
      functionDeclaration: `async (json) => JSON.stringify(await (${fn.toString()})(JSON.parse(json)) ?? null)`,
      arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
      userActivation: false,
    });
    const outcome = result as RemoteResult;
    if (outcome.type === 'exception') throw new Error(`in the page: ${outcome.exceptionDetails.text}`);
    return JSON.parse(outcome.result.value as string);
  };

  return {
    page,
    run,
    async goto(url) {
      await run((href) => void (location.href = href), url);
      // The old document answers until the new one replaces it (and calls fail in between).
      await waitUntil(`${url} to load`, () => run((href) => (location.href === href && document.readyState === 'complete') || null, url), {
        timeoutMs: 20_000,
      });
    },
    async click(selector) {
      const point = await run((s) => {
        const element = document.querySelector(s);
        if (!element) return null;
        element.scrollIntoView({ block: 'center' });
        const { x, y, width, height } = element.getBoundingClientRect();
        return { x: x + width / 2, y: y + height / 2 };
      }, selector);
      if (!point) throw new Error(`nothing to click: no ${selector}`);
      await page.mouse.click(point.x, point.y);
    },
  };
}
