'use client';
import { useSyncExternalStore } from 'react';

/** A value read from `document`, re-read on `event`; `fallback` on the server. */
export function useDocumentState<T>(event: string, read: (document: Document) => T, fallback: T): T {
  return useSyncExternalStore(
    (listener) => {
      document.addEventListener(event, listener);
      return () => document.removeEventListener(event, listener);
    },
    () => read(document),
    () => fallback,
  );
}
