import type { Metadata } from 'next';
import { cache } from 'react';
import { LoadFailed } from '../../../components/LoadFailed';
import { Viewer } from '../../../components/Viewer';
import { toPlayableLiveInput } from '../../../lib/liveInputViews';
import { loadLiveInputOr404 } from '../../../lib/loadLiveInput';

interface WatchPageProps {
  readonly params: Promise<{ uid: string }>;
}

// Metadata and page share one lookup per request.
const loadPlayableLiveInput = cache((uid: string) => loadLiveInputOr404(uid, toPlayableLiveInput));

export async function generateMetadata({ params }: WatchPageProps): Promise<Metadata> {
  const result = await loadPlayableLiveInput((await params).uid);
  return { title: result.ok ? `${result.data.name} · Watch · onair demo` : 'Watch · onair demo' };
}

/** Looks the input up on the server (no API token in the browser) and plays its WHEP URL. */
export default async function WatchPage({ params }: WatchPageProps) {
  const { uid } = await params;
  const result = await loadPlayableLiveInput(uid);
  if (!result.ok) return <LoadFailed title="This stream could not be loaded" failure={result} retryHref={`/watch/${uid}`} />;
  return <Viewer input={result.data} />;
}
