'use client';
import { useEffect } from 'react';

interface Observable<Snapshot extends { status: string }> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Snapshot;
}

/**
 * Calls `onChange` on each status transition, from the session's own notifications: an inline callback
 * re-subscribes but never fires twice for one transition.
 */
export function useStatusChange<Snapshot extends { status: string }>(
  source: Observable<Snapshot>,
  onChange: ((status: Snapshot['status'], snapshot: Snapshot) => void) | undefined,
): void {
  useEffect(() => {
    if (!onChange) return;
    let previous = source.getSnapshot().status;
    return source.subscribe(() => {
      const snapshot = source.getSnapshot();
      if (snapshot.status === previous) return;
      previous = snapshot.status;
      onChange(snapshot.status, snapshot);
    });
  }, [source, onChange]);
}
