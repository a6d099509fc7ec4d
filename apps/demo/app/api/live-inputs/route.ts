import { errorResponse } from '../../../lib/demoApiError';
import { describeApiError } from '../../../lib/describeApiError';
import { liveInputsClient } from '../../../lib/liveInputsClient';
import { toCreatedLiveInput } from '../../../lib/liveInputViews';
import { MAX_LIVE_INPUT_NAME_LENGTH, readLiveInputName } from '../../../lib/readLiveInputName';
import { streamConfig } from '../../../lib/streamConfig';

/** Creates a WebRTC live input; the browser gets its WHIP and WHEP URLs, never the API token. */
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
    return Response.json(toCreatedLiveInput(input), { status: 201 });
  } catch (error) {
    return errorResponse(describeApiError(error, config));
  }
}
