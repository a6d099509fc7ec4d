import type { LiveInput, LiveInputSummary } from '@onair/core';

/** What the creator's studio gets: the WHIP URL is the publish credential, so only the creator sees it. */
export interface StudioLiveInput {
  readonly uid: string;
  readonly name: string;
  readonly webRTC: { readonly url: string };
  readonly webRTCPlayback: { readonly url: string };
}

/** What anyone holding the watch link may know about an input: no publish credentials. */
export interface PlayableLiveInput {
  readonly uid: string;
  readonly name: string;
  readonly status: string | null;
  readonly webRTCPlayback: { readonly url: string };
}

/**
 * What is happening on an input right now, from its playback host. `null` means unknown: the host did
 * not say (Cloudflare has no viewer count for WebRTC inputs), which the pages show as nothing, never as 0.
 */
export interface LiveInputActivity {
  readonly live: boolean | null;
  readonly viewerCount: number | null;
}

/** One row of the home page's list: no credentials (the API's list has none either). */
export interface LiveInputListItem extends LiveInputActivity {
  readonly uid: string;
  readonly name: string;
  readonly created: string;
}

export const UNKNOWN_ACTIVITY: LiveInputActivity = Object.freeze({ live: null, viewerCount: null });

export function toStudioLiveInput(input: LiveInput): StudioLiveInput {
  return { uid: input.uid, name: inputName(input), webRTC: { url: input.webRTC.url }, webRTCPlayback: { url: input.webRTCPlayback.url } };
}

export function toPlayableLiveInput(input: LiveInput): PlayableLiveInput {
  return { uid: input.uid, name: inputName(input), status: input.status, webRTCPlayback: { url: input.webRTCPlayback.url } };
}

export function toLiveInputListItem(input: LiveInputSummary, activity: LiveInputActivity): LiveInputListItem {
  return { uid: input.uid, name: inputName(input), created: input.created, ...activity };
}

function inputName(input: LiveInputSummary): string {
  const name = input.meta.name;
  return typeof name === 'string' && name ? name : 'Untitled live input';
}
