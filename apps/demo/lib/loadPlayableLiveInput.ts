import type { DemoApiFailure } from './demoApiError';
import { describeApiError } from './describeApiError';
import { liveInputsClient } from './liveInputsClient';
import { isLiveInputUid } from './liveInputUid';
import { toPlayableLiveInput, type PlayableLiveInput } from './liveInputViews';
import { streamConfig } from './streamConfig';

export type PlayableLiveInputResult = { readonly ok: true; readonly input: PlayableLiveInput } | ({ readonly ok: false } & DemoApiFailure);

/** Looks up what a watch link plays; shared by the watch page and `GET /api/live-inputs/[uid]`. */
export async function loadPlayableLiveInput(uid: string): Promise<PlayableLiveInputResult> {
  if (!isLiveInputUid(uid)) {
    return { ok: false, status: 404, kind: 'not-found', message: 'That is not a live input id (expected 32 hexadecimal characters).' };
  }
  const config = streamConfig();
  try {
    return { ok: true, input: toPlayableLiveInput(await liveInputsClient(config).get(uid)) };
  } catch (error) {
    return { ok: false, ...describeApiError(error, config) };
  }
}
