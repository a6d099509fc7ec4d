import { sleep } from './abortable';

/**
 * When the offer goes out relative to ICE gathering:
 * - 'trickle' (default): at once; gathering starts once the 201 is in (so it uses the server's ICE
 *   servers from its `Link`), every candidate by PATCH;
 * - 'full': once gathering completes, every candidate in the offer (servers without trickle).
 */
export type GatheringMode = 'trickle' | 'full';

/**
 * Resolves on the end of gathering. Call it before setLocalDescription: after an ICE restart
 * `iceGatheringState` can still read 'complete', so only the events can be trusted.
 */
export function gatheringDone(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    const done = new AbortController();
    const check = (event: Event) => {
      if ('candidate' in event ? event.candidate : pc.iceGatheringState !== 'complete') return;
      done.abort();
      resolve();
    };
    pc.addEventListener('icecandidate', check, { signal: done.signal });
    pc.addEventListener('icegatheringstatechange', check, { signal: done.signal });
  });
}

/**
 * Sets `description` as the local description, then waits at most `ms` (abortable) for gathering
 * to end; the description then carries every candidate so far.
 */
export async function describeAndGather(pc: RTCPeerConnection, description: RTCSessionDescriptionInit, ms: number, signal: AbortSignal): Promise<void> {
  const done = gatheringDone(pc);
  await pc.setLocalDescription(description);
  await Promise.race([done, sleep(ms, signal)]);
}
