import { DemoApiError, type DemoApiErrorBody } from './demoApiError';
import type { LiveInputActivity, LiveInputListItem, StudioLiveInput } from './liveInputViews';

// The browser side of the demo's route handlers (app/api/live-inputs). Failures are DemoApiErrors whose
// message can be shown as is.

export const fetchLiveInputs = (signal?: AbortSignal) => requestJson<LiveInputListItem[]>('/api/live-inputs', { signal });

export const createLiveInput = (name: string) =>
  requestJson<StudioLiveInput>('/api/live-inputs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });

export const deleteLiveInput = (uid: string) => requestJson<void>(`/api/live-inputs/${uid}`, { method: 'DELETE' });

export const fetchStudioLiveInput = (uid: string, signal?: AbortSignal) => requestJson<StudioLiveInput>(`/api/live-inputs/${uid}/studio`, { signal });

export const fetchLiveInputActivity = (uid: string, signal?: AbortSignal) =>
  requestJson<LiveInputActivity>(`/api/live-inputs/${uid}/activity`, { signal });

async function requestJson<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new DemoApiError('network', 'Could not reach the demo server. Is it still running?');
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as Partial<DemoApiErrorBody> | null)?.error;
    throw new DemoApiError(error?.kind ?? 'internal', error?.message ?? `The demo server answered HTTP ${response.status}.`, response.status);
  }
  return body as T;
}
