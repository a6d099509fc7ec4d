'use client';
import { useSyncExternalStore } from 'react';

/** A value read from `document`, re-read on each of `events` (they bubble to it); `fallback` on the server. */
export function useDocumentState<T>(events: string[], read: (document: Document) => T, fallback: T): T {
  return useSyncExternalStore(
    (listener) => {
      for (const event of events) document.addEventListener(event, listener);
      return () => {
        for (const event of events) document.removeEventListener(event, listener);
      };
    },
    () => read(document),
    () => fallback,
  );
}
