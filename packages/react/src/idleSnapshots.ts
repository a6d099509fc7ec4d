import type { WhepSnapshot, WhipSnapshot } from '@onair/core';

// What the server renders and what a session looks like before start: module constants, so
// useSyncExternalStore gets the same object on every call.
export const IDLE_WHIP: WhipSnapshot = Object.freeze({ status: 'idle', error: null, sessionUrl: null, stream: null, links: [] });
export const IDLE_WHEP: WhepSnapshot = Object.freeze({
  status: 'idle',
  error: null,
  sessionUrl: null,
  stream: null,
  links: [],
  viewerCount: null,
  streamEnded: false,
});
