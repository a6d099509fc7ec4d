'use client';
import { useEffect, useRef } from 'react';
import type { TokenSource } from '@onair/core';
import { useOnairDefaults, type OnairDefaults } from './OnairProvider';

/**
 * The core options for a new session: the provider's defaults under the hook's own, and a token read
 * when a request needs it (the latest `token` prop or provider token, not the one at creation).
 */
export function useSessionOptions<O extends object>(token: TokenSource | undefined, options: O | undefined): () => OnairDefaults & O & { token: TokenSource } {
  const defaults = useOnairDefaults();
  const latest = useRef(token ?? defaults.token);
  useEffect(() => {
    latest.current = token ?? defaults.token;
  });
  return () => ({
    ...defaults,
    ...(options as O),
    token: async () => {
      const source = latest.current;
      // No token: core sends no Authorization header for an empty one.
      return (typeof source === 'function' ? await source() : source) ?? '';
    },
  });
}
