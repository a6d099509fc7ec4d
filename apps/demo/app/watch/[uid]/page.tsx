import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Viewer } from '../../../components/Viewer';
import { loadPlayableLiveInput } from '../../../lib/loadPlayableLiveInput';

interface WatchPageProps {
  readonly params: Promise<{ uid: string }>;
}

export const metadata: Metadata = { title: 'Watch · onair demo' };

/** Looks the input up on the server (no API token in the browser) and plays its WHEP URL. */
export default async function WatchPage({ params }: WatchPageProps) {
  const { uid } = await params;
  const result = await loadPlayableLiveInput(uid);
  if (!result.ok && result.kind === 'not-found') notFound();
  if (!result.ok) {
    return (
      <section className="card" data-state="error" data-kind={result.kind}>
        <h1 className="page-title">This stream could not be loaded</h1>
        <p className="alert" role="alert">
          {result.message}
        </p>
        <p className="controls">
          <a className="button" href={`/watch/${uid}`}>
            Try again
          </a>
          <Link className="button" href="/">
            Back to the studio
          </Link>
        </p>
      </section>
    );
  }
  return <Viewer input={result.input} />;
}
