import { errorResponse } from '../../../../lib/demoApiError';
import { NOT_A_LIVE_INPUT_UID } from '../../../../lib/demoResult';
import { describeApiError } from '../../../../lib/describeApiError';
import { liveInputsClient } from '../../../../lib/liveInputsClient';
import { isLiveInputUid } from '../../../../lib/liveInputUid';
import { toPlayableLiveInput } from '../../../../lib/liveInputViews';
import { loadLiveInput } from '../../../../lib/loadLiveInput';
import { streamConfig } from '../../../../lib/streamConfig';

interface Context {
  readonly params: Promise<{ uid: string }>;
}

/** Playback details for a watch link: the WHEP URL, never the creator's WHIP URL. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const result = await loadLiveInput((await params).uid, toPlayableLiveInput);
  return result.ok ? Response.json(result.data) : errorResponse(result);
}

/** Deletes the input: its creator and viewers are disconnected by the media server. */
export async function DELETE(_request: Request, { params }: Context): Promise<Response> {
  const { uid } = await params;
  if (!isLiveInputUid(uid)) return errorResponse(NOT_A_LIVE_INPUT_UID);
  const config = streamConfig();
  try {
    await liveInputsClient(config).delete(uid);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(describeApiError(error, config));
  }
}
