import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Notice } from '../../../components/Notice';
import { Viewer } from '../../../components/Viewer';
import { toPlayableLiveInput } from '../../../lib/liveInputViews';
import { loadLiveInput } from '../../../lib/loadLiveInput';

interface WatchPageProps {
  readonly params: Promise<{ uid: string }>;
}

// Metadata and page share one lookup per request.
const loadPlayableLiveInput = cache((uid: string) => loadLiveInput(uid, toPlayableLiveInput));

export async function generateMetadata({ params }: WatchPageProps): Promise<Metadata> {
  const result = await loadPlayableLiveInput((await params).uid);
  return { title: result.ok ? `${result.data.name} · Watch · onair demo` : 'Watch · onair demo' };
}

/** Looks the input up on the server (no API token in the browser) and plays its WHEP URL. */
export default async function WatchPage({ params }: WatchPageProps) {
  const { uid } = await params;
  const result = await loadPlayableLiveInput(uid);
  if (!result.ok && result.kind === 'not-found') notFound();
  if (!result.ok) {
    return (
      <Notice title="This stream could not be loaded" state="error" action={{ href: `/watch/${uid}`, label: 'Try again', reload: true }}>
        <p className="alert" role="alert" data-kind={result.kind}>
          {result.message}
        </p>
      </Notice>
    );
  }
  return <Viewer input={result.data} />;
}
