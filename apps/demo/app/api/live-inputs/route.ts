import { errorResponse } from '../../../lib/demoApiError';
import { describeApiError } from '../../../lib/describeApiError';
import { liveInputsClient } from '../../../lib/liveInputsClient';
import { toStudioLiveInput } from '../../../lib/liveInputViews';
import { loadLiveInputList } from '../../../lib/loadLiveInputList';
import { rememberPlaybackUrl } from '../../../lib/playbackUrls';
import { MAX_LIVE_INPUT_NAME_LENGTH, readLiveInputName } from '../../../lib/readLiveInputName';
import { streamConfig } from '../../../lib/streamConfig';

/** Every live input with its activity (live, viewers); no credentials, like the Stream API's list. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await loadLiveInputList());
  } catch (error) {
    return errorResponse(describeApiError(error, streamConfig()));
  }
}

/** Creates a WebRTC live input (recording off); the creator gets its WHIP and WHEP URLs, never the API token. */
export async function POST(request: Request): Promise<Response> {
  const name = await readLiveInputName(request);
  if (name === null) {
    return errorResponse({
      status: 400,
      kind: 'bad-request',
      message: `Send JSON like {"name": "My stream"} (a string of at most ${MAX_LIVE_INPUT_NAME_LENGTH} characters).`,
    });
  }
  const config = streamConfig();
  try {
    const input = await liveInputsClient(config).create({
      meta: { name: name || 'Untitled live input' },
      recording: { mode: 'off' },
    });
    rememberPlaybackUrl(config, input);
    return Response.json(toStudioLiveInput(input), { status: 201 });
  } catch (error) {
    return errorResponse(describeApiError(error, config));
  }
}
