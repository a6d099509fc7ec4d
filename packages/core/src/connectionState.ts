import { until } from './abortable';
import { OnairError } from './errors';

/**
 * Resolves once `pc` is connected and, with `media`, a remote track has unmuted (its first RTP
 * arrived: a relay that forwards nothing must not count as playing); rejects on failure, on
 * timeout or when `signal` aborts.
 */
export const connected = (pc: RTCPeerConnection, timeoutMs: number, signal: AbortSignal, media = false) =>
  until(
    signal,
    timeoutMs,
    (event) => {
      const state = pc.connectionState;
      // Only changes count as failure: after an ICE restart the state still reads 'failed' for a while.
      if (event?.type === 'connectionstatechange' && (state === 'failed' || state === 'closed')) {
        throw new OnairError('network', `Media connection ${state}: UDP blocked? Add a TURN server`);
      }
      return state === 'connected' && (!media || pc.getReceivers().some((r) => !r.track.muted));
    },
    (on) => {
      on(pc, 'connectionstatechange');
      if (media) for (const { track } of pc.getReceivers()) on(track, 'unmute');
    },
    () => new OnairError('timeout', `No media after ${timeoutMs} ms`),
  );
