import { expect, it } from 'vitest';
import { parseRetryAfter } from './retryAfter';

it('reads Retry-After as seconds or an HTTP-date', () => {
  expect(parseRetryAfter('3')).toBe(3000);
  expect(parseRetryAfter(' 0 ')).toBe(0);
  const now = Date.parse('Wed, 25 Nov 2026 18:00:00 GMT');
  expect(parseRetryAfter('Wed, 25 Nov 2026 18:00:05 GMT', now)).toBe(5000);
  expect(parseRetryAfter('Wed, 25 Nov 2026 17:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('soon')).toBeUndefined();
  expect(parseRetryAfter(null)).toBeUndefined();
});
