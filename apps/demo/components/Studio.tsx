'use client';

import type { WhipStatus } from '@onair/core';
import { liveInputQueryKey, useLiveInput } from '@onair/react/query';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { fetchStudioLiveInput } from '../lib/demoApiClient';
import type { StudioLiveInput } from '../lib/liveInputViews';
import type { StreamTarget } from '../lib/streamConfig';
import { DeleteLiveInputButton } from './DeleteLiveInputButton';
import { LiveStatus } from './LiveStatus';
import { Notice } from './Notice';
import { StudioBroadcast } from './StudioBroadcast';
import { StudioObs } from './StudioObs';
import { StudioShare } from './StudioShare';
import { liveInputActivityQueryKey } from '../lib/queryKeys';
import { useLiveInputActivity, type ExpectedActivity } from './useLiveInputActivity';

// How long the studio asks often for the server to agree with its own Go live / End stream (a
// host such as Cloudflare may take longer: the usual refresh covers that).
const EXPECT_FOR_MS = 5_000;

/**
 * One input's studio. The server loaded the input (app/inputs/[uid]/page.tsx), so this renders at
 * once; activity (live, viewers) refreshes while the page is open.
 */
export function Studio({ prefetched, watchUrl, target }: { prefetched: StudioLiveInput; watchUrl: string; target: StreamTarget }) {
  const { uid } = prefetched;
  const router = useRouter();
  const queryClient = useQueryClient();
  // Seeds the cache under @onair/react's key before the query reads it. (The server cannot compute that key
  // itself: the package is one 'use client' module, so a HydrationBoundary cannot carry this query.)
  useState(() => queryClient.setQueryData(liveInputQueryKey(uid), (cached?: StudioLiveInput) => cached ?? prefetched));
  const { data: input = prefetched } = useLiveInput<StudioLiveInput>({ uid, fetchLiveInput: fetchStudioLiveInput });
  // Going live or ending here changes the input's activity: the header follows within moments, not at the next refresh.
  const [expected, setExpected] = useState<ExpectedActivity | undefined>();
  const activity = useLiveInputActivity(uid, expected);
  const onBroadcastStatus = (status: WhipStatus) => {
    if (status !== 'live' && status !== 'ended') return;
    setExpected({ live: status === 'live', until: Date.now() + EXPECT_FOR_MS });
    void queryClient.invalidateQueries({ queryKey: liveInputActivityQueryKey(uid) });
  };

  if (activity.error?.kind === 'not-found') {
    return (
      <Notice title="This live input was deleted" state="deleted">
        <p className="muted">Nobody can go live on it or watch it any more.</p>
      </Notice>
    );
  }
  return (
    <>
      <div className="page-header">
        <h1 className="page-title clamp" title={input.name}>
          {input.name}
        </h1>
        <LiveStatus live={activity.data?.live} viewerCount={activity.data?.viewerCount} />
      </div>
      <div className="grid">
        <StudioBroadcast whipUrl={input.webRTC.url} target={target} onStatusChange={onBroadcastStatus} />
        <div className="stack">
          <StudioShare watchUrl={watchUrl} />
          <StudioObs whipUrl={input.webRTC.url} />
          <section className="card" aria-labelledby="manage-title">
            <h2 id="manage-title">Manage</h2>
            <DeleteLiveInputButton uid={uid} name={input.name} onDeleted={() => router.push('/')} />
          </section>
        </div>
      </div>
    </>
  );
}

