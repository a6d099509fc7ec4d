import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { CreateLiveInputForm } from '../components/CreateLiveInputForm';
import { LiveInputList } from '../components/LiveInputList';
import { loadLiveInputList } from '../lib/loadLiveInputList';
import { makeQueryClient } from '../lib/makeQueryClient';
import { liveInputsQueryKey } from '../lib/queryKeys';

// Live data on every request: never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  // The list arrives with the HTML; the browser then keeps it fresh. A failed prefetch is left to the browser to retry and show.
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: liveInputsQueryKey, queryFn: loadLiveInputList });
  return (
    <>
      <h1 className="page-title">Go live from your browser</h1>
      <p className="page-lead">
        Create a live input, go live with your camera over WHIP from its studio, and share the watch link: viewers play it over
        WHEP, usually well under a second behind.
      </p>
      <div className="stack">
        <CreateLiveInputForm />
        <HydrationBoundary state={dehydrate(queryClient)}>
          <LiveInputList />
        </HydrationBoundary>
      </div>
    </>
  );
}
