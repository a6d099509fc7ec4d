import { expect, test } from 'vitest';
import { ifMatchAllows } from './sessionResource.js';

const etag = '"0123456789abcdef0123456789abcdef"';

test('If-Match: "*", or any listed tag equal to the ETag under strong comparison', () => {
  expect(ifMatchAllows('*', etag)).toBe(true);
  expect(ifMatchAllows(` ${etag} `, etag)).toBe(true);
  expect(ifMatchAllows(`"x", ${etag}`, etag)).toBe(true);
  expect(ifMatchAllows(`"a,b",${etag}`, etag)).toBe(true);
  expect(ifMatchAllows('"x", "y"', etag)).toBe(false);
  // Weak tags never match strongly, and a bare value is no entity-tag.
  expect(ifMatchAllows(`W/${etag}`, etag)).toBe(false);
  expect(ifMatchAllows(etag.slice(1, -1), etag)).toBe(false);
  // A comma inside quotes belongs to the tag.
  expect(ifMatchAllows(`"${etag.slice(1, -1)},x"`, etag)).toBe(false);
});
