import { OnairError } from './errors';

export const aborted = () => new OnairError('aborted', 'Aborted');

export const noop = () => {};

/**
 * `promise`, or a rejection with kind 'aborted' as soon as `signal` aborts (`promise` runs on;
 * `onAbort` runs then, to undo what only the caller knows).
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal, onAbort = noop): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      onAbort();
      reject(aborted());
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', stop));
  });
}

/** Resolves after `ms`, or rejects with kind 'aborted' as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return abortable(new Promise((resolve) => (timer = setTimeout(resolve, ms))), signal, () => clearTimeout(timer));
}

/** Jittered exponential backoff: a random delay in [d/2, d] with d = min(cap, base·2^attempt). */
export function backoff(attempt: number, baseMs: number, capMs: number): number {
  const d = Math.min(capMs, baseMs * 2 ** attempt);
  return d / 2 + (Math.random() * d) / 2;
}

/** Runs `fn` once `signal` aborts (at once if it has). */
export function onAbort(signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) fn();
  else signal.addEventListener('abort', fn, { once: true });
}

/** A controller that also aborts with `parent` (AbortSignal.any is missing before Safari 17.4). */
export function childController(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  onAbort(parent, () => controller.abort());
  return controller;
}
