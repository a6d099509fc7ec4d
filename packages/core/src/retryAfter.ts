/** `Retry-After` (delay-seconds or HTTP-date) in milliseconds, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const ms = /^\s*\d+\s*$/.test(value ?? '') ? Number(value) * 1000 : Math.max(0, Date.parse(value!) - now);
  return Number.isNaN(ms) ? undefined : ms;
}
