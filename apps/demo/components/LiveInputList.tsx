'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { fetchLiveInputs } from '../lib/demoApiClient';
import type { DemoApiError } from '../lib/demoApiError';
import type { LiveInputListItem } from '../lib/liveInputViews';
import { ACTIVITY_REFRESH_MS, liveInputsQueryKey } from '../lib/queryKeys';
import { DeleteLiveInputButton } from './DeleteLiveInputButton';
import { LiveStatus } from './LiveStatus';

/** Every live input with who is live and how many watch, refreshed while the page is open. */
export function LiveInputList() {
  const inputs = useQuery<LiveInputListItem[], DemoApiError>({
    queryKey: liveInputsQueryKey,
    queryFn: ({ signal }) => fetchLiveInputs(signal),
    refetchInterval: ACTIVITY_REFRESH_MS,
    // One quick retry: an unreachable server should be said within a second or two, not after TanStack's default 7 s.
    retry: 1,
  });

  return (
    <section className="card" aria-labelledby="inputs-title" aria-busy={inputs.isPending} data-state={inputs.status}>
      <h2 id="inputs-title">Live inputs</h2>
      {inputs.error && (
        <div className="alert" role="alert">
          <p>{inputs.error.message}</p>
          <button className="button" type="button" onClick={() => void inputs.refetch()}>
            Try again
          </button>
        </div>
      )}
      {inputs.isPending && <p className="muted">Loading…</p>}
      {inputs.data?.length === 0 && <p className="muted">None yet: create one above, then go live from its studio.</p>}
      {inputs.data && inputs.data.length > 0 && (
        <ul className="input-list">
          {inputs.data.map((input) => (
            <li key={input.uid} className="input-row" data-testid="live-input-row" data-uid={input.uid}>
              <div className="input-row-main">
                <Link className="input-name truncate" href={`/inputs/${input.uid}`} title={input.name}>
                  {input.name}
                </Link>
                <LiveStatus live={input.live} viewerCount={input.viewerCount} />
              </div>
              <div className="input-row-actions">
                <Link className="button" href={`/watch/${input.uid}`}>
                  Watch<span className="sr-only"> {input.name}</span>
                </Link>
                <DeleteLiveInputButton uid={input.uid} name={input.name} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
