import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { launchOptions } from '../../scripts/chromium';
import { freePort } from '../../tests/support/freePort';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Playwright loads this file in the runner and again in every worker; the ports are chosen once, in the
// runner, and handed to the workers (and the spec) through the environment they inherit.
process.env.E2E_ONAIR_SERVER_PORT ??= String(await freePort());
process.env.E2E_DEMO_PORT ??= String(await freePort());
const onairServerUrl = `http://127.0.0.1:${process.env.E2E_ONAIR_SERVER_PORT}`;
const demoUrl = `http://127.0.0.1:${process.env.E2E_DEMO_PORT}`;
process.env.E2E_ONAIR_SERVER_URL = onairServerUrl;
// Non-default credentials prove the demo's route handlers pass them through to the server.
const E2E_ACCOUNT_ID = 'e2e-account';
const E2E_API_TOKEN = 'e2e-token';
// The spec reads the server's session list, which needs the token.
process.env.E2E_API_TOKEN = E2E_API_TOKEN;

// 2 shared cores and real media: generous deadlines, one worker, no retries that would hide a flaky relay.
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: './test-results/e2e.json' }]],
  use: {
    baseURL: demoUrl,
    browserName: 'chromium',
    headless: true,
    launchOptions,
    permissions: ['camera', 'microphone'],
    trace: 'retain-on-failure',
  },
  // Started in order and always stopped by Playwright: a real @onair/server, then the built demo pointing at it.
  webServer: [
    {
      command: `node packages/server/bin/onair-server.js --port ${process.env.E2E_ONAIR_SERVER_PORT} --host 127.0.0.1 --db :memory: --account-id ${E2E_ACCOUNT_ID} --api-token ${E2E_API_TOKEN}`,
      cwd: repoRoot,
      url: `${onairServerUrl}/_onair/sessions`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${process.env.E2E_DEMO_PORT}`,
      url: demoUrl,
      reuseExistingServer: false,
      timeout: 60_000,
      // The demo talks to the local server only, with its credentials, whatever the caller's shell holds.
      env: {
        ONAIR_SERVER_URL: onairServerUrl,
        ONAIR_ACCOUNT_ID: E2E_ACCOUNT_ID,
        ONAIR_API_TOKEN: E2E_API_TOKEN,
        CLOUDFLARE_ACCOUNT_ID: '',
        CLOUDFLARE_API_TOKEN: '',
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  ],
});
