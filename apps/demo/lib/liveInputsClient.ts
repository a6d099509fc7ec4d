import 'server-only';
import { LiveInputsClient } from '@onair/core';
import { streamConfig, type StreamConfig } from './streamConfig';

/** A Stream API client for route handlers and server components; holds the API token, so never import it from the browser. */
export function liveInputsClient(config: StreamConfig = streamConfig()): LiveInputsClient {
  return new LiveInputsClient({ accountId: config.accountId, apiToken: config.apiToken, baseUrl: config.baseUrl });
}
