import { errorResponse } from '../../../../lib/demoApiError';
import { loadPlayableLiveInput } from '../../../../lib/loadPlayableLiveInput';

/** Playback details for a watch link: the WHEP URL, never the creator's WHIP URL. */
export async function GET(_request: Request, { params }: { params: Promise<{ uid: string }> }): Promise<Response> {
  const result = await loadPlayableLiveInput((await params).uid);
  return result.ok ? Response.json(result.input) : errorResponse(result);
}
