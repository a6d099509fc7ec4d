import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Notice } from '../../../components/Notice';
import { Studio } from '../../../components/Studio';
import { toStudioLiveInput } from '../../../lib/liveInputViews';
import { loadLiveInput } from '../../../lib/loadLiveInput';
import { publicOrigin } from '../../../lib/publicOrigin';
import { streamConfig } from '../../../lib/streamConfig';

interface StudioPageProps {
  readonly params: Promise<{ uid: string }>;
}

// Metadata and page share one lookup per request.
const loadStudioLiveInput = cache((uid: string) => loadLiveInput(uid, toStudioLiveInput));

export async function generateMetadata({ params }: StudioPageProps): Promise<Metadata> {
  const result = await loadStudioLiveInput((await params).uid);
  return { title: result.ok ? `${result.data.name} · Studio · onair demo` : 'Studio · onair demo' };
}

/** One URL per input, so a reload keeps it. The WHIP URL is read here, on the server, with the API token. */
export default async function StudioPage({ params }: StudioPageProps) {
  const { uid } = await params;
  const result = await loadStudioLiveInput(uid);
  if (!result.ok && result.kind === 'not-found') notFound();
  if (!result.ok) {
    return (
      <Notice title="This live input could not be loaded" state="error" action={{ href: `/inputs/${uid}`, label: 'Try again', reload: true }}>
        <p className="alert" role="alert" data-kind={result.kind}>
          {result.message}
        </p>
      </Notice>
    );
  }
  return <Studio prefetched={result.data} watchUrl={`${await publicOrigin()}/watch/${uid}`} target={streamConfig().target} />;
}
