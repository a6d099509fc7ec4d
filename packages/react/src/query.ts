// A separate entry, `@onair/react/query`: only apps using TanStack Query (an optional peer) import it.
export { useLiveInput, type UseLiveInputOptions } from './useLiveInput';
export { useCreateLiveInput, type UseCreateLiveInputOptions } from './useCreateLiveInput';
export { liveInputQueryKey } from './liveInputQueryKey';
