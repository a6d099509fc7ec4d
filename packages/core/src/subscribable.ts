/**
 * The one store base: an immutable snapshot and a set of listeners (the shape useSyncExternalStore
 * wants). A listener that throws is reported (`reportError`) and the others still run, so one bad
 * subscriber cannot break a session mid-transition.
 */
export class Subscribable<T extends object> {
  #snapshot: T;
  readonly #listeners = new Set<() => void>();

  constructor(initial: T) {
    this.#snapshot = Object.freeze(initial);
  }

  // Arrow properties: React passes these around unbound.
  readonly subscribe = (listener: () => void): (() => void) => {
    if (!this.#listeners.size) this.onObserved(true);
    this.#listeners.add(listener);
    return () => {
      if (this.#listeners.delete(listener) && !this.#listeners.size) this.onObserved(false);
    };
  };

  readonly getSnapshot = (): T => this.#snapshot;

  /** Called when the first listener subscribes (true) and when the last one leaves (false). */
  protected onObserved(_observed: boolean): void {}

  protected update(patch: Partial<T>): void {
    this.#snapshot = Object.freeze({ ...this.#snapshot, ...patch });
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        // Node before 22 has no reportError.
        (globalThis.reportError ?? console.error)(error);
      }
    }
  }
}
