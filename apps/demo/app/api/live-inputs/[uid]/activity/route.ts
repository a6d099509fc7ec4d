import { errorResponse } from '../../../../../lib/demoApiError';
import { loadLiveInputActivity } from '../../../../../lib/liveInputActivity';

/** Whether the input is live and how many watch (null where the host does not count); 404 once deleted. */
export async function GET(_request: Request, { params }: { params: Promise<{ uid: string }> }): Promise<Response> {
  const result = await loadLiveInputActivity((await params).uid);
  return result.ok ? Response.json(result.data) : errorResponse(result);
}
