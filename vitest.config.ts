import { defineConfig, defaultClientConditions } from 'vite';
import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { launchOptions } from './scripts/chromium.ts';
import { lossyLinkCommands } from './scripts/lossyLinkCommands.ts';
import { pageNetworkCommands } from './scripts/pageNetworkCommands.ts';
import { serverProcessCommands } from './scripts/serverProcessCommands.ts';
import { turnServerCommands } from './scripts/turnServerCommands.ts';

// Tests and Storybook read package sources (the `@onair/source` export condition), never stale builds.
const resolve = { conditions: ['@onair/source', ...defaultClientConditions] };
const ssrResolve = { conditions: ['@onair/source', 'node', 'import', 'default'] };

const browser = {
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions }),
  instances: [{ browser: 'chromium' as const }],
  screenshotFailures: false,
};

export default defineConfig({
  test: {
    // 2 cores: browser suites run one file at a time.
    fileParallelism: false,
    projects: [
      defineProject({
        resolve,
        ssr: { resolve: ssrResolve },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/{app,lib,src}/**/*.test.ts'],
          exclude: ['**/*.browser.test.*', '**/node_modules/**'],
        },
      }),
      defineProject({
        plugins: [react()],
        resolve,
        ssr: { resolve: ssrResolve },
        test: {
          name: 'unit-dom',
          environment: 'happy-dom',
          include: ['packages/*/src/**/*.test.tsx'],
          exclude: ['**/*.browser.test.*', '**/node_modules/**'],
        },
      }),
      defineProject({
        plugins: [react()],
        resolve,
        ssr: { resolve: ssrResolve },
        // Pre-bundled up front: optimising it mid-run makes Vite reload the first test on a fresh clone.
        optimizeDeps: { include: ['vitest-browser-react'] },
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.{ts,tsx}'],
          globalSetup: ['scripts/onairServerSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Node-side commands: a separate server process to kill, freeze and restart, lossy UDP
          // links, a TURN server, the page's failed responses.
          browser: { ...browser, commands: { ...serverProcessCommands, ...lossyLinkCommands, ...turnServerCommands, ...pageNetworkCommands } },
        },
      }),
      defineProject({
        plugins: [storybookTest({ configDir: '.storybook' })],
        resolve,
        test: {
          name: 'storybook',
          testTimeout: 30_000,
          browser,
        },
      }),
      defineProject({
        resolve,
        ssr: { resolve: ssrResolve },
        test: {
          name: 'conformance',
          environment: 'node',
          include: ['tests/conformance/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      }),
      defineProject({
        resolve,
        ssr: { resolve: ssrResolve },
        test: {
          name: 'stress',
          environment: 'node',
          include: ['tests/stress/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      }),
      defineProject({
        resolve,
        ssr: { resolve: ssrResolve },
        test: {
          name: 'interop',
          environment: 'node',
          include: ['tests/interop/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      }),
    ],
  },
});
