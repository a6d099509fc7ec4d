'use client';

/** Anything a page did not expect: say so, and offer to try again. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section className="card notice" data-state="error">
      <h1 className="page-title">Something went wrong</h1>
      <p className="muted">The page hit an unexpected error. The demo server&apos;s log has the details.</p>
      <p className="controls">
        <button className="button" type="button" onClick={reset}>
          Try again
        </button>
      </p>
    </section>
  );
}
