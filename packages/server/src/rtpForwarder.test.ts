import { expect, test } from 'vitest';
import { ntpTimestamp } from './rtpForwarder.js';

test('NTP timestamps for sender reports: seconds since 1900 and a true 32-bit fraction', () => {
  // 2030-01-01T00:00:00.250Z as a performance.now() value.
  const unixMs = Date.UTC(2030, 0, 1, 0, 0, 0, 250);
  const ntp = ntpTimestamp(unixMs - performance.timeOrigin);
  expect(Number(ntp >> 32n)).toBe(Math.floor(unixMs / 1000) + 2_208_988_800);
  // A quarter second, within the float error of timeOrigin + now (~1 µs).
  expect(Math.abs(Number(ntp & 0xffffffffn) - 2 ** 30)).toBeLessThan(2 ** 32 / 1e5);
});
