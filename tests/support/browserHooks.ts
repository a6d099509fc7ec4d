// Hooks shared by the browser suites (Vitest browser mode, Chromium) that drive real sessions.
import { getUserMedia, LiveInputsClient, type LiveInput } from '@onair/core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { commands } from 'vitest/browser';

/** An array of cleanups a test pushes to; they run after it, newest first. */
export function cleanupsAfterEach(): (() => unknown)[] {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/** The @onair/server of the browser project's globalSetup, and a Stream API client for it. */
export function sharedServer() {
  const base = inject('onairServerUrl');
  const account = inject('onairAccountId');
  return { base, account, api: new LiveInputsClient({ accountId: account, baseUrl: `${base}/client/v4` }) };
}

/**
 * A separate @onair/server CLI process for the file (scripts/serverProcessCommands.ts), started
 * before its tests and stopped after them: one the tests may kill, freeze and restart.
 */
export function serverProcessForFile() {
  const server = {
    url: '',
    /** A new live input on it. */
    createInput: (name: string): Promise<LiveInput> =>
      new LiveInputsClient({ accountId: 'test-account', baseUrl: `${server.url}/client/v4` }).create({ meta: { name } }),
  };
  beforeAll(async () => {
    server.url = (await commands.startServerProcess()).url;
  });
  afterAll(() => commands.stopServerProcess());
  return server;
}

/** Chromium's fake camera and microphone, stopped after the test. */
export async function fakeCamera(cleanups: (() => unknown)[], width: number, height: number): Promise<MediaStream> {
  const stream = await getUserMedia({ video: { width, height }, audio: true });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  return stream;
}
