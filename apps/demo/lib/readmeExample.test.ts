import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const readme = read('../../../README.md');

// The root README's example is these files, which the demo's typecheck and lint compile.
describe("the root README's example", () => {
  it.each(['route.ts', 'live.tsx'])('shows readme-example/%s as it is', (file) => {
    const code = read(`../readme-example/${file}`);
    expect(readme).toContain(`\n${code}\`\`\``);
  });
});
