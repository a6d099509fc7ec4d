import { aborted } from './abortable';
import { OnairError } from './errors';

/**
 * Resolves once `pc` is connected and, with `media`, a remote track has unmuted (its first RTP
 * arrived: a relay that forwards nothing must not count as playing); rejects on failure, on
 * timeout or when `signal` aborts.
 */
export function connected(pc: RTCPeerConnection, timeoutMs: number, signal: AbortSignal, media = false): Promise<void> {
  return new Promise((resolve, reject) => {
    // One controller removes every listener at once.
    const done = new AbortController();
    const options = { signal: done.signal };
    const settle = (error?: OnairError) => {
      done.abort();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => settle(new OnairError('timeout', `No media after ${timeoutMs} ms`)), timeoutMs);
    const check = (event?: Event) => {
      const state = pc.connectionState;
      if (state === 'connected' && (!media || pc.getReceivers().some((r) => !r.track.muted))) settle();
      // Only changes count as failure: after an ICE restart the state still reads 'failed' for a while.
      else if (event?.type === 'connectionstatechange' && (state === 'failed' || state === 'closed')) {
        settle(new OnairError('network', `Media connection ${state}: UDP blocked? Add a TURN server`));
      }
    };
    pc.addEventListener('connectionstatechange', check, options);
    if (media) for (const { track } of pc.getReceivers()) track.addEventListener('unmute', check, options);
    signal.addEventListener('abort', () => settle(aborted()), options);
    if (signal.aborted) settle(aborted());
    else check();
  });
}
