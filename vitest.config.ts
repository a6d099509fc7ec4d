import { defineConfig, defaultClientConditions } from 'vite';
import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { chromiumArgs, chromiumPath, fakeMediaArgs, launchOptions } from './scripts/chromium.ts';
import { lossyLinkCommands } from './scripts/lossyLinkCommands.ts';
import { pageNetworkCommands } from './scripts/pageNetworkCommands.ts';
import { serverProcessCommands } from './scripts/serverProcessCommands.ts';
import { countingProxyCommands } from './packages/react/test/countingProxyCommands.ts';
import { turnServerCommands } from './scripts/turnServerCommands.ts';

// Tests and Storybook read package sources (the `@onair/source` export condition), never stale builds.
const resolve = { conditions: ['@onair/source', ...defaultClientConditions] };
const ssrResolve = { conditions: ['@onair/source', 'node', 'import', 'default'] };

// React's media tests run in Chromium set up as a viewer's or creator's own browser: two fake
// cameras to switch between (react-media), or the default autoplay policy where sound needs a click
// (react-autoplay, as field-notes.md says) in a tab of its own — a click or a capture anywhere in a
// tab lets every page in it play sound.
const reactMediaArgs = (...extra: string[]) => [
  ...chromiumArgs,
  ...fakeMediaArgs.filter((arg) => !arg.startsWith('--autoplay-policy') && arg !== '--use-fake-device-for-media-stream'),
  ...extra,
];
const browser = {
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions }),
  instances: [{ browser: 'chromium' as const }],
  screenshotFailures: false,
};

// Browser suites against the real server (the shared parts of the projects below).
const realServerBrowserProject = {
  plugins: [react()],
  resolve,
  ssr: { resolve: ssrResolve },
  // Pre-bundled up front: optimising it mid-run makes Vite reload the first test on a fresh clone.
  optimizeDeps: { include: ['vitest-browser-react'] },
  test: { globalSetup: ['scripts/onairServerSetup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
};

const reactMediaProject = (name: string, include: string, args: string[]) =>
  defineProject({
    ...realServerBrowserProject,
    test: {
      ...realServerBrowserProject.test,
      name,
      include: [include],
      browser: {
        ...browser,
        provider: playwright({ launchOptions: { executablePath: chromiumPath, args } }),
        instances: [{ browser: 'chromium' as const, name: `${name} (chromium)` }],
        commands: countingProxyCommands,
      },
    },
  });

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
          include: ['packages/*/src/**/*.test.ts', 'apps/*/{app,lib,src}/**/*.test.ts', 'bench/**/*.test.ts'],
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
        ...realServerBrowserProject,
        test: {
          ...realServerBrowserProject.test,
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.{ts,tsx}'],
          exclude: ['**/*.media.browser.test.*', '**/*.autoplay.browser.test.*', '**/node_modules/**'],
          // Node-side commands: a separate server process to kill, freeze and restart, lossy UDP
          // links, a TURN server, the page's failed responses, a request-counting proxy.
          browser: {
            ...browser,
            commands: { ...serverProcessCommands, ...lossyLinkCommands, ...turnServerCommands, ...pageNetworkCommands, ...countingProxyCommands },
          },
        },
      }),
      reactMediaProject('react-media', 'packages/*/src/**/*.media.browser.test.{ts,tsx}', [
        ...reactMediaArgs('--use-fake-device-for-media-stream=device-count=2', '--autoplay-policy=no-user-gesture-required'),
        // getDisplayMedia picks the (fake) screen without a picker.
        '--auto-select-desktop-capture-source=Entire screen',
      ]),
      reactMediaProject(
        'react-autoplay',
        'packages/*/src/**/*.autoplay.browser.test.{ts,tsx}',
        reactMediaArgs('--use-fake-device-for-media-stream', '--autoplay-policy=document-user-activation-required'),
      ),
      defineProject({
        resolve,
        ssr: { resolve: ssrResolve },
        test: {
          // Firefox ESR over WebDriver BiDi beside Chromium, driven from Node (Vitest browser mode has no Firefox here).
          name: 'firefox',
          environment: 'node',
          include: ['tests/firefox/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
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
