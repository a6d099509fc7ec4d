import { until } from './abortable';

/**
 * When the offer goes out relative to ICE gathering:
 * - 'trickle' (default): at once; gathering starts once the 201 is in (so it uses the server's ICE
 *   servers from its `Link`), every candidate by PATCH;
 * - 'full': once gathering completes, every candidate in the offer (servers without trickle).
 */
export type GatheringMode = 'trickle' | 'full';

/**
 * Sets `description` as the local description, then waits at most `ms` (abortable) for gathering
 * to end; the description then carries every candidate so far. The end is read from the events,
 * listened to from before setLocalDescription: after an ICE restart `iceGatheringState` can still
 * read 'complete'.
 */
export async function describeAndGather(pc: RTCPeerConnection, description: RTCSessionDescriptionInit, ms: number, signal: AbortSignal): Promise<void> {
  const gathered = until(
    signal,
    ms,
    (event) => event && ('candidate' in event ? !event.candidate : pc.iceGatheringState === 'complete'),
    (on) => {
      on(pc, 'icecandidate');
      on(pc, 'icegatheringstatechange');
    },
  );
  await Promise.all([pc.setLocalDescription(description), gathered]);
}
