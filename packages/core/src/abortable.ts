import { OnairError } from './errors';

export const aborted = () => new OnairError('aborted', 'Aborted');

/** Resolves after `ms`, or rejects with kind 'aborted' as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Jittered exponential backoff: a random delay in [d/2, d] with d = min(cap, base·2^attempt). */
export function backoff(attempt: number, baseMs: number, capMs: number): number {
  const d = Math.min(capMs, baseMs * 2 ** attempt);
  return d / 2 + (Math.random() * d) / 2;
}
