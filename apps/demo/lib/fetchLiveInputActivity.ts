import { OnairError } from '@onair/core';
import { UNKNOWN_ACTIVITY, type LiveInputActivity } from './liveInputViews';
import type { StreamConfig } from './streamConfig';

// A slow playback host must not hold a page: its input shows "unknown" instead.
const ACTIVITY_TIMEOUT_MS = 3_000;

/**
 * Whether the input is live, from Cloudflare's public `GET /{uid}/lifecycle` (which @onair/server
 * mirrors), and how many watch, from @onair/server's `GET /{uid}/views`. Cloudflare counts no viewers
 * of WebRTC inputs, so there the count is null rather than a wrong 0.
 */
export async function fetchLiveInputActivity(playbackUrl: string, config: StreamConfig): Promise<LiveInputActivity> {
  const inputUrl = playbackUrl.replace(/\/webRTC\/play$/, '');
  if (inputUrl === playbackUrl) return UNKNOWN_ACTIVITY;
  const [lifecycle, views] = await Promise.all([
    getJson(`${inputUrl}/lifecycle`),
    config.target === 'local' ? getJson(`${inputUrl}/views`).catch(() => null) : null,
  ]);
  // Cloudflare answers lifecycle for any uid it knows; `isInput: false` is a video, not a live input.
  if (lifecycle.isInput === false) throw new OnairError('api', 'Not a live input', { status: 404 });
  const liveViewers = views?.liveViewers;
  return {
    live: typeof lifecycle.live === 'boolean' ? lifecycle.live : null,
    viewerCount: typeof liveViewers === 'number' && Number.isInteger(liveViewers) && liveViewers >= 0 ? liveViewers : null,
  };
}

/** GETs a public JSON resource of the playback host; failures are OnairErrors like the API client's. */
async function getJson(url: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(ACTIVITY_TIMEOUT_MS) });
  } catch (error) {
    const kind = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
    throw new OnairError(kind, `GET ${url} failed: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) throw new OnairError('api', `GET ${new URL(url).pathname} answered HTTP ${response.status}`, { status: response.status });
  const body: unknown = await response.json().catch(() => null);
  if (typeof body !== 'object' || body === null) throw new OnairError('api', `GET ${new URL(url).pathname} did not answer JSON`);
  return body as Record<string, unknown>;
}
