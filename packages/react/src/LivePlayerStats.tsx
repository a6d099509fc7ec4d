'use client';
import { forwardRef, Fragment, type ComponentPropsWithoutRef } from 'react';
import { formatStats } from './formatStats';
import { useLivePlayerContext } from './livePlayerContext';
import { useStats, type UseStatsOptions } from './useStats';

export type LivePlayerStatsProps = ComponentPropsWithoutRef<'dl'> & UseStatsOptions;

/** The connection's stats as a `<dl>`, read every `intervalMs` (default 1 s); only this part re-renders. */
export const LivePlayerStats = forwardRef<HTMLDListElement, LivePlayerStatsProps>(function LivePlayerStats({ intervalMs, ...props }, ref) {
  const { player } = useLivePlayerContext();
  const stats = useStats(player, { intervalMs });
  if (!stats) return null;
  return (
    <dl ref={ref} data-onair="live-player-stats" {...props}>
      {formatStats(stats).map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
});
