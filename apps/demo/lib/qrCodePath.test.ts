import decodeQR from '@paulmillr/qr/decode.js';
import { describe, expect, it } from 'vitest';
import { qrCodePath } from './qrCodePath';

const PIXELS_PER_MODULE = 6;

/** Paints the path's unit squares as a camera would see them: black on white, RGBA. */
function rasterize({ size, d }: { size: number; d: string }) {
  const width = size * PIXELS_PER_MODULE;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let py = 0; py < PIXELS_PER_MODULE; py++) {
      for (let px = 0; px < PIXELS_PER_MODULE; px++) {
        const offset = ((Number(y) * PIXELS_PER_MODULE + py) * width + Number(x) * PIXELS_PER_MODULE + px) * 4;
        data.fill(0, offset, offset + 3);
      }
    }
  }
  return { width, height: width, data };
}

describe('qrCodePath', () => {
  it.each(['http://127.0.0.1:3000/watch/0123456789abcdef0123456789abcdef', 'https://demo.example.com/watch/ffffffffffffffffffffffffffffffff'])(
    'draws a code a reader decodes back to %s',
    (url) => {
      expect(decodeQR(rasterize(qrCodePath(url)))).toBe(url);
    },
  );

  it('keeps a quiet zone of 4 light modules on every side', () => {
    const { size, d } = qrCodePath('https://example.com/');
    const squares = [...d.matchAll(/M(\d+) (\d+)/g)].map(([, x, y]) => [Number(x), Number(y)]);
    expect(Math.min(...squares.flat())).toBe(4);
    expect(Math.max(...squares.flat())).toBe(size - 5);
  });
});
