import type { DemoApiFailure } from './demoApiError';

/** A server-side load that pages render and route handlers answer with: the data, or a failure to show. */
export type DemoResult<T> = { readonly ok: true; readonly data: T } | ({ readonly ok: false } & DemoApiFailure);

export const NOT_A_LIVE_INPUT_UID: DemoApiFailure = Object.freeze({
  status: 404,
  kind: 'not-found',
  message: 'That is not a live input id (expected 32 hexadecimal characters).',
});
