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
    super(message, details);
    Object.assign(this, details, { kind });
  }
}

/**
 * Wraps anything thrown (DOMException, TypeError, …) in an OnairError. A TypeError here is a
 * platform API this browser lacks (fetch failures never get here: the HTTP layer calls them
 * `network` itself), so it is `unsupported`, not "server unreachable".
 */
export function toOnairError(error: unknown, signal?: AbortSignal): OnairError {
  if (error instanceof OnairError) return error;
  const name = (error as Error | undefined)?.name;
  const message = (error as Error | undefined)?.message ?? String(error);
  const [kind, text]: [OnairErrorKind, string] =
    signal?.aborted || name === 'AbortError'
      ? ['aborted', 'Aborted']
      : name === 'TimeoutError'
        ? ['timeout', TIMEOUT]
        : error instanceof TypeError
          ? ['unsupported', `Not supported by this browser: ${message}`]
          : ['protocol', message];
  return new OnairError(kind, text, { cause: error });
}

const TIMEOUT = 'The server did not answer in time';

/** A fetch that got no response: aborted by `signal`, timed out, or the server was unreachable. */
export function fetchFailed(error: unknown, signal?: AbortSignal, timedOut = false): OnairError {
  return signal?.aborted || timedOut
    ? toOnairError(timedOut ? { name: 'TimeoutError' } : error, signal)
    : new OnairError('network', `${(error as Error).message}: server unreachable, or CORS preflight refused`, { cause: error });
}
