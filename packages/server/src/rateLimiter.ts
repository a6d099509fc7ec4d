/** Requests allowed per client IP per window on state-changing methods (POST/PATCH/DELETE). */
export interface RateLimit {
  max: number;
  windowMs: number;
}

// Generous: a page that reconnects in a loop or a test suite never trips it; a flood does.
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 600, windowMs: 10_000 };

/** Fixed-window counter per key; old windows are dropped lazily so memory stays bounded. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: RateLimit) {}

  /** Returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.limit.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count <= this.limit.max) return 0;
    return Math.max(1, Math.ceil((window.start + this.limit.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.limit.windowMs) this.windows.delete(key);
    }
  }
}
