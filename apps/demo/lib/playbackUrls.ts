import type { LiveInputsClient } from '@onair/core';
import type { StreamConfig } from './streamConfig';

// Every input of an account plays from one host, at `${origin}/${uid}/webRTC/play` (Cloudflare:
// customer-<code>.cloudflarestream.com; @onair/server: its public URL). Remembering that origin lets the
// home page poll every input's activity with one API call, not one per input (Cloudflare rate-limits the API).
const origins = new Map<string, string>();

const playbackPath = (uid: string) => `/${uid}/webRTC/play`;
const accountKey = (config: StreamConfig) => `${config.baseUrl} ${config.accountId}`;

/** Learns the account's playback origin from any input the API returned. */
export function rememberPlaybackUrl(config: StreamConfig, input: { uid: string; webRTCPlayback: { url: string } }): void {
  const { url } = input.webRTCPlayback;
  const path = playbackPath(input.uid);
  if (url.endsWith(path)) origins.set(accountKey(config), url.slice(0, -path.length));
}

/** The input's WHEP URL: from the remembered origin, else from the API (which also says 404 for an unknown input). */
export async function playbackUrlOf(uid: string, config: StreamConfig, client: Pick<LiveInputsClient, 'get'>): Promise<string> {
  const origin = origins.get(accountKey(config));
  if (origin !== undefined) return origin + playbackPath(uid);
  const input = await client.get(uid);
  rememberPlaybackUrl(config, input);
  return input.webRTCPlayback.url;
}
