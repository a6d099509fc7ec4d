/// <reference lib="dom" />
import { inject } from 'vitest';
// The `inject()` keys are declared by the browser project's global setup.
import type {} from '../../../scripts/providedContext';
import type { LiveInput } from './liveInputView.js';

/** Test-only: what the server's browser tests share (raw RTCPeerConnection + fetch, no @onair/core). */

export type Cleanups = (() => Promise<unknown> | unknown)[];

/** Creates a live input on the global-setup server; `cleanups` deletes it. */
export async function createLiveInput(cleanups: Cleanups, name: string): Promise<LiveInput> {
  const api = `${inject('onairServerUrl')}/client/v4/accounts/${inject('onairAccountId')}/stream/live_inputs`;
  const res = await fetch(api, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ meta: { name } }),
  });
  const input = ((await res.json()) as { result: LiveInput }).result;
  cleanups.push(() => fetch(`${api}/${input.uid}`, { method: 'DELETE' }));
  return input;
}

/** The local description once ICE gathering is complete (non-trickle). */
export async function gathered(pc: RTCPeerConnection): Promise<string> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve()));
  }
  return pc.localDescription!.sdp;
}
