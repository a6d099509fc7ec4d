import { readdir, readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

const USE_CLIENT = "'use client';";

export default defineConfig({
  entry: ['src/index.ts', 'src/query.ts', 'src/testing.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  // Rollup's pass merges each external's imports into one statement (esbuild repeats them per
  // source file): ~0.4 KB min+gzip of the 8 KB budget.
  treeshake: true,
  target: 'es2022',
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@onair/core'],
  // Next server components can only import client hooks from a 'use client' module. Rollup drops
  // module-level directives (and tsup's banner with them), so every output file gets it back here.
  async onSuccess() {
    for (const file of await readdir('dist')) {
      if (!file.endsWith('.js')) continue;
      const code = await readFile(`dist/${file}`, 'utf8');
      if (code.startsWith(USE_CLIENT)) continue;
      await writeFile(`dist/${file}`, `${USE_CLIENT}\n${code}`);
      // One line more at the top: the source map's lines move down by one.
      const map = JSON.parse(await readFile(`dist/${file}.map`, 'utf8')) as { mappings: string };
      await writeFile(`dist/${file}.map`, JSON.stringify({ ...map, mappings: `;${map.mappings}` }));
    }
  },
});
