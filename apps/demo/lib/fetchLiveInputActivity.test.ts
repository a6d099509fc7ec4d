import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeApiError } from './describeApiError';
import { fetchLiveInputActivity } from './fetchLiveInputActivity';
import { streamConfig } from './streamConfig';

// A playback host on a real socket: what @onair/server and Cloudflare answer on /{uid}/lifecycle and /{uid}/views.
const ROUTES: Record<string, [number, unknown]> = {
  '/live/lifecycle': [200, { isInput: true, videoUID: null, live: true }],
  '/live/views': [200, { liveViewers: 2 }],
  '/idle/lifecycle': [200, { isInput: true, videoUID: null, live: false }],
  '/idle/views': [500, { error: 'broken' }],
  '/video/lifecycle': [200, { isInput: false, videoUID: 'abc', live: false }],
};

let server: Server;
let origin: string;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url!);
    const [status, body] = ROUTES[request.url!] ?? [404, { error: 'No live input with this id' }];
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requested.length = 0;
});

const local = streamConfig({});
const cloudflare = streamConfig({ CLOUDFLARE_ACCOUNT_ID: 'acc', CLOUDFLARE_API_TOKEN: 'tok' });
const play = (uid: string) => `${origin}/${uid}/webRTC/play`;

describe('fetchLiveInputActivity', () => {
  it('reads live from lifecycle and the viewer count from views on @onair/server', async () => {
    expect(await fetchLiveInputActivity(play('live'), local)).toEqual({ live: true, viewerCount: 2 });
  });

  it('shows no viewer count on Cloudflare, and does not ask for one', async () => {
    expect(await fetchLiveInputActivity(play('live'), cloudflare)).toEqual({ live: true, viewerCount: null });
    expect(requested).toEqual(['/live/lifecycle']);
  });

  it('keeps live when only the viewer count fails', async () => {
    expect(await fetchLiveInputActivity(play('idle'), local)).toEqual({ live: false, viewerCount: null });
  });

  it.each([
    ['an unknown input (404)', 'gone'],
    ['a video, not a live input', 'video'],
  ])('reports %s as not found', async (_, uid) => {
    const error = await fetchLiveInputActivity(play(uid), local).catch((e: unknown) => e);
    expect(describeApiError(error, local)).toMatchObject({ status: 404, kind: 'not-found' });
  });

  it('is unknown, without a request, when the playback URL is not of the /{uid}/webRTC/play form', async () => {
    expect(await fetchLiveInputActivity(`${origin}/signed-token-here`, local)).toEqual({ live: null, viewerCount: null });
    expect(requested).toEqual([]);
  });

  it('says the host is unreachable rather than hanging', async () => {
    const error = await fetchLiveInputActivity('http://127.0.0.1:9/x/webRTC/play', local).catch((e: unknown) => e);
    expect(describeApiError(error, local)).toMatchObject({ kind: 'unreachable' });
  });
});
