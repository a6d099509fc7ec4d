import { describe, expect, it } from 'vitest';
import { isRemote, useServerTarget, type LiveInput } from './support/target';

// Cloudflare Stream live-inputs API parity (cloudflare-stream.md): same paths, same envelope.
const target = useServerTarget();
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SUMMARY_KEYS = ['created', 'deleteRecordingAfterDays', 'enabled', 'meta', 'modified', 'uid'];

function publishSecret(input: LiveInput): string {
  const match = /\/([^/]+)\/webRTC\/publish$/.exec(new URL(input.webRTC.url).pathname);
  if (!match) throw new Error(`unexpected publish URL ${input.webRTC.url}`);
  return match[1]!;
}

function expectEnvelopeError(body: { success: boolean; errors: { code: number; message: string }[]; result: unknown }) {
  expect(body.success).toBe(false);
  expect(body.result).toBeNull();
  expect(body.errors.length).toBeGreaterThan(0);
  for (const error of body.errors) {
    expect(Number.isInteger(error.code)).toBe(true);
    expect(typeof error.message).toBe('string');
  }
}

describe('live inputs API (Cloudflare parity)', () => {
  it('creates a live input in the envelope with Cloudflare fields and WebRTC URLs', async () => {
    const response = await target.api<LiveInput>('POST', '/live_inputs', { body: { meta: { name: 'created' }, recording: { mode: 'off' } } });
    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
    expect(response.body.errors).toEqual([]);
    const input = response.body.result;
    expect(input.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(input.created).toMatch(RFC3339);
    expect(input.modified).toMatch(RFC3339);
    expect(input.meta).toEqual({ name: 'created' });
    expect(input.enabled).toBe(true);
    expect(input.status).toBeNull();
    expect(input.webRTC.url).toMatch(/^https?:\/\/[^/]+\/[^/]+\/webRTC\/publish$/);
    expect(new URL(input.webRTCPlayback.url).pathname).toBe(`/${input.uid}/webRTC/play`);
    for (const key of ['recording', 'rtmps', 'srt', 'deleteRecordingAfterDays']) expect(input).toHaveProperty(key);
    await target.api('DELETE', `/live_inputs/${input.uid}`);
  });

  it('uses a publish secret of ≥ 128 bits that is not the uid', async () => {
    const input = await target.createLiveInput();
    const secret = publishSecret(input);
    expect(secret).not.toBe(input.uid);
    expect(secret).not.toContain(input.uid);
    const bits = /^[0-9a-f]+$/i.test(secret) ? secret.length * 4 : secret.replace(/[^A-Za-z0-9_-]/g, '').length * 6;
    expect(bits).toBeGreaterThanOrEqual(128);
  });

  it('gets a live input by uid', async () => {
    const input = await target.createLiveInput({ meta: { name: 'fetched' } });
    const response = await target.api<LiveInput>('GET', `/live_inputs/${input.uid}`);
    expect(response.status).toBe(200);
    expect(response.body.result).toMatchObject({ uid: input.uid, meta: { name: 'fetched' }, webRTC: input.webRTC, webRTCPlayback: input.webRTCPlayback });
  });

  it('lists live inputs with total and range, summaries only, no credentials', async () => {
    const inputs = [await target.createLiveInput(), await target.createLiveInput()];
    const response = await target.api<{ liveInputs: Record<string, unknown>[]; range: number; total: number }>('GET', '/live_inputs');
    expect(response.status).toBe(200);
    const { liveInputs, range, total } = response.body.result;
    expect(Number.isInteger(total)).toBe(true);
    expect(Number.isInteger(range)).toBe(true);
    expect(total).toBeGreaterThanOrEqual(liveInputs.length);
    const uids = liveInputs.map((item) => item.uid);
    for (const input of inputs) expect(uids).toContain(input.uid);
    for (const item of liveInputs) expect(Object.keys(item).sort()).toEqual(SUMMARY_KEYS);
    const text = JSON.stringify(response.body);
    for (const input of inputs) expect(text).not.toContain(publishSecret(input));
  });

  it('updates with PUT: meta, enabled and modified change, uid and URLs stay', async () => {
    const input = await target.createLiveInput({ meta: { name: 'before' } });
    const response = await target.api<LiveInput>('PUT', `/live_inputs/${input.uid}`, { body: { meta: { name: 'after' }, enabled: false } });
    expect(response.status).toBe(200);
    expect(response.body.result).toMatchObject({ uid: input.uid, meta: { name: 'after' }, enabled: false, webRTCPlayback: input.webRTCPlayback });
    expect(Date.parse(response.body.result.modified)).toBeGreaterThanOrEqual(Date.parse(input.modified));
    expect((await target.api<LiveInput>('GET', `/live_inputs/${input.uid}`)).body.result.meta).toEqual({ name: 'after' });
  });

  it('deletes a live input: 200, then 404 in the envelope, and its publish URL is gone', async () => {
    const input = await target.createLiveInput();
    const deleted = await target.api('DELETE', `/live_inputs/${input.uid}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.success).toBe(true);
    const again = await target.api('GET', `/live_inputs/${input.uid}`);
    expect(again.status).toBe(404);
    expectEnvelopeError(again.body);
    const whip = await fetch(input.webRTC.url, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: 'v=0\r\n' });
    expect(whip.status).toBe(404);
  });

  it('answers errors in the envelope with numeric codes: unknown uid 404, invalid JSON 400, wrong method 405', async () => {
    const unknown = await target.api('GET', `/live_inputs/${'0'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expectEnvelopeError(unknown.body);
    const invalid = await target.api('POST', '/live_inputs', { raw: '{"meta": ' });
    expect(invalid.status).toBe(400);
    expectEnvelopeError(invalid.body);
    const wrongType = await target.api('POST', '/live_inputs', { body: { meta: 'not an object', enabled: 'yes' } });
    expect(wrongType.status).toBe(400);
    expectEnvelopeError(wrongType.body);
    const method = await target.api('PATCH', `/live_inputs/${(await target.createLiveInput()).uid}`, { body: {} });
    expect(method.status).toBe(405);
    expectEnvelopeError(method.body);
  });

  it('refuses JSON bodies over the cap with 413 in the envelope', async () => {
    const response = await target.api('POST', '/live_inputs', { body: { meta: { name: 'x'.repeat(1024 * 1024) } } });
    expect(response.status).toBe(413);
    expectEnvelopeError(response.body);
  });

  it.skipIf(isRemote && !process.env.ONAIR_CONFORMANCE_TOKEN)('answers 401 in the envelope without a token and with a wrong one', async () => {
    for (const token of [null, 'wrong-token']) {
      const response = await target.api('GET', '/live_inputs', { token });
      expect(response.status, `token ${token}`).toBe(401);
      expectEnvelopeError(response.body);
    }
  });

  it.skipIf(isRemote)('answers another account id with a 404 envelope error', async () => {
    const response = await fetch(`${target.url}/client/v4/accounts/someone-else/stream/live_inputs`, { headers: { authorization: `Bearer ${target.token}` } });
    expect(response.status).toBe(404);
    expectEnvelopeError((await response.json()) as Parameters<typeof expectEnvelopeError>[0]);
  });
});
