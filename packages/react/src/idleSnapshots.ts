import type { WhepSnapshot, WhipSnapshot } from '@onair/core';
import type { PublisherSnapshot } from './cameraPublisher';
import type { PlayerSnapshot } from './whepPlayer';

// What the server renders and what a session looks like before start: module constants, so
// useSyncExternalStore gets the same object on every call. The WHEP one is the WHIP one plus the
// player's extras; simulated sessions start from it too.
export const IDLE_WHIP: WhipSnapshot = Object.freeze({ status: 'idle', error: null, sessionUrl: null, stream: null, links: [] });
export const IDLE_WHEP: WhepSnapshot = Object.freeze({ ...IDLE_WHIP, status: 'idle', viewerCount: null, streamEnded: false });
export const IDLE_PUBLISHER: PublisherSnapshot = Object.freeze({ ...IDLE_WHIP, muted: { audio: false, video: false }, screenSharing: false });
export const IDLE_PLAYER: PlayerSnapshot = Object.freeze({ ...IDLE_WHEP, muted: true, volume: 1, hasAudio: false, hasVideo: false });
