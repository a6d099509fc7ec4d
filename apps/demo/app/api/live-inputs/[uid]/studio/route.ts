import { errorResponse } from '../../../../../lib/demoApiError';
import { toStudioLiveInput } from '../../../../../lib/liveInputViews';
import { loadLiveInput } from '../../../../../lib/loadLiveInput';

/**
 * The creator's view of an input, WHIP URL included. The demo has no sign-in, so anyone who can reach
 * it may go live on any input: put this route (and the studio page) behind your auth in a real app.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ uid: string }> }): Promise<Response> {
  const result = await loadLiveInput((await params).uid, toStudioLiveInput);
  return result.ok ? Response.json(result.data) : errorResponse(result);
}
