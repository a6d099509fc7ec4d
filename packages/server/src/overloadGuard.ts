import { HttpError } from './httpError.js';

export interface OverloadLimits {
  /** Open WHIP + WHEP sessions beyond which new ones are refused. */
  maxSessions?: number;
  /** Event-loop delay (ms) beyond which new sessions are refused for a second: the relay is saturated. */
  maxEventLoopLagMs?: number;
}

/** What a refused client is told to wait: long enough for load to settle, short for a viewer. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 2;
const SAMPLE_MS = 50;
/** One late tick keeps new sessions out this long, so admissions do not flap around the threshold. */
const HOLD_MS = 1000;

/**
 * Refuses new WHIP/WHEP sessions with 503 + Retry-After while the server is full or its event loop
 * lags: past that point every viewer loses the same packets (the loop stops reading the creator's),
 * so one more session would hurt all of them. Existing sessions are never touched.
 */
export class OverloadGuard {
  private timer: NodeJS.Timeout | null = null;
  private expected = 0;
  private laggedUntil = 0;

  constructor(
    private readonly limits: OverloadLimits,
    private readonly sessionCount: () => number,
  ) {
    if (limits.maxEventLoopLagMs === undefined) return;
    this.expected = Date.now() + SAMPLE_MS;
    this.timer = setInterval(() => {
      this.noteLag(Date.now() - this.expected);
      this.expected = Date.now() + SAMPLE_MS;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  /** Throws the 503 when a new session should wait. */
  admit(): void {
    const { maxSessions, maxEventLoopLagMs } = this.limits;
    if (maxSessions !== undefined && this.sessionCount() >= maxSessions) throw overloaded(`The server holds its maximum of ${maxSessions} sessions`);
    if (maxEventLoopLagMs === undefined) return;
    // A loop blocked right now has not run its overdue tick yet: count that delay too.
    this.noteLag(Date.now() - this.expected);
    if (Date.now() < this.laggedUntil) throw overloaded('The server is overloaded');
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private noteLag(lag: number): void {
    if (lag > (this.limits.maxEventLoopLagMs ?? Infinity)) this.laggedUntil = Date.now() + HOLD_MS;
  }
}

const overloaded = (message: string) =>
  new HttpError(503, `${message}; retry after the indicated delay`, undefined, { 'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS) });
