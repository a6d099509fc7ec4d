import { afterEach, expect, it, vi } from 'vitest';
import { Subscribable } from './subscribable';

class Counter extends Subscribable<{ n: number }> {
  observed: boolean[] = [];
  constructor() {
    super({ n: 0 });
  }
  increment() {
    this.update({ n: this.getSnapshot().n + 1 });
  }
  protected override onObserved(observed: boolean) {
    this.observed.push(observed);
  }
}

afterEach(() => vi.unstubAllGlobals());

it('gives frozen snapshots and notifies every listener until it unsubscribes', () => {
  const store = new Counter();
  const seen: number[] = [];
  const off = store.subscribe(() => seen.push(store.getSnapshot().n));
  store.increment();
  off();
  store.increment();
  expect(seen).toEqual([1]);
  expect(Object.isFrozen(store.getSnapshot())).toBe(true);
});

it('reports a throwing listener and still runs the others, with the state updated', () => {
  const reportError = vi.fn();
  vi.stubGlobal('reportError', reportError);
  const store = new Counter();
  const boom = new Error('app code threw');
  const later = vi.fn();
  store.subscribe(() => {
    throw boom;
  });
  store.subscribe(later);
  expect(() => store.increment()).not.toThrow();
  expect(reportError).toHaveBeenCalledWith(boom);
  expect(later).toHaveBeenCalledTimes(1);
  expect(store.getSnapshot().n).toBe(1);
});

it('tells when the first listener arrives and the last one leaves', () => {
  const store = new Counter();
  const a = store.subscribe(() => {});
  const b = store.subscribe(() => {});
  a();
  a();
  b();
  expect(store.observed).toEqual([true, false]);
});
