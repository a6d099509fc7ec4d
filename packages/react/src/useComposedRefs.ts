'use client';
import { useCallback, type Ref } from 'react';

function setRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}

/** One callback ref that feeds the user's ref and ours. */
export function useComposedRefs<T>(a: Ref<T> | undefined, b: Ref<T> | undefined): (node: T | null) => void {
  return useCallback(
    (node: T | null) => {
      setRef(a, node);
      setRef(b, node);
    },
    [a, b],
  );
}
