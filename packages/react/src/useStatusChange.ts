'use client';
import { useEffect, useRef } from 'react';

interface Observable<Snapshot extends { status: string }> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Snapshot;
}

/**
 * Calls `onChange` on each status transition, from the store's own notifications (every transition,
 * even two between renders); the latest callback is called, without re-subscribing when it changes.
 */
export function useStatusChange<Snapshot extends { status: string }>(
  { subscribe, getSnapshot }: Observable<Snapshot>,
  onChange: ((status: Snapshot['status'], snapshot: Snapshot) => void) | undefined,
): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    let previous = getSnapshot().status;
    return subscribe(() => {
      const snapshot = getSnapshot();
      if (snapshot.status === previous) return;
      previous = snapshot.status;
      latest.current?.(snapshot.status, snapshot);
    });
  }, [subscribe, getSnapshot]);
}
