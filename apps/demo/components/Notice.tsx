import Link from 'next/link';
import type { ReactNode } from 'react';

/** A page-sized message (not found, deleted, failed to load) with one way on. */
export function Notice({
  title,
  state,
  children,
  action = { href: '/', label: 'Back to your live inputs' },
}: {
  title: string;
  state: string;
  children: ReactNode;
  /** `reload`: a full page load, to try the server again (a client navigation may reuse what it has). */
  action?: { href: string; label: string; reload?: boolean };
}) {
  return (
    <section className="card notice" data-state={state}>
      <h1 className="page-title">{title}</h1>
      {children}
      <p className="controls">
        {action.reload ? (
          <a className="button" href={action.href}>
            {action.label}
          </a>
        ) : (
          <Link className="button" href={action.href}>
            {action.label}
          </Link>
        )}
      </p>
    </section>
  );
}
