'use client';
import { useSyncExternalStore } from 'react';

/** A value read from `document`, re-read on each of `events` (they bubble to it); null on the server. */
export function useDocumentState<T>(events: string[], read: (document: Document) => T): T | null {
  return useSyncExternalStore(
    (listener) => {
      for (const event of events) document.addEventListener(event, listener);
      return () => {
        for (const event of events) document.removeEventListener(event, listener);
      };
    },
    () => read(document),
    () => null,
  );
}
