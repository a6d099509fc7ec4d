export type OnairErrorKind =
  | 'http'
  | 'network'
  | 'cors'
  | 'timeout'
  | 'aborted'
  | 'permission-denied'
  | 'device-not-found'
  | 'device-in-use'
  | 'protocol'
  | 'unsupported'
  | 'api'
  /** The endpoint does not exist (a deleted or mistyped live input), where the session was told to fail on 404. */
  | 'not-found';

export interface OnairErrorDetails {
  /** HTTP status of the response that failed. */
  status?: number;
  /** Parsed error body: RFC 9457 problem details, or Cloudflare's `errors` array for kind 'api'. */
  problem?: unknown;
  /** The server's `Retry-After`, in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Every failure in @onair/core is one of these: switch on `kind`, show `message`. */
export class OnairError extends Error {
  override readonly name = 'OnairError';
  // `declare`: assigned in the constructor only, no class-field initialisers in the bundle.
  declare readonly kind: OnairErrorKind;
  declare readonly status?: number;
  declare readonly problem?: unknown;
  declare readonly retryAfterMs?: number;

  constructor(kind: OnairErrorKind, message: string, details: OnairErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.problem = details.problem;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Wraps anything thrown (DOMException, TypeError from fetch, …) in an OnairError. */
export function toOnairError(error: unknown, signal?: AbortSignal): OnairError {
  if (error instanceof OnairError) return error;
  const name = (error as Error | undefined)?.name;
  const [kind, message]: [OnairErrorKind, string] =
    signal?.aborted || name === 'AbortError'
      ? ['aborted', 'Aborted']
      : name === 'TimeoutError'
        ? ['timeout', 'The server did not answer in time']
        : error instanceof TypeError
          ? ['network', `${error.message}: server unreachable, or CORS preflight refused`]
          : ['protocol', (error as Error | undefined)?.message ?? String(error)];
  return new OnairError(kind, message, { cause: error });
}
