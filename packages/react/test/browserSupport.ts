// Browser-test helpers for @onair/react's real-server tests (outside the package's source graph).
import { expect, inject } from 'vitest';
import type {} from './countingProxyCommands';

const base = inject('onairServerUrl');
const account = inject('onairAccountId');

export const DEADLINE_MS = 20_000;
export const POLL_MS = 100;

export interface TestLiveInput {
  uid: string;
  whipUrl: string;
  whepUrl: string;
  remove(): Promise<void>;
}

/** A fresh live input on the suite's server; its WHIP/WHEP URLs point at `via` (a counting proxy) when given. */
export async function createLiveInput(via?: string): Promise<TestLiveInput> {
  const response = await fetch(`${base}/client/v4/accounts/${account}/stream/live_inputs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ meta: { name: '@onair/react test' } }),
  });
  expect(response.ok).toBe(true);
  const { result } = (await response.json()) as { result: { uid: string; webRTC: { url: string }; webRTCPlayback: { url: string } } };
  const route = (url: string) => (via ? url.replace(base, via) : url);
  return {
    uid: result.uid,
    whipUrl: route(result.webRTC.url),
    whepUrl: route(result.webRTCPlayback.url),
    remove: async () => void (await fetch(`${base}/client/v4/accounts/${account}/stream/live_inputs/${result.uid}`, { method: 'DELETE' })),
  };
}

export const serverUrl = base;

/** The server's open sessions of one input. */
export async function openSessions(uid: string): Promise<{ whip: number; whep: number }> {
  const all = (await (await fetch(`${base}/_onair/sessions`)).json()) as { whip: { inputUid: string }[]; whep: { inputUid: string }[] };
  return { whip: all.whip.filter((s) => s.inputUid === uid).length, whep: all.whep.filter((s) => s.inputUid === uid).length };
}

export { frameOf, looksGreen, looksGrey } from '../../../tests/support/videoFrames';
