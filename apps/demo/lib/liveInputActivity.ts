import 'server-only';
import { describeApiError } from './describeApiError';
import { NOT_A_LIVE_INPUT_UID, type DemoResult } from './demoResult';
import { fetchLiveInputActivity } from './fetchLiveInputActivity';
import { liveInputsClient } from './liveInputsClient';
import { isLiveInputUid } from './liveInputUid';
import type { LiveInputActivity } from './liveInputViews';
import { playbackUrlOf } from './playbackUrls';
import { streamConfig } from './streamConfig';

/** One input's activity for `GET /api/live-inputs/[uid]/activity`; a deleted input is `not-found`. */
export async function loadLiveInputActivity(uid: string): Promise<DemoResult<LiveInputActivity>> {
  if (!isLiveInputUid(uid)) return { ok: false, ...NOT_A_LIVE_INPUT_UID };
  const config = streamConfig();
  try {
    const playbackUrl = await playbackUrlOf(uid, config, liveInputsClient(config));
    return { ok: true, data: await fetchLiveInputActivity(playbackUrl, config) };
  } catch (error) {
    return { ok: false, ...describeApiError(error, config) };
  }
}
