// Vitest browser commands (they run in the Vitest Node process) that put a lossy UDP link
// (tests/support/lossyUdpLink.ts) between a browser peer and a server socket.
import type { BrowserCommand } from 'vitest/node';
import { startLossyUdpLink, type LinkCounts, type LossyUdpLink } from '../tests/support/lossyUdpLink.ts';

const links = new Map<number, LossyUdpLink>();

/** Starts a link to `host:port` that drops every `dropEvery`-th RTP packet each way; returns its port. */
const startLossyLink: BrowserCommand<[target: { host: string; port: number }, dropEvery: number]> = async (_context, target, dropEvery) => {
  const link = await startLossyUdpLink(target, dropEvery);
  links.set(link.port, link);
  return { port: link.port };
};

const lossyLinkCounts: BrowserCommand<[port: number]> = async (_context, port): Promise<LinkCounts> => {
  const link = links.get(port);
  if (!link) throw new Error(`no lossy link on port ${port}`);
  return link.counts();
};

/** Closes every link. Call it in afterEach/afterAll. */
const stopLossyLinks: BrowserCommand<[]> = async () => {
  await Promise.all([...links.values()].map((link) => link.close()));
  links.clear();
};

export const lossyLinkCommands = { startLossyLink, lossyLinkCounts, stopLossyLinks };
