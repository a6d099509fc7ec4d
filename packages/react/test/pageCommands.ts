// Vitest browser commands (run in the Vitest Node process) that drive a second page of the test's
// own browser context: same origin as the test, so the same localStorage, yet a page of its own that
// can really be reloaded — what a test page (an iframe of Vitest's runner) cannot do to itself.
import type {} from '@vitest/browser-playwright';
import type { Page } from 'playwright';
import type { BrowserCommand } from 'vitest/node';

const pages = new Map<string, Page>();
let opened = 0;

/** Opens `path` (a page Vite serves, e.g. a fixture under the repository root) beside the test; resolves with its id. */
const openPage: BrowserCommand<[path: string]> = async (context, path) => {
  const page = await context.context.newPage();
  const id = `page-${++opened}`;
  pages.set(id, page);
  page.on('pageerror', (error) => console.error(`[${id}] ${error.message}`));
  await page.goto(new URL(path, context.page.url()).href);
  return id;
};

const pageOf = (id: string): Page => {
  const page = pages.get(id);
  if (!page) throw new Error(`no page ${id}`);
  return page;
};

/** A real reload: the document, its scripts and every object in it start over; storage stays. */
const reloadPage: BrowserCommand<[id: string]> = async (_context, id) => {
  await pageOf(id).reload();
};

/** Picks the option labelled `label` in the page's `<select>` named `name`, as a user would. */
const selectInPage: BrowserCommand<[id: string, name: string, label: string]> = async (_context, id, name, label) => {
  await pageOf(id).getByRole('combobox', { name }).selectOption({ label });
};

/** Clicks the page's button named `name` (a real click: a user gesture in that page). */
const clickInPage: BrowserCommand<[id: string, name: string]> = async (_context, id, name) => {
  await pageOf(id).getByRole('button', { name }).click();
};

/** The page's `window.fixture` state (what the fixture chooses to expose), as JSON. */
const readPage: BrowserCommand<[id: string]> = async (_context, id) =>
  pageOf(id).evaluate(() => JSON.parse(JSON.stringify((window as unknown as { fixture?: unknown }).fixture ?? null)) as unknown);

const closePage: BrowserCommand<[id: string]> = async (_context, id) => {
  const page = pages.get(id);
  pages.delete(id);
  await page?.close();
};

export const pageCommands = { openPage, reloadPage, selectInPage, clickInPage, readPage, closePage };

declare module 'vitest/browser' {
  interface BrowserCommands {
    openPage(path: string): Promise<string>;
    reloadPage(id: string): Promise<void>;
    selectInPage(id: string, name: string, label: string): Promise<void>;
    clickInPage(id: string, name: string): Promise<void>;
    readPage(id: string): Promise<unknown>;
    closePage(id: string): Promise<void>;
  }
}
