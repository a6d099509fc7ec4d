/**
 * A request the server refuses on purpose. Handlers throw it; the HTTP layer turns it into a
 * response, so no handler writes error bodies itself.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Cloudflare API error code (envelope style). */
    readonly code: number = 10000 + status,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
