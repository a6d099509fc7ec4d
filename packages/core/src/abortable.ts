import { OnairError } from './errors';

export const aborted = () => new OnairError('aborted', 'Aborted');

export const noop = () => {};

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

/** `promise`, or a rejection with kind 'aborted' as soon as `signal` aborts (`promise` runs on). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(aborted());
    if (signal.aborted) stop();
    signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** Jittered exponential backoff: a random delay in [d/2, d] with d = min(cap, base·2^attempt). */
export function backoff(attempt: number, baseMs: number, capMs: number): number {
  const d = Math.min(capMs, baseMs * 2 ** attempt);
  return d / 2 + (Math.random() * d) / 2;
}

/** A controller that also aborts with `parent` (AbortSignal.any is missing before Safari 17.4). */
export function childController(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (parent.aborted) abort();
  parent.addEventListener('abort', abort, { once: true });
  return controller;
}
