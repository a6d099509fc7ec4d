import { abortable, noop, sleep } from './abortable';
import { OnairError } from './errors';

/**
 * Resolves once `pc` is connected and, with `media`, a remote track has unmuted (its first RTP
 * arrived: a relay that forwards nothing must not count as playing); rejects on failure, on
 * timeout or when `signal` aborts.
 */
export function connected(pc: RTCPeerConnection, timeoutMs: number, signal: AbortSignal, media = false): Promise<void> {
  // One controller removes every listener and the timer at once.
  const done = new AbortController();
  const options = { signal: done.signal };
  const connecting = new Promise<void>((resolve, reject) => {
    const check = (event?: Event) => {
      const state = pc.connectionState;
      if (state === 'connected' && (!media || pc.getReceivers().some((r) => !r.track.muted))) resolve();
      // Only changes count as failure: after an ICE restart the state still reads 'failed' for a while.
      else if (event?.type === 'connectionstatechange' && (state === 'failed' || state === 'closed')) {
        reject(new OnairError('network', `Media connection ${state}: UDP blocked? Add a TURN server`));
      }
    };
    pc.addEventListener('connectionstatechange', check, options);
    if (media) for (const { track } of pc.getReceivers()) track.addEventListener('unmute', check, options);
    sleep(timeoutMs, done.signal).then(() => reject(new OnairError('timeout', `No media after ${timeoutMs} ms`)), noop);
    check();
  });
  return abortable(connecting, signal).finally(() => done.abort());
}
