import type {} from "./providedContext.d.ts";
import type { TestProject } from 'vitest/node';
// Imported by path: globalSetup resolves outside the projects' '@onair/source' condition.
import { startOnairServer } from '../packages/server/src/index';

// Browser suites run against one real server on a free port, stopped when the run ends.
export default async function setup(project: TestProject) {
  const server = await startOnairServer({ port: 0, host: '127.0.0.1', db: ':memory:', accountId: 'test-account' });
  project.provide('onairServerUrl', server.url);
  project.provide('onairAccountId', server.accountId);
  return async () => {
    await server.close();
  };
}
