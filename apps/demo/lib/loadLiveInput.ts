import 'server-only';
import type { LiveInput } from '@onair/core';
import { describeApiError } from './describeApiError';
import { NOT_A_LIVE_INPUT_UID, type DemoResult } from './demoResult';
import { liveInputsClient } from './liveInputsClient';
import { isLiveInputUid } from './liveInputUid';
import { rememberPlaybackUrl } from './playbackUrls';
import { streamConfig } from './streamConfig';

/** Looks one input up and returns the part `toView` lets through (the studio's or a viewer's); shared by pages and route handlers. */
export async function loadLiveInput<T>(uid: string, toView: (input: LiveInput) => T): Promise<DemoResult<T>> {
  if (!isLiveInputUid(uid)) return { ok: false, ...NOT_A_LIVE_INPUT_UID };
  const config = streamConfig();
  try {
    const input = await liveInputsClient(config).get(uid);
    rememberPlaybackUrl(config, input);
    return { ok: true, data: toView(input) };
  } catch (error) {
    return { ok: false, ...describeApiError(error, config) };
  }
}
