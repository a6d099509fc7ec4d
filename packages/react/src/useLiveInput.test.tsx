import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCreateLiveInput } from './useCreateLiveInput';
import { useLiveInput } from './useLiveInput';

afterEach(cleanup);

interface Input {
  uid: string;
  webRTC: { url: string };
}
const input: Input = { uid: 'abc', webRTC: { url: 'https://example.invalid/abc/webRTC/publish' } };

function withClient() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return { client, wrapper };
}

describe('useLiveInput / useCreateLiveInput', () => {
  it('fetches nothing without a uid, then loads it through the app fetcher', async () => {
    const { wrapper } = withClient();
    const fetchLiveInput = vi.fn(async (uid: string) => ({ ...input, uid }));
    const { result, rerender } = renderHook(({ uid }: { uid?: string }) => useLiveInput({ uid, fetchLiveInput }), {
      wrapper,
      initialProps: {},
    });
    expect(result.current.fetchStatus).toBe('idle');
    expect(fetchLiveInput).not.toHaveBeenCalled();

    rerender({ uid: 'abc' });
    await waitFor(() => expect(result.current.data).toEqual(input));
    expect(fetchLiveInput).toHaveBeenCalledWith('abc', expect.any(AbortSignal));
  });

  it('seeds the cache on create, so the input shows at once', async () => {
    const { wrapper } = withClient();
    const fetchLiveInput = vi.fn(async () => input);
    const created = renderHook(() => useCreateLiveInput<Input>({ createLiveInput: async () => input }), { wrapper });
    await act(() => created.result.current.mutateAsync());
    const loaded = renderHook(() => useLiveInput({ uid: 'abc', fetchLiveInput }), { wrapper });
    expect(loaded.result.current.data).toEqual(input);
  });
});
