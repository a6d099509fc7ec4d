// The timestamp the glass-to-glass bench draws on the creator's canvas and reads back from the
// viewer's decoded frames: 24 bits of wall-clock milliseconds (wrapping every ~4.7 h) and an 8-bit
// check, as a grid of big black/white cells that survive a low-bitrate encode and any scaling.

export const STAMP_BITS = 32;
export const STAMP_COLUMNS = 8;
/** The source canvas; the viewer maps the decoded frame back onto this size before reading. */
export const CANVAS = { width: 640, height: 480 };
/** Cell size in canvas pixels; the grid sits in the top-left corner. */
export const CELL = 40;
const MODULUS = 2 ** 24;

/** Wall-clock ms in every browser process alike (timeOrigin is wall-clock; now() is monotonic from it). */
export const wallClockMs = () => performance.timeOrigin + performance.now();

function check(value: number): number {
  return ((value & 0xff) ^ ((value >> 8) & 0xff) ^ ((value >> 16) & 0xff) ^ 0xa5) & 0xff;
}

/** The cells to paint for `ms` (true = white), row by row. */
export function encodeStamp(ms: number): boolean[] {
  const value = Math.floor(ms) % MODULUS;
  const word = value * 256 + check(value);
  return Array.from({ length: STAMP_BITS }, (_, i) => Math.floor(word / 2 ** (STAMP_BITS - 1 - i)) % 2 === 1);
}

/** The 24-bit value read from the cells, or null when the check does not match (a torn or blurred frame). */
export function decodeStamp(bits: readonly boolean[]): number | null {
  if (bits.length !== STAMP_BITS) return null;
  const word = bits.reduce((acc, bit) => acc * 2 + (bit ? 1 : 0), 0);
  const value = Math.floor(word / 256);
  return word % 256 === check(value) ? value : null;
}

/**
 * How old a stamp read at wall-clock `nowMs` is (the 24-bit value wraps). Signed: pages' clocks
 * agree to ~1 ms, so a frame shown within a millisecond of its painting may read slightly negative.
 */
export function stampAge(nowMs: number, stamp: number): number {
  const age = (((Math.floor(nowMs) % MODULUS) - stamp + MODULUS) % MODULUS) + (nowMs - Math.floor(nowMs));
  return age > MODULUS / 2 ? age - MODULUS : age;
}

/** Top-left corner of cell `i` in canvas pixels. */
export function cellOrigin(i: number): { x: number; y: number } {
  return { x: (i % STAMP_COLUMNS) * CELL, y: Math.floor(i / STAMP_COLUMNS) * CELL };
}

/** The grid's size in canvas pixels. */
export const GRID = { width: STAMP_COLUMNS * CELL, height: Math.ceil(STAMP_BITS / STAMP_COLUMNS) * CELL };

/**
 * Reads the stamp from RGBA pixels of the grid area (GRID-sized, as getImageData returns it): the
 * mean luma of the middle half of each cell, white above mid-grey.
 */
export function readStamp(rgba: Uint8ClampedArray | Uint8Array): number | null {
  const bits: boolean[] = [];
  for (let i = 0; i < STAMP_BITS; i++) {
    const { x, y } = cellOrigin(i);
    let sum = 0;
    let n = 0;
    for (let dy = CELL / 4; dy < (3 * CELL) / 4; dy += 2) {
      for (let dx = CELL / 4; dx < (3 * CELL) / 4; dx += 2) {
        const o = ((y + dy) * GRID.width + (x + dx)) * 4;
        sum += 0.299 * rgba[o]! + 0.587 * rgba[o + 1]! + 0.114 * rgba[o + 2]!;
        n++;
      }
    }
    bits.push(sum / n > 128);
  }
  return decodeStamp(bits);
}
