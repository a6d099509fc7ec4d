import { OnairError } from '@onair/core';
import type { DemoApiFailure } from './demoApiError';
import type { StreamConfig } from './streamConfig';

/** Turns a failed Stream API call into a failure the page can show; the message says what to do next. */
export function describeApiError(error: unknown, config: StreamConfig): DemoApiFailure {
  if (!(error instanceof OnairError)) {
    console.error('[onair demo] unexpected error from the Stream API client', error);
    return { status: 500, kind: 'internal', message: 'Something went wrong on the demo server; see its log.' };
  }
  if (error.kind === 'network' || error.kind === 'timeout') {
    return { status: 503, kind: 'unreachable', message: unreachableMessage(config) };
  }
  if (error.kind === 'api' && error.status === 404) {
    return { status: 404, kind: 'not-found', message: 'No live input with this id (it may have been deleted).' };
  }
  if (error.kind === 'api' && (error.status === 401 || error.status === 403)) {
    const variable = config.target === 'cloudflare' ? 'CLOUDFLARE_API_TOKEN' : 'ONAIR_API_TOKEN';
    return {
      status: 502,
      kind: 'unauthorized',
      message: `The Stream API refused the demo's credentials (HTTP ${error.status}): check ${variable}.`,
    };
  }
  return { status: 502, kind: 'api', message: `The Stream API failed: ${error.message}` };
}

function unreachableMessage(config: StreamConfig): string {
  return config.target === 'cloudflare'
    ? 'Could not reach the Cloudflare API. Check the network and try again.'
    : `Could not reach the onair server at ${config.baseUrl.replace(/\/client\/v4$/, '')}. Start it (onair-server) or set ONAIR_SERVER_URL, then try again.`;
}
