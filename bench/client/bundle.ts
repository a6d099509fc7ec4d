import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// '@onair/core' is not a dependency of the root package: point it at the source directly.
const alias = { '@onair/core': `${repoRoot}packages/core/src/index.ts` };
const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120', 'firefox128'],
  conditions: ['@onair/source'],
  alias,
  logLevel: 'silent',
};

/** Bundles one page entry to `outfile` (unminified: the page's speed, not its size, is measured). */
export async function bundlePage(entry: string, outfile: string): Promise<void> {
  await build({ ...common, entryPoints: [entry], outfile });
}

/**
 * Bundles `entry` into `<root>/<name>/bundle.js` beside an index.html that loads it after
 * `classicScripts` (paths relative to `root`, run first, e.g. the client bench's recorder).
 * Returns the page's path relative to `root`.
 */
export async function writePage(root: string, name: string, entry: string, classicScripts: readonly string[] = []): Promise<string> {
  await mkdir(join(root, name), { recursive: true });
  await bundlePage(entry, join(root, name, 'bundle.js'));
  const scripts = classicScripts.map((src) => `<script src="../${src}"></script>`).join('');
  await writeFile(join(root, name, 'index.html'), `<!doctype html><meta charset="utf-8">${scripts}<script type="module" src="bundle.js"></script>`);
  return `${name}/index.html`;
}

export interface BundleSize {
  minBytes: number;
  gzipBytes: number;
}

/** min+gzip of a module source, bundled with its dependencies (but `external`) the way an app bundler would. */
export async function measureSize(source: string, external: string[] = []): Promise<BundleSize> {
  const result = await build({
    ...common,
    external,
    stdin: { contents: source, resolveDir: repoRoot, loader: 'ts' },
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles![0]!.contents;
  return { minBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

/** Bundles a page script to a self-contained IIFE string (for addInitScript). */
export async function bundleScript(entry: string): Promise<string> {
  const result = await build({ ...common, entryPoints: [entry], format: 'iife', write: false });
  return result.outputFiles![0]!.text;
}
