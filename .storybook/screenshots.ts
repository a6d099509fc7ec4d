// `pnpm storybook:screenshots [static-dir | storybook-url]`: every story, after its play function,
// in headless Chromium at a phone's and a laptop's width, written to test-results/screenshots (not
// kept in git: run it again). Reads a static build (default `storybook-static`, from
// `pnpm build-storybook`) or a running `pnpm storybook` (live stories then play for real).
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium, type Page } from 'playwright';
import { launchOptions } from '../scripts/chromium.ts';

const WIDTHS = [390, 1280];
const VIEWPORT_HEIGHT = 900;
const STORY_TIMEOUT_MS = 30_000;
// Room around the story so focus rings and shadows at its edge show.
const MARGIN = 24;

const target = process.argv[2] ?? 'storybook-static';
const out = join(process.cwd(), 'test-results', 'screenshots');

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

/** Serves a static build on a free port (loopback). */
async function serve(dir: string): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    readFile(join(dir, path.endsWith('/') ? `${path}index.html` : path)).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/** Opens a story and resolves when its play function finished (Storybook's `storyFinished`), with its status. */
async function renderStory(page: Page, base: string, id: string): Promise<string> {
  await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`);
  const status = await page
    .waitForFunction(() => (window as unknown as { __storyStatus?: string }).__storyStatus, undefined, { timeout: STORY_TIMEOUT_MS })
    .then((handle) => handle.jsonValue())
    .catch(() => 'timed out');
  await page.evaluate(() => document.fonts.ready);
  return status as string;
}

// Before Storybook's own code: catch its channel as it is created, so no event is missed.
function listenToStorybook() {
  let channel: { on(event: string, listener: (event: { status?: string }) => void): void } | undefined;
  const done = (status: string) => ((window as unknown as { __storyStatus?: string }).__storyStatus ??= status);
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value: typeof channel) {
      channel = value;
      value?.on('storyFinished', (event) => done(event.status ?? 'success'));
      value?.on('storyErrored', () => done('errored'));
      value?.on('storyThrewException', () => done('threw'));
    },
  });
}

const local = /^https?:/.test(target) ? null : await serve(target);
const base = local?.url ?? target.replace(/\/$/, '');
const browser = await chromium.launch({ ...launchOptions, headless: true });
try {
  await mkdir(out, { recursive: true });
  const index = (await (await fetch(`${base}/index.json`)).json()) as { entries: Record<string, IndexEntry> };
  const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
  const problems: string[] = [];
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: VIEWPORT_HEIGHT }, deviceScaleFactor: 1 });
    // tsx names functions with a `__name` helper that a page does not have.
    await context.addInitScript('window.__name = (f) => f');
    await context.addInitScript(listenToStorybook);
    for (const { id } of stories) {
      const page = await context.newPage();
      const status = await renderStory(page, base, id);
      if (status !== 'success') problems.push(`${id} @${width}: ${status}`);
      const box = await page.locator('#storybook-root').boundingBox();
      const top = Math.max(0, (box?.y ?? 0) - MARGIN);
      const height = Math.max(1, Math.min(VIEWPORT_HEIGHT - top, (box?.height ?? 0) + 2 * MARGIN));
      await page.screenshot({ path: join(out, `${id}@${width}.png`), clip: { x: 0, y: top, width, height } });
      await page.close();
    }
    await context.close();
  }
  console.log(`${stories.length} stories × ${WIDTHS.join(' and ')} px → ${out}`);
  for (const problem of problems) console.log(`  not finished cleanly: ${problem}`);
} finally {
  await browser.close();
  local?.close();
}
