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
  target: 'chrome120',
  conditions: ['@onair/source'],
  alias,
  logLevel: 'silent',
};

/** Bundles one page entry to `outfile` (unminified: the page's speed, not its size, is measured). */
export async function bundlePage(entry: string, outfile: string): Promise<void> {
  await build({ ...common, entryPoints: [entry], outfile });
}

export interface BundleSize {
  minBytes: number;
  gzipBytes: number;
}

/** min+gzip of a module source, bundled with its dependencies the way an app bundler would. */
export async function measureSize(source: string): Promise<BundleSize> {
  const result = await build({
    ...common,
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
