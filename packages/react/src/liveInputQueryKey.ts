/** The query key of one live input, shared by useLiveInput and useCreateLiveInput (and apps invalidating it). */
export const liveInputQueryKey = (uid: string) => ['onair', 'live-input', uid] as const;
