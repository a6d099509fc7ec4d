'use client';
import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import type { LiveInput } from '@onair/core';
import { liveInputQueryKey } from './liveInputQueryKey';

export interface UseCreateLiveInputOptions<T, Body> {
  /** Creates one on your backend (the API token stays there) and returns it. */
  createLiveInput: (body: Body) => Promise<T>;
}

/** Creates a live input (a TanStack mutation) and seeds useLiveInput's cache with it. */
export function useCreateLiveInput<T extends { uid: string } = LiveInput, Body = void>({
  createLiveInput,
}: UseCreateLiveInputOptions<T, Body>): UseMutationResult<T, Error, Body> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createLiveInput,
    onSuccess: (input) => queryClient.setQueryData(liveInputQueryKey(input.uid), input),
  });
}
