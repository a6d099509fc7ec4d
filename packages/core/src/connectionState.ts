import { aborted } from './abortable';
import { OnairError } from './errors';

/** Resolves once `pc` is connected; rejects on failure, on timeout or when `signal` aborts. */
export function connected(pc: RTCPeerConnection, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // One controller removes every listener at once.
    const done = new AbortController();
    const settle = (error?: OnairError) => {
      done.abort();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => settle(new OnairError('timeout', `No media connection after ${timeoutMs} ms`)), timeoutMs);
    pc.addEventListener(
      'connectionstatechange',
      () => {
        const state = pc.connectionState;
        if (state === 'connected') settle();
        // Only changes count as failure: after an ICE restart the state still reads 'failed' for a while.
        else if (state === 'failed' || state === 'closed') {
          settle(new OnairError('network', `Media connection ${state}: UDP to the server blocked? Configure a TURN server`));
        }
      },
      { signal: done.signal },
    );
    signal.addEventListener('abort', () => settle(aborted()), { signal: done.signal });
    if (signal.aborted) settle(aborted());
    else if (pc.connectionState === 'connected') settle();
  });
}
