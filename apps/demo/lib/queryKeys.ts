// The demo's own TanStack Query keys; one input's studio view uses @onair/react/query's liveInputQueryKey.
export const liveInputsQueryKey = ['demo', 'live-inputs'] as const;
export const liveInputActivityQueryKey = (uid: string) => ['demo', 'live-inputs', uid, 'activity'] as const;

// How often open pages refresh who is live and how many watch: cheap GETs to the demo's route handlers.
export const ACTIVITY_REFRESH_MS = 3_000;
