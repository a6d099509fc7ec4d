const STARTABLE: ReadonlySet<string> = new Set(['idle', 'ended', 'failed']);
const inFlight = new WeakMap<object, Promise<void>>();

interface Startable {
  getSnapshot(): { status: string };
}

/**
 * Idempotent start: a call while the session is starting or running does nothing, so StrictMode's
 * double effects and double clicks make one server session. Failures are in the session's snapshot.
 */
export function startOnce(session: Startable, start: () => Promise<void>): Promise<void> {
  const pending = inFlight.get(session);
  if (pending) return pending;
  if (!STARTABLE.has(session.getSnapshot().status)) return Promise.resolve();
  const run = start()
    .catch(() => {
      // The session's snapshot now carries the error (`failed`); the caller reads it from there.
    })
    .finally(() => inFlight.delete(session));
  inFlight.set(session, run);
  return run;
}
