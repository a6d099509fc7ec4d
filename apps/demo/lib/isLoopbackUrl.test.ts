import { describe, expect, it } from 'vitest';
import { isLoopbackUrl } from './isLoopbackUrl';

describe('isLoopbackUrl', () => {
  it.each(['http://127.0.0.1:3000/watch/x', 'http://localhost:3000/', 'http://app.localhost/', 'http://127.1.2.3/', 'http://[::1]:3000/'])(
    'is true for %s',
    (url) => expect(isLoopbackUrl(url)).toBe(true),
  );

  it.each(['http://192.168.1.20:3000/watch/x', 'https://demo.example.com/', 'http://127.0.0.1.example.com/', 'not a url'])(
    'is false for %s',
    (url) => expect(isLoopbackUrl(url)).toBe(false),
  );
});
