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
  const { name, message = String(error) } = (error ?? {}) as Error;
  const unsupported = error instanceof TypeError;
  // (A TimeoutError comes only from fetch, which never gets here: see `fetchFailed`.)
  const kind = signal?.aborted || name === 'AbortError' ? 'aborted' : unsupported ? 'unsupported' : 'protocol';
  return new OnairError(kind, unsupported ? `Unsupported here: ${message}` : message, { cause: error });
}

/** A fetch that got no response: it timed out, `signal` aborted it, or the server was unreachable. */
export function fetchFailed(error: unknown, timedOut: boolean, signal?: AbortSignal): OnairError {
  if (timedOut) return new OnairError('timeout', 'The server did not answer in time', { cause: error });
  return signal?.aborted ? toOnairError(error, signal) : new OnairError('network', `${(error as Error).message}: server unreachable, or CORS refused`, { cause: error });
}
