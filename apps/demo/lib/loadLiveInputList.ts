import 'server-only';
import { fetchLiveInputActivity } from './fetchLiveInputActivity';
import { liveInputsClient } from './liveInputsClient';
import { toLiveInputListItem, UNKNOWN_ACTIVITY, type LiveInputListItem } from './liveInputViews';
import { playbackUrlOf } from './playbackUrls';
import { streamConfig } from './streamConfig';

/**
 * Every live input, newest first, each with its activity; for the home page's server prefetch and
 * `GET /api/live-inputs`. Throws the API client's OnairError; one input's unreachable activity is "unknown".
 */
export async function loadLiveInputList(): Promise<LiveInputListItem[]> {
  const config = streamConfig();
  const client = liveInputsClient(config);
  const { liveInputs } = await client.list();
  const newestFirst = [...liveInputs].sort((a, b) => b.created.localeCompare(a.created));
  // The first lookup learns the account's playback host; the rest then need no API call.
  if (newestFirst[0]) await playbackUrlOf(newestFirst[0].uid, config, client).catch(() => undefined);
  return Promise.all(
    newestFirst.map(async (input) => {
      const activity = await playbackUrlOf(input.uid, config, client)
        .then((playbackUrl) => fetchLiveInputActivity(playbackUrl, config))
        .catch(() => UNKNOWN_ACTIVITY);
      return toLiveInputListItem(input, activity);
    }),
  );
}
