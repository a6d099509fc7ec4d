import { describe, expect, it } from 'vitest';
import { http, postSdp } from './support/http';
import { isRemote, useServerTarget } from './support/target';

// RFC 9725 §5: rate-limit POST/PATCH/DELETE. Needs a server with a tiny known limit, so it runs
// against the local server only.
const LIMIT = 5;
const target = useServerTarget({ rateLimit: { max: LIMIT, windowMs: 60_000 } });

describe.skipIf(isRemote)('rate limiting (RFC 9725 §5)', () => {
  it('answers 429 with Retry-After once a client exceeds the POST limit, and never limits reads', async () => {
    const input = await target.createLiveInput();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < LIMIT + 2; i++) {
      const response = await postSdp(input.webRTC.url, 'not sdp');
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
    }
    expect(statuses.slice(0, LIMIT - 1).every((status) => status === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Reads stay available to a limited client.
    expect((await target.api('GET', `/live_inputs/${input.uid}`)).status).toBe(200);
    expect((await http(input.webRTC.url, { method: 'OPTIONS' })).status).toBeLessThan(300);
  });
});
