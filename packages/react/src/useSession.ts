'use client';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

/** What a hook keeps per component: one of our stores over a core session (CameraPublisher, WhepPlayer). */
export interface SessionStore<Snapshot> {
  /** Bound (Subscribable's arrows): passed to useSyncExternalStore as they are. */
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => Snapshot;
  /** Ends everything the store holds (the component unmounted). */
  dispose(): Promise<void>;
}

/**
 * One store per hook instance and `key` (a new key, e.g. another URL, makes a new one), read with
 * useSyncExternalStore (the server renders `serverSnapshot`), and disposed when the component unmounts.
 *
 * The dispose is deferred by a microtask: StrictMode's mount → unmount → mount runs synchronously, so the
 * re-mount claims the store again first and the session (and whatever it holds on the server) survives
 * as the only one.
 */
export function useSession<S extends SessionStore<Snapshot>, Snapshot>(key: unknown, create: () => S, serverSnapshot: Snapshot): [S, Snapshot] {
  const [entry, setEntry] = useState(() => ({ key, store: create() }));
  let store = entry.store;
  if (!Object.is(entry.key, key)) {
    // React's "adjust state while rendering" pattern: constructors are pure, so a discarded render costs nothing.
    const next = { key, store: create() };
    setEntry(next);
    store = next.store;
  }
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, () => serverSnapshot);

  const mounted = useRef<S | null>(null);
  useEffect(() => {
    mounted.current = store;
    return () => {
      mounted.current = null;
      queueMicrotask(() => {
        if (mounted.current !== store) void store.dispose();
      });
    };
  }, [store]);

  return [store, snapshot];
}
