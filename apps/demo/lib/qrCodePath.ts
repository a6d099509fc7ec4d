import { encode } from 'uqr';

export interface QrCodePath {
  /** Modules per side, quiet zone included: the SVG's viewBox is `0 0 size size`. */
  readonly size: number;
  /** One SVG path of every dark module, one unit square each. */
  readonly d: string;
}

// The standard asks for a quiet zone of 4 modules; phone cameras find the code faster with it.
const QUIET_ZONE_MODULES = 4;

/** A QR code of `text`, computed here (no QR service), as one SVG path. Medium error correction survives a glare. */
export function qrCodePath(text: string): QrCodePath {
  const { size, data } = encode(text, { ecc: 'M', border: QUIET_ZONE_MODULES });
  let d = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size, d };
}
