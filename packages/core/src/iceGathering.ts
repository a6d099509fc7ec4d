import { sleep } from './abortable';

/**
 * How long to gather before POSTing:
 * - 'fast' (default): POST after `gatherBudgetMs` or when gathering completes, trickle the rest;
 * - 'full': POST once gathering completes (for servers without trickle);
 * - 'trickle': POST at once, every candidate by PATCH.
 */
export type GatheringMode = 'fast' | 'full' | 'trickle';

/**
 * Resolves on the end of gathering or, with `settleMs`, once candidates have come and then paused
 * that long (Chromium has its UDP host candidates ~5 ms after setLocalDescription, then pauses
 * ~120 ms before TCP ones nobody needs). Call it before setLocalDescription: after an ICE restart
 * `iceGatheringState` can still read 'complete', so only the events can be trusted.
 */
export function gatheringDone(pc: RTCPeerConnection, settleMs = 0): Promise<void> {
  return new Promise((resolve) => {
    const done = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = () => {
      clearTimeout(timer);
      done.abort();
      resolve();
    };
    const check = (event: Event) => {
      if ('candidate' in event ? !event.candidate : pc.iceGatheringState === 'complete') end();
      else if (settleMs && 'candidate' in event) {
        clearTimeout(timer);
        timer = setTimeout(end, settleMs);
      }
    };
    pc.addEventListener('icecandidate', check, { signal: done.signal });
    pc.addEventListener('icegatheringstatechange', check, { signal: done.signal });
  });
}

/**
 * Sets `description` as the local description, then waits at most `ms` (abortable) for gathering
 * to end (or, with `settleMs`, to pause); the description then carries every candidate so far.
 */
export async function describeAndGather(
  pc: RTCPeerConnection,
  description: RTCSessionDescriptionInit,
  ms: number,
  signal: AbortSignal,
  settleMs = 0,
): Promise<void> {
  const done = gatheringDone(pc, settleMs);
  await pc.setLocalDescription(description);
  // 0: POST at once ('trickle'), not even a macrotask later, so every candidate goes by PATCH.
  if (ms) await Promise.race([done, sleep(ms, signal)]);
}
