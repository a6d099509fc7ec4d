/**
 * Polls `probe` until it returns a value; after `timeoutMs` fails with `what`, the probe's last error and
 * `lastSeen()` (what was observed instead).
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  { timeoutMs, intervalMs = 250, lastSeen }: { timeoutMs: number; intervalMs?: number; lastSeen?: () => string },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined) return value;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = lastSeen ? `; last seen: ${lastSeen()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
