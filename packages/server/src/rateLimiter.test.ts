import { expect, test } from 'vitest';
import { startOnairServer } from './onairServer.js';
import { RateLimiter } from './rateLimiter.js';

test('a fixed window per key, with the wait in seconds', () => {
  const limiter = new RateLimiter({ max: 2, windowMs: 10_000 });
  expect(limiter.take('a', 0)).toBe(0);
  expect(limiter.take('a', 1)).toBe(0);
  expect(limiter.take('a', 2_000)).toBe(8);
  expect(limiter.take('b', 2_000)).toBe(0);
  expect(limiter.take('a', 10_000)).toBe(0);
});

test('POST/PATCH/DELETE past the limit get 429 + Retry-After; GET is not limited', async () => {
  const server = await startOnairServer({ port: 0, rateLimit: { max: 3, windowMs: 60_000 } });
  try {
    const api = `${server.url}/client/v4/accounts/local/stream/live_inputs`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(api, { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(api, { method: 'DELETE' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { success: boolean }).success).toBe(false);
    expect((await fetch(api)).status).toBe(200);
  } finally {
    await server.close();
  }
});
