import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OnairServer } from './onairServer.js';
import { startOnairServer } from './onairServer.js';

let server: OnairServer;
const token = 'test-token';
const api = (path = '') => `${server.url}/client/v4/accounts/acct/stream/live_inputs${path}`;
const auth = { Authorization: `Bearer ${token}` };

async function call(method: string, path = '', body?: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(api(path), {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  server = await startOnairServer({ port: 0, accountId: 'acct', apiToken: token });
});
afterAll(() => server.close());

describe('live inputs API (Cloudflare paths and envelope)', () => {
  test('create returns the full live input in the envelope', async () => {
    const { status, json } = await call('POST', '', { meta: { name: 'studio' }, recording: { mode: 'automatic' } });
    expect(status).toBe(200);
    expect(json).toMatchObject({ success: true, errors: [], messages: [] });
    const input = json.result;
    expect(input.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(input).toMatchObject({ meta: { name: 'studio' }, enabled: true, status: null, deleteRecordingAfterDays: null });
    expect(input.recording).toMatchObject({ mode: 'automatic', requireSignedURLs: false });
    expect(Date.parse(input.created)).not.toBeNaN();
    expect(input.webRTCPlayback.url).toBe(`${server.url}/${input.uid}/webRTC/play`);
    const secret = /\/([0-9a-f]{32})\/webRTC\/publish$/.exec(input.webRTC.url)?.[1];
    expect(secret).toBeDefined();
    expect(secret).not.toBe(input.uid);
    expect(input.rtmps).toEqual({ url: null, streamKey: null });
    expect(input.srt).toEqual({ url: null, streamId: null, passphrase: null });
  });

  test('get, list, update and delete', async () => {
    const created = (await call('POST', '', { meta: { name: 'a' } })).json.result;
    expect((await call('GET', `/${created.uid}`)).json.result).toEqual(created);

    const list = (await call('GET')).json.result;
    expect(list.total).toBe(list.liveInputs.length);
    expect(list.range).toBe(list.liveInputs.length);
    const item = list.liveInputs.find((i: { uid: string }) => i.uid === created.uid);
    expect(item).toEqual({ uid: created.uid, created: created.created, modified: created.modified, meta: { name: 'a' }, deleteRecordingAfterDays: null, enabled: true });
    expect(JSON.stringify(list)).not.toContain('webRTC');

    const updated = (await call('PUT', `/${created.uid}`, { meta: { name: 'b' }, enabled: false })).json.result;
    expect(updated).toMatchObject({ uid: created.uid, meta: { name: 'b' }, enabled: false, webRTC: created.webRTC });

    expect(await call('DELETE', `/${created.uid}`)).toEqual({ status: 200, json: { result: null, success: true, errors: [], messages: [] } });
    const gone = await call('GET', `/${created.uid}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ success: false, result: null, errors: [{ code: 10003 }] });
  });

  test('rotate_keys gives a new publish URL', async () => {
    const created = (await call('POST', '', {})).json.result;
    const rotated = (await call('POST', `/${created.uid}/rotate_keys`)).json.result;
    expect(rotated.webRTC.url).not.toBe(created.webRTC.url);
    expect(rotated.webRTCPlayback.url).toBe(created.webRTCPlayback.url);
    const old = await fetch(created.webRTC.url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: 'v=0\r\n' });
    expect(old.status).toBe(404);
  });

  test('401 in the envelope without the bearer token or with a wrong one', async () => {
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: token }] as Record<string, string>[]) {
      const { status, json } = await call('GET', '', undefined, headers);
      expect(status).toBe(401);
      expect(json).toEqual({ result: null, success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [] });
    }
  });

  test('errors are envelopes: bad JSON, bad fields, unknown account, unknown uid, wrong method', async () => {
    const badJson = await call('POST', '', '{not json');
    expect(badJson.status).toBe(400);
    expect(badJson.json.errors[0].code).toBe(10005);
    expect((await call('POST', '', { enabled: 'yes' })).status).toBe(400);
    expect((await call('POST', '', { meta: [] })).status).toBe(400);
    expect((await call('POST', '', { recording: { mode: 'sometimes' } })).status).toBe(400);
    expect((await call('POST', '', [])).status).toBe(400);
    const otherAccount = await fetch(`${server.url}/client/v4/accounts/other/stream/live_inputs`, { headers: auth });
    expect(otherAccount.status).toBe(404);
    expect((await otherAccount.json()).success).toBe(false);
    expect((await call('PUT', '/0123456789abcdef0123456789abcdef', {})).status).toBe(404);
    const patch = await call('PATCH', '', {});
    expect(patch.status).toBe(405);
    expect(patch.json.success).toBe(false);
  });

  test('JSON bodies are capped', async () => {
    const { status, json } = await call('POST', '', { meta: { name: 'x'.repeat(70 * 1024) } });
    expect(status).toBe(413);
    expect(json.success).toBe(false);
  });
});

test('meta nested deeper than 32 levels is refused (400), so every list stays writable', async () => {
  const nested = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`) as Record<string, unknown>;
  const deep = `{"meta":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
  const refused = await call('POST', '', deep);
  expect(refused.status).toBe(400);
  expect(refused.json).toMatchObject({ success: false, errors: [{ code: 10005, message: expect.stringContaining('32 levels') }] });
  expect((await call('POST', '', { meta: nested(33) })).status).toBe(400);
  expect((await call('POST', '', { meta: nested(32) })).status).toBe(200);
  const created = (await call('POST')).json.result;
  expect((await call('PUT', `/${created.uid}`, { meta: nested(33) })).status).toBe(400);
  expect((await call('GET')).status).toBe(200);
});

test('deleteRecordingAfterDays is null or a number of at least 30, as on Cloudflare', async () => {
  for (const days of [7, 29.5, -1, '45', true]) {
    const { status, json } = await call('POST', '', { deleteRecordingAfterDays: days });
    expect(status, JSON.stringify(days)).toBe(400);
    expect(json).toMatchObject({ success: false, errors: [{ code: 10005 }] });
  }
  expect((await call('POST', '', { deleteRecordingAfterDays: 30 })).json.result.deleteRecordingAfterDays).toBe(30);
  expect((await call('POST', '', { deleteRecordingAfterDays: 45.5 })).json.result.deleteRecordingAfterDays).toBe(45.5);
  expect((await call('POST', '', { deleteRecordingAfterDays: null })).json.result.deleteRecordingAfterDays).toBeNull();
});

test('without accountId any account works, and without apiToken no auth is needed', async () => {
  const open = await startOnairServer({ port: 0 });
  try {
    expect(open.accountId).toBe('local');
    const res = await fetch(`${open.url}/client/v4/accounts/anything/stream/live_inputs`, { method: 'POST' });
    expect(res.status).toBe(200);
    const list = await (await fetch(`${open.url}/client/v4/accounts/anything/stream/live_inputs`)).json();
    expect(list.result.total).toBe(1);
  } finally {
    await open.close();
  }
});

test('the open-sessions list, whose ids are the session URLs’ only credential, needs the API token', async () => {
  expect((await fetch(`${server.url}/_onair/sessions`)).status).toBe(401);
  expect((await fetch(`${server.url}/_onair/sessions`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  expect((await fetch(`${server.url}/_onair/sessions`, { headers: auth })).status).toBe(200);
});
