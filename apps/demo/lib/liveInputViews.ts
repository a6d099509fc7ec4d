import type { LiveInput } from '@onair/core';

/** What the creator's browser gets after creating an input: the WHIP URL is the publish credential, so only they see it. */
export interface CreatedLiveInput {
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

export function toCreatedLiveInput(input: LiveInput): CreatedLiveInput {
  return { uid: input.uid, name: inputName(input), webRTC: { url: input.webRTC.url }, webRTCPlayback: { url: input.webRTCPlayback.url } };
}

export function toPlayableLiveInput(input: LiveInput): PlayableLiveInput {
  return { uid: input.uid, name: inputName(input), status: input.status, webRTCPlayback: { url: input.webRTCPlayback.url } };
}

function inputName(input: LiveInput): string {
  const name = input.meta.name;
  return typeof name === 'string' && name ? name : 'Untitled live input';
}
