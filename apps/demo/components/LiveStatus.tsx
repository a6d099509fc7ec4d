import { ViewerCount } from './ViewerCount';

/** "Live · 3 watching" / "Off air": from the playback host; nothing at all while unknown. */
export function LiveStatus({ live, viewerCount }: { live: boolean | null | undefined; viewerCount: number | null | undefined }) {
  if (live == null) return null;
  return (
    <p className="live-status" data-state={live ? 'live' : 'idle'} data-testid="live-status">
      <span className="badge" data-state={live ? 'live' : 'idle'}>
        {live ? 'Live' : 'Off air'}
      </span>
      {live && <ViewerCount count={viewerCount} />}
    </p>
  );
}
