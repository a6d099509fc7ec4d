import { afterEach, describe, expect, it } from 'vitest';
import { LiveInputsClient } from './liveInputsClient';
import { scriptedServer, type Script } from './testing/scriptedServer';

const input = {
  uid: '0123456789abcdef0123456789abcdef',
  created: '2026-11-25T18:00:00Z',
  modified: '2026-11-25T18:00:00Z',
  meta: { name: 'show' },
  enabled: true,
  status: null,
  webRTC: { url: 'http://h/secret/webRTC/publish' },
  webRTCPlayback: { url: 'http://h/0123/webRTC/play' },
};
const envelope = (result: unknown) => JSON.stringify({ result, success: true, errors: [], messages: [] });

let server: Awaited<ReturnType<typeof scriptedServer>>;
afterEach(() => server?.close());

async function client(script: Script, apiToken?: string) {
  server = await scriptedServer(script);
  return new LiveInputsClient({ accountId: 'acc', apiToken, baseUrl: `${server.url}/client/v4/` });
}

describe('LiveInputsClient', () => {
  it('creates, gets, lists, updates and deletes at Cloudflare’s paths, with the bearer token', async () => {
    const live = await client((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.method === 'GET' && req.path.endsWith('/live_inputs')) return void res.end(envelope({ liveInputs: [input], range: 1, total: 1 }));
      res.end(req.method === 'DELETE' ? '' : envelope(input));
    }, 'tok');
    expect(await live.create({ meta: { name: 'show' }, recording: { mode: 'off' } })).toEqual(input);
    expect(await live.get(input.uid)).toEqual(input);
    expect(await live.list()).toEqual({ liveInputs: [input], range: 1, total: 1 });
    expect(await live.update(input.uid, { enabled: false })).toEqual(input);
    await live.delete(input.uid);
    const base = '/client/v4/accounts/acc/stream/live_inputs';
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${base}`,
      `GET ${base}/${input.uid}`,
      `GET ${base}`,
      `PUT ${base}/${input.uid}`,
      `DELETE ${base}/${input.uid}`,
    ]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ meta: { name: 'show' }, recording: { mode: 'off' } });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer tok')).toBe(true);
  });

  it('sends no Authorization header without a token', async () => {
    const live = await client((_req, res) => void res.writeHead(200).end(envelope(input)));
    await live.get('x');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('maps envelope errors to kind api with status and errors', async () => {
    const errors = [{ code: 10000, message: 'Authentication error' }];
    const live = await client((_req, res) => void res.writeHead(401).end(JSON.stringify({ result: null, success: false, errors, messages: [] })));
    await expect(live.list()).rejects.toMatchObject({ kind: 'api', status: 401, problem: errors, message: expect.stringContaining('Authentication error (10000)') });
  });

  it('treats success:false as an error even with a 200, and a non-JSON body too', async () => {
    let calls = 0;
    const live = await client((_req, res) => {
      if (calls++ === 0) return void res.writeHead(200).end(JSON.stringify({ result: null, success: false, errors: [{ code: 1, message: 'nope' }] }));
      res.writeHead(502).end('<html>Bad gateway</html>');
    });
    await expect(live.get('a')).rejects.toMatchObject({ kind: 'api', status: 200 });
    await expect(live.get('a')).rejects.toMatchObject({ kind: 'api', status: 502, message: expect.stringContaining('Bad gateway') });
  });

  it('reports an unreachable API as kind network', async () => {
    const live = await client(() => {});
    await server.close();
    await expect(live.get('a')).rejects.toMatchObject({ kind: 'network' });
  });
});
