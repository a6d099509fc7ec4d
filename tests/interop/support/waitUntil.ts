/**
 * Polls `probe` until it returns a value; after `timeoutMs` fails with `what`, the probe's last error and
 * `lastSeen()` (what was observed instead). A probe that never settles (a browser that stopped
 * answering) fails at the same deadline instead of holding the test until its own timeout.
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
      let timer: ReturnType<typeof setTimeout> | undefined;
      const hung = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the probe did not answer')), Math.max(0, deadline - Date.now()) + 1_000);
      });
      const value = await Promise.race([probe(), hung]).finally(() => clearTimeout(timer));
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
