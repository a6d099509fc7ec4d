/** Why a demo API call failed, as the route handlers report it and the pages show it. */
export type DemoApiErrorKind = 'bad-request' | 'not-found' | 'unauthorized' | 'unreachable' | 'api' | 'network' | 'internal';

/** A failure as data: HTTP status for the route handler, kind for `data-state`, message for people. */
export interface DemoApiFailure {
  readonly status: number;
  readonly kind: DemoApiErrorKind;
  readonly message: string;
}

export interface DemoApiErrorBody {
  readonly error: { readonly kind: DemoApiErrorKind; readonly message: string };
}

export class DemoApiError extends Error {
  override readonly name = 'DemoApiError';
  constructor(
    readonly kind: DemoApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export function errorResponse({ status, kind, message }: DemoApiFailure): Response {
  const body: DemoApiErrorBody = { error: { kind, message } };
  return Response.json(body, { status });
}
