import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Next server components may import our hooks and components only from a 'use client' module, and
// Rollup drops module directives: tsup.config.ts puts the banner back on every output file. This
// checks the build itself (`pnpm run build` runs before the tests).
const dist = new URL('../dist/', import.meta.url);

describe("the build's 'use client' banner", () => {
  it('starts every JavaScript file of dist/ with it', () => {
    expect(existsSync(dist), 'no dist/: run `pnpm run build` first').toBe(true);
    const files = readdirSync(dist).filter((file) => file.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['index.js', 'query.js', 'testing.js']));
    const withoutBanner = files.filter((file) => !readFileSync(new URL(file, dist), 'utf8').startsWith("'use client';\n"));
    expect(withoutBanner).toEqual([]);
  });
});
