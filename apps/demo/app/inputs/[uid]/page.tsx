import type { Metadata } from 'next';
import { cache } from 'react';
import { LoadFailed } from '../../../components/LoadFailed';
import { Studio } from '../../../components/Studio';
import { toStudioLiveInput } from '../../../lib/liveInputViews';
import { loadLiveInputOr404 } from '../../../lib/loadLiveInput';
import { publicOrigin } from '../../../lib/publicOrigin';
import { streamConfig } from '../../../lib/streamConfig';

interface StudioPageProps {
  readonly params: Promise<{ uid: string }>;
}

// Metadata and page share one lookup per request.
const loadStudioLiveInput = cache((uid: string) => loadLiveInputOr404(uid, toStudioLiveInput));

export async function generateMetadata({ params }: StudioPageProps): Promise<Metadata> {
  const result = await loadStudioLiveInput((await params).uid);
  return { title: result.ok ? `${result.data.name} · Studio · onair demo` : 'Studio · onair demo' };
}

/** One URL per input, so a reload keeps it. The WHIP URL is read here, on the server, with the API token. */
export default async function StudioPage({ params }: StudioPageProps) {
  const { uid } = await params;
  const result = await loadStudioLiveInput(uid);
  if (!result.ok) return <LoadFailed title="This live input could not be loaded" failure={result} retryHref={`/inputs/${uid}`} />;
  return <Studio prefetched={result.data} watchUrl={`${await publicOrigin()}/watch/${uid}`} target={streamConfig().target} />;
}
