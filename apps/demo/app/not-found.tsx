import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="card" data-state="not-found">
      <h1 className="page-title">No such live input</h1>
      <p className="muted">The link may be mistyped, or the input was deleted.</p>
      <p className="controls">
        <Link className="button" href="/">
          Create a live input
        </Link>
      </p>
    </section>
  );
}
