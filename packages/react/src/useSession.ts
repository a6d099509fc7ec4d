'use client';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';

/** What a hook needs from a core session (WhipSession, WhepSession or a simulated one). */
export interface SubscribableSession<Snapshot> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Snapshot;
  stop(): Promise<void>;
}

/**
 * One session per hook instance and `key` (a new key, e.g. another URL, makes a new session), read with
 * useSyncExternalStore (the server renders `serverSnapshot`), and stopped when the component unmounts.
 *
 * The stop is deferred by a microtask: StrictMode's mount → unmount → mount runs synchronously, so the
 * re-mount cancels it and the session (and whatever it holds on the server) survives as the only one.
 */
export function useSession<S extends SubscribableSession<Snapshot>, Snapshot>(
  key: unknown,
  create: () => S,
  serverSnapshot: Snapshot,
): [S, Snapshot] {
  const [entry, setEntry] = useState(() => ({ key, session: create() }));
  let session = entry.session;
  if (!Object.is(entry.key, key)) {
    // React's "adjust state while rendering" pattern: constructors are pure, so a discarded render costs nothing.
    const next = { key, session: create() };
    setEntry(next);
    session = next.session;
  }

  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  const getSnapshot = useCallback(() => session.getSnapshot(), [session]);
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, () => serverSnapshot);

  const pendingStops = useRef(new Set<S>());
  useEffect(() => {
    const pending = pendingStops.current;
    pending.delete(session);
    return () => {
      pending.add(session);
      queueMicrotask(() => {
        if (pending.delete(session)) void session.stop();
      });
    };
  }, [session]);

  return [session, snapshot];
}
