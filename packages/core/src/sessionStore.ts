/** A tiny subscribable store: immutable snapshots, one listener set (the shape useSyncExternalStore wants). */
export class SessionStore<T extends object> {
  #snapshot: T;
  readonly #listeners = new Set<() => void>();

  constructor(initial: T) {
    this.#snapshot = Object.freeze(initial);
  }

  // Arrow properties: React passes these around unbound.
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): T => this.#snapshot;

  protected update(patch: Partial<T>): void {
    this.#snapshot = Object.freeze({ ...this.#snapshot, ...patch });
    for (const listener of [...this.#listeners]) listener();
  }
}
