import { build } from 'esbuild';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface ComponentPageServer {
  /** The page's address; add `?whip=…` or `?whep=…` (see componentPage/page.tsx). */
  url: string;
  close(): Promise<void>;
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>onair components</title><link rel="stylesheet" href="/page.css"></head><body><div id="root"></div><script type="module" src="/page.js"></script></body></html>';

/**
 * componentPage/page.tsx bundled by esbuild (our packages from source) and served on a loopback port
 * of its own. Vitest's browser mode cannot drive Firefox here (Playwright needs its own Firefox build,
 * WebdriverIO a geckodriver download), so the Firefox tests load this page over WebDriver BiDi instead.
 */
export async function serveComponentPage(): Promise<ComponentPageServer> {
  const { outputFiles } = await build({
    entryPoints: [join(import.meta.dirname, 'componentPage/page.tsx')],
    bundle: true,
    write: false,
    outdir: '/',
    format: 'esm',
    jsx: 'automatic',
    conditions: ['@onair/source'],
    // React's development build: StrictMode mounts every component twice, as in an app's dev server.
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'error',
  });
  const files = new Map<string, Uint8Array | string>([['/', html], ...outputFiles.map((file) => [`/${basename(file.path)}`, file.contents] as const)]);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const body = files.get(path);
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[path.slice(path.lastIndexOf('.'))] ?? types['.html']!, 'Cache-Control': 'no-store' }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
