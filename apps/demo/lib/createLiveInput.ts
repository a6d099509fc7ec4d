import { DemoApiError, type DemoApiErrorBody } from './demoApiError';
import type { CreatedLiveInput } from './liveInputViews';

/** Browser side of `POST /api/live-inputs`; failures are DemoApiErrors with a message to show as is. */
export async function createLiveInput(name: string): Promise<CreatedLiveInput> {
  let response: Response;
  try {
    response = await fetch('/api/live-inputs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
  } catch {
    throw new DemoApiError('network', 'Could not reach the demo server. Is `next dev` still running?');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as Partial<DemoApiErrorBody> | null)?.error;
    throw new DemoApiError(error?.kind ?? 'internal', error?.message ?? `The demo server answered HTTP ${response.status}.`, response.status);
  }
  return body as CreatedLiveInput;
}
