'use client';
import { useCallback, useState } from 'react';

/** Radix's controlled/uncontrolled pattern: `prop` wins when defined; `onChange` hears every change either way. */
export function useControllableState<T>(
  prop: T | undefined,
  defaultProp: T | undefined,
  onChange: ((value: T) => void) | undefined,
): [T | undefined, (next: T) => void] {
  const [uncontrolled, setUncontrolled] = useState(defaultProp);
  const controlled = prop !== undefined;
  const value = controlled ? prop : uncontrolled;
  const setValue = useCallback(
    (next: T) => {
      if (!controlled) setUncontrolled(next);
      if (!Object.is(next, value)) onChange?.(next);
    },
    [controlled, value, onChange],
  );
  return [value, setValue];
}
