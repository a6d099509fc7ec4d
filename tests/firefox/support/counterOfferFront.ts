import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyCors } from '../../../packages/server/src/cors';

/**
 * A WHEP endpoint in front of @onair/server's that answers every client offer with a WHEP-03
 * counter-offer: 406 carrying the server's own offer (from an empty POST in server-offer mode) and
 * its session `Location`. The client then talks to @onair/server directly (PATCH answer, trickle,
 * DELETE), so the 406 path runs against a real werift offer.
 */
export async function startCounterOfferFront(playUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    applyCors(res);
    if (req.method !== 'POST') {
      res.writeHead(req.method === 'OPTIONS' ? 204 : 405).end();
      return;
    }
    // The client's offer is read and dropped: the counter-offer replaces it.
    for await (const chunk of req) void chunk;
    const upstream = await fetch(playUrl, { method: 'POST', headers: { Accept: 'application/sdp' } });
    const location = upstream.headers.get('location');
    const headers: Record<string, string> = { 'Content-Type': upstream.headers.get('content-type') ?? 'text/plain' };
    if (location) headers.Location = new URL(location, playUrl).href;
    res.writeHead(upstream.status === 201 ? 406 : upstream.status, headers).end(await upstream.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/whep`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
