import { OnairError } from './errors';

export const aborted = () => new OnairError('aborted', 'Aborted');

export const noop = () => {};

/**
 * The one wait. Resolves once `check` returns true (asked at once and on every event `listen`
 * subscribes it to) and rejects with what it throws; after `ms` it resolves, or rejects with
 * `late()` when given; rejects with kind 'aborted' as soon as `signal` aborts. Every listener and
 * the timer go when it settles.
 */
export function until(
  signal?: AbortSignal,
  ms?: number,
  check: (event?: Event) => unknown = noop,
  listen: (on: (target: EventTarget, type: string) => void) => void = noop,
  late?: () => OnairError,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = new AbortController();
    const settle = (error?: OnairError) => {
      done.abort();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const test = (event?: Event) => {
      try {
        if (signal?.aborted) throw aborted();
        if (check(event)) settle();
      } catch (error) {
        settle(error as OnairError);
      }
    };
    // `done` as the options: its `signal` removes the listener when the wait settles.
    const on = (target: EventTarget, type: string) => target.addEventListener(type, test, done);
    const timer = ms === undefined ? undefined : setTimeout(() => settle(late?.()), ms);
    if (signal) on(signal, 'abort');
    listen(on);
    test();
  });
}

/** Resolves after `ms`, or rejects with kind 'aborted' as soon as `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal) => until(signal, ms);

/** `promise`, or a rejection with kind 'aborted' as soon as `signal` aborts (`promise` runs on). */
export const abortable = <T>(promise: Promise<T>, signal: AbortSignal) => Promise.race([promise, until(signal) as Promise<never>]);

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
