import type { TestProject } from 'vitest/node';
import { startOnairServer } from '@onair/server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the real @onair/server the browser suites run against, e.g. http://127.0.0.1:41234 */
    onairServerUrl: string;
    /** Account id to use in `/client/v4/accounts/{accountId}/stream/live_inputs`. */
    onairAccountId: string;
  }
}

// Browser suites run against one real server on a free port, stopped when the run ends.
export default async function setup(project: TestProject) {
  const server = await startOnairServer({ port: 0, host: '127.0.0.1', db: ':memory:', accountId: 'test-account' });
  project.provide('onairServerUrl', server.url);
  project.provide('onairAccountId', server.accountId);
  return async () => {
    await server.close();
  };
}
